/**
 * The UC portal emulator's seeded data: two customer tenants, each with its bearer token,
 * users (one of them a user administrator), a PBX directory (who exists on the phone system,
 * for the automatic `customer.user.pbx`) and softphone devices. Exported so tests and the
 * demo use one source; see docs/ucportal-wire-decisions.md.
 */

export const ucportalDemoTenants = {
  /** No supervisor l3 or higher yet: the first one assigned adds the realtime add-on. */
  acme: "cust-acme",
  /** Already has an l4 supervisor. */
  globex: "cust-globex",
} as const;

/** Bearer tokens; each opens exactly one tenant. */
export const ucportalDemoTokens = {
  acme: "ucp-acme-7f3c2a91d4e84b0c",
  globex: "ucp-globex-2b8e6d05c1a74f93",
} as const;

const acme = ucportalDemoTenants.acme;
const globex = ucportalDemoTenants.globex;

/** The seeded users by short name; ids are fixed so tests can name them. */
export const ucportalDemoUsers = {
  alice: {
    id: "0b7f3a52-9c1e-4d6a-8f21-5e3d9a7c1001", tenantId: acme, displayName: "Alice Martin", email: "alice.martin@acme.example",
    roles: ["customer.user", "user.admin", "customer.settings"], primaryTenant: acme, isParent: false, devices: [],
  },
  bob: {
    id: "0b7f3a52-9c1e-4d6a-8f21-5e3d9a7c1002", tenantId: acme, displayName: "Bob Chen", email: "bob.chen@acme.example",
    roles: ["customer.user.pbx", "customer.user.acd", "customer.user", "customer.user.uc", "customer.user.uc.softphone"],
    primaryTenant: acme, isParent: false, devices: ["acme-sp-201"],
  },
  carol: {
    id: "0b7f3a52-9c1e-4d6a-8f21-5e3d9a7c1003", tenantId: acme, displayName: "Carol Diaz", email: "carol.diaz@acme.example",
    roles: ["customer.user", "customer.user.supervisorl2", "customer.user.pbx"], primaryTenant: acme, isParent: false, devices: [],
  },
  reseller: {
    id: "0b7f3a52-9c1e-4d6a-8f21-5e3d9a7c1004", tenantId: acme, displayName: "Northwind Support", email: "support@northwind-reseller.example",
    roles: ["customer.user", "customer.device.readonly"], primaryTenant: "reseller-northwind", isParent: true, devices: [],
  },
  grace: {
    id: "5c2d8e14-3a6f-4b7c-9d10-2e4f6a8b2001", tenantId: globex, displayName: "Grace Hopper", email: "grace.hopper@globex.example",
    roles: ["customer.user", "user.admin"], primaryTenant: globex, isParent: false, devices: [],
  },
  hank: {
    id: "5c2d8e14-3a6f-4b7c-9d10-2e4f6a8b2002", tenantId: globex, displayName: "Hank Scorpio", email: "hank.scorpio@globex.example",
    roles: ["customer.user", "user.admin", "customer.voice.admin"], primaryTenant: globex, isParent: false, devices: [],
  },
  ivy: {
    id: "5c2d8e14-3a6f-4b7c-9d10-2e4f6a8b2003", tenantId: globex, displayName: "Ivy Lee", email: "ivy.lee@globex.example",
    roles: ["customer.user", "customer.user.supervisorl4", "customer.user.pbx", "customer.user.pbx.realtime"],
    primaryTenant: globex, isParent: false, devices: [],
  },
} as const;

/** E-mail addresses of each tenant's phone-system users: created with one of them, a user gets `customer.user.pbx`. */
export const ucportalPbxDirectory: Record<string, readonly string[]> = {
  [acme]: ["bob.chen@acme.example", "carol.diaz@acme.example", "dave.evans@acme.example", "erin.fox@acme.example"],
  [globex]: ["ivy.lee@globex.example", "jack.kim@globex.example"],
};

export interface Device {
  id: string;
  name: string;
  extension: string;
}

/** Each tenant's devices that can be assigned as softphones. */
export const ucportalDemoDevices: Record<string, readonly Device[]> = {
  [acme]: [
    { id: "acme-sp-201", name: "Softphone 201", extension: "201" },
    { id: "acme-sp-202", name: "Softphone 202", extension: "202" },
    { id: "acme-sp-203", name: "Softphone 203", extension: "203" },
  ],
  [globex]: [
    { id: "globex-sp-301", name: "Softphone 301", extension: "301" },
    { id: "globex-sp-302", name: "Softphone 302", extension: "302" },
  ],
};

export interface UcUser {
  id: string;
  displayName: string;
  email: string;
  roles: string[];
  primaryTenant: string;
  isParent: boolean;
  devices: string[];
}

export interface UcTenant {
  id: string;
  token: string;
  /** In creation order. */
  users: UcUser[];
  pbxDirectory: Set<string>;
  devices: Device[];
}

export interface SentEmail {
  tenantId: string;
  userId: string;
  email: string;
  type: "activation" | "uc-welcome";
  sentAt: string;
}

export interface UcPortalData {
  tenants: Map<string, UcTenant>;
  /** token -> tenant id */
  tokens: Map<string, string>;
  emails: SentEmail[];
}

export function seedUcPortalData(): UcPortalData {
  const tenants = new Map<string, UcTenant>();
  const tokens = new Map<string, string>();
  for (const [name, tenantId] of Object.entries(ucportalDemoTenants) as [keyof typeof ucportalDemoTenants, string][]) {
    const token = ucportalDemoTokens[name];
    tokens.set(token, tenantId);
    tenants.set(tenantId, {
      id: tenantId,
      token,
      users: Object.values(ucportalDemoUsers)
        .filter((u) => u.tenantId === tenantId)
        .map((u) => ({
          id: u.id, displayName: u.displayName, email: u.email, roles: [...u.roles], primaryTenant: u.primaryTenant,
          isParent: u.isParent, devices: [...u.devices],
        })),
      pbxDirectory: new Set((ucportalPbxDirectory[tenantId] ?? []).map((e) => e.toLowerCase())),
      devices: (ucportalDemoDevices[tenantId] ?? []).map((d) => ({ ...d })),
    });
  }
  return { tenants, tokens, emails: [] };
}
