/**
 * The UC portal's role catalogue (seed 003, keys recovered from the French) and the rules
 * over a user's role set: unknown keys, prerequisites, mutually exclusive supervisor
 * licences, and what makes a user administrator. One module for the provider's check()
 * and the emulator, so they cannot disagree (docs/ucportal-wire-decisions.md).
 * No imports from emulator/: the provider ships without it.
 */

/** The seed's four tables: PBX user access type (licences), supervisor access, permissions, clients. */
export type UcPortalRoleCategory = "licence" | "supervisor" | "permission" | "client";

export interface UcPortalRole {
  key: string;
  name: string;
  category: UcPortalRoleCategory;
  /** Roles the user must also hold. */
  requires: readonly string[];
  /** Changing it may incur charges (the seed's licence tables). */
  licensed: boolean;
  /** 1 to 5 for the supervisor access licences. */
  supervisorLevel?: number;
}

export const CUSTOMER_USER = "customer.user";
export const USER_ADMIN = "user.admin";
/** Auto-assigned to users who exist on the phone system. */
export const PBX_ROLE = "customer.user.pbx";
/** Auto-assigned to every PBX user when the tenant's first supervisor l3 or higher is assigned. */
export const REALTIME_ROLE = "customer.user.pbx.realtime";
export const UC_ROLE = "customer.user.uc";
export const SOFTPHONE_ROLE = "customer.user.uc.softphone";
/** The supervisor level from which the realtime add-on is assigned automatically. */
export const REALTIME_SUPERVISOR_LEVEL = 3;
/** The seed's error when the last user administrator would go. */
export const LAST_USER_ADMINISTRATOR_MESSAGE = "There must be at least one user administrator";

const role = (
  key: string, name: string, category: UcPortalRoleCategory, requires: string[] = [], extra: Partial<UcPortalRole> = {},
): UcPortalRole => ({ key, name, category, requires, licensed: category === "licence" || category === "supervisor", ...extra });

const supervisor = (level: number, name: string) =>
  role(`customer.user.supervisorl${level}`, name, "supervisor", [CUSTOMER_USER], { supervisorLevel: level });

/** Every role, in the seed's table order. */
export const UCPORTAL_ROLES: readonly UcPortalRole[] = [
  // User access type: PBX feature licences.
  role(PBX_ROLE, "Essential User", "licence"),
  role("customer.user.uc.essential", "Essential User (UK)", "licence"),
  role("customer.user.uc.remote", "Professional User", "licence", [UC_ROLE]),
  role(REALTIME_ROLE, "Real-Time Add-On", "licence", [PBX_ROLE]),
  role("customer.user.acd", "Agent User Add-On", "licence", [PBX_ROLE]),
  role("customer.user.microsoftteams", "Microsoft Teams User", "licence"),
  // Supervisor access licences: mutually exclusive.
  supervisor(1, "Reporting Supervisor"),
  supervisor(2, "Analytics Supervisor"),
  supervisor(3, "Live Analytics Supervisor"),
  supervisor(4, "Contact Centre Supervisor"),
  supervisor(5, "Insights Supervisor"),
  // Permissions.
  role(CUSTOMER_USER, "Website Access", "permission"),
  role(USER_ADMIN, "Manage Users", "permission", [CUSTOMER_USER]),
  role("customer.billables.admin", "Manage Billable Items", "permission", [CUSTOMER_USER]),
  role("customer.device.readonly", "Device Access", "permission", [CUSTOMER_USER]),
  role("customer.device.admin", "Device Administrator", "permission", [CUSTOMER_USER]),
  role("customer.settings", "Customer Settings", "permission", [CUSTOMER_USER]),
  role("customer.directories.contributor", "Manage Contact Directories", "permission", [CUSTOMER_USER]),
  role("customer.workspace.admin", "Workspace Administrator", "permission", [CUSTOMER_USER, "customer.settings"]),
  role("customer.voice.applications", "Phone System Applications", "permission", [CUSTOMER_USER]),
  role("customer.voice.admin", "Phone System Administrator", "permission", [CUSTOMER_USER]),
  role("onboarding.admin", "REST API Administrator", "permission", [CUSTOMER_USER]),
  role("webhooks.admin", "Webhooks Admin", "permission", [CUSTOMER_USER]),
  role("pbx.agentcontrol", "Supervisor Agent Control", "permission", [CUSTOMER_USER]),
  role("pbx.silentmonitor", "Silent Monitor", "permission", [CUSTOMER_USER]),
  // The seed's key is `enregistrement.observateur`; this is its literal back-translation.
  role("recording.observer", "Recording Playback", "permission", [CUSTOMER_USER]),
  // Clients.
  role(UC_ROLE, "UC client", "client", [CUSTOMER_USER]),
  role("customer.user.crm", "CRM client", "client", [CUSTOMER_USER]),
  role(SOFTPHONE_ROLE, "Softphones", "client", [UC_ROLE]),
];

const byKey = new Map(UCPORTAL_ROLES.map((r) => [r.key, r]));

export const UCPORTAL_ROLE_KEYS: readonly string[] = UCPORTAL_ROLES.map((r) => r.key);
export const SUPERVISOR_ROLE_KEYS: readonly string[] = UCPORTAL_ROLES.filter((r) => r.supervisorLevel !== undefined).map((r) => r.key);

export function roleOf(key: string): UcPortalRole | undefined {
  return byKey.get(key);
}

export type RoleProblem =
  | { code: "UNKNOWN_ROLE"; role: string; message: string }
  | { code: "ROLE_PREREQUISITE_MISSING"; role: string; requires: string; message: string }
  | { code: "SUPERVISOR_LICENCES_EXCLUSIVE"; roles: string[]; message: string };

/**
 * Every problem of a role set: unknown keys, then missing prerequisites (one per role and
 * missing role), then more than one supervisor licence. Empty when the set is valid.
 *
 * @example
 * checkRoles(["customer.user.acd"])
 * // [{ code: "ROLE_PREREQUISITE_MISSING", role: "customer.user.acd", requires: "customer.user.pbx",
 * //    message: "Role 'customer.user.acd' requires role 'customer.user.pbx'." }]
 */
export function checkRoles(roles: readonly string[]): RoleProblem[] {
  const held = new Set(roles);
  const problems: RoleProblem[] = [];
  for (const key of held) {
    if (!byKey.has(key)) problems.push({ code: "UNKNOWN_ROLE", role: key, message: `Unknown role '${key}'.` });
  }
  for (const key of held) {
    for (const requires of byKey.get(key)?.requires ?? []) {
      if (!held.has(requires)) {
        problems.push({ code: "ROLE_PREREQUISITE_MISSING", role: key, requires, message: `Role '${key}' requires role '${requires}'.` });
      }
    }
  }
  const supervisors = SUPERVISOR_ROLE_KEYS.filter((key) => held.has(key));
  if (supervisors.length > 1) {
    problems.push({
      code: "SUPERVISOR_LICENCES_EXCLUSIVE",
      roles: supervisors,
      message:
        `Supervisor access roles are mutually exclusive: assign only one of ${SUPERVISOR_ROLE_KEYS[0]} to ` +
        `${SUPERVISOR_ROLE_KEYS[SUPERVISOR_ROLE_KEYS.length - 1]}, got ${supervisors.join(", ")}.`,
    });
  }
  return problems;
}

/** A user administrator holds both `user.admin` and `customer.user`; a tenant must keep one. */
export function isUserAdministrator(roles: readonly string[]): boolean {
  return roles.includes(USER_ADMIN) && roles.includes(CUSTOMER_USER);
}

/** The highest supervisor licence level held (0 for none). */
export function supervisorLevel(roles: readonly string[]): number {
  return Math.max(0, ...roles.map((key) => byKey.get(key)?.supervisorLevel ?? 0));
}

/** The licensed roles among `roles`, which a plan should show plainly (they may cost money). */
export function licensedRoles(roles: readonly string[]): string[] {
  return roles.filter((key) => byKey.get(key)?.licensed === true);
}
