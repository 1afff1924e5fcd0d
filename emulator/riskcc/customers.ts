/**
 * The seeded risk-cc data: API users for HTTP Basic, and customers by uniqueUserId with
 * the temporary allow last provisioned for each (none at start).
 */

/** The HTTP Basic users the emulator accepts. */
export const riskccDemoCredentials = {
  admin: { username: "riskcc-admin", password: "RiskCC-Demo-2026!" },
  /** A second API user, so tests can tell "wrong password" from "unknown user". */
  automation: { username: "cc-automation", password: "Automation-RiskCC-2026!" },
} as const;

/** Customers' uniqueUserIds (what the User Preferences API would give). */
export const riskccDemoCustomers = {
  alice: "u-100001",
  bob: "u-100002",
  carol: "u-100003",
} as const;

/** What the last successful provisioning call set for a customer. */
export interface ProvisionedTempAllow {
  tempAllowType: number;
  /** As received (trimmed in XML). */
  expirationDate: string;
  /** The expiration in epoch milliseconds, to compare with the emulator's clock. */
  expiresAtMs: number;
  /** The body format of that call. */
  receivedAs: "json" | "xml";
  /** The emulator clock when it arrived, ISO 8601. */
  provisionedAt: string;
}

export interface RiskCcData {
  users: { username: string; password: string }[];
  /** uniqueUserId -> last provisioned allow (undefined: never provisioned). */
  customers: Map<string, ProvisionedTempAllow | undefined>;
}

export function seedRiskCcData(): RiskCcData {
  return {
    users: Object.values(riskccDemoCredentials).map((c) => ({ ...c })),
    customers: new Map(Object.values(riskccDemoCustomers).map((id) => [id, undefined])),
  };
}
