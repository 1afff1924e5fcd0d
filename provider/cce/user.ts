/**
 * `CceUser`: a Cisco Webex CCE portal user: agent, supervisor or non-contact-center user.
 *
 * Lifecycle (seed 001, chapter 3; see docs/resources/user.md):
 * - create: the API has no create call, only `cloneUser` of a template user; then the calls
 *   for what cloning does not set (skill groups, disabled status). If a follow-up fails the
 *   clone is deleted again, so a re-run starts clean. `adopt: true` takes over an existing
 *   user of the same login name instead.
 * - read: `getUserByIdProgram`, plus the agent's skill groups and collections when managed.
 * - update: read, then `updateUser` with the whole object; `resetPassword` when the password
 *   changes; the status calls; skill-group deltas through `saveSkillsToAgent`.
 * - delete: `deletionPolicy` "disable" (default) disables the user everywhere, "delete"
 *   deletes it (irreversible), "retain" leaves it as it is.
 * - replace: login name; platform; a change between non-contact-center and agent/supervisor.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { LifecycleResource, protectIrreversible, refuseOverruledPolicy } from "../core/lifecycle-provider";
import type { NamedReference } from "./named-references";

/** `<name>@<tenant code>`, the form of every portal login. */
export const LOGIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}@[A-Za-z0-9]{3}$/;
/** ICM's rule for enterprise names: letters, digits, `.` and `_`, not starting with `.` or `_`. */
export const ENTERPRISE_NAME = /^[A-Za-z0-9][A-Za-z0-9._]{0,31}$/;

const id = (what: string) =>
  z.number({ error: "must be a number" }).int("must be a whole number").positive(`must be a positive ${what} id`);
const idList = (what: string) => z.array(id(what), { error: "must be a list of ids" });
const nameWithoutSpaces = z
  .string({ error: "is required" })
  .min(1, "is required")
  .regex(/^\S*$/, "must not contain spaces (the portal's rule)");

const referenceName = (what: string) =>
  z
    .string({ error: `must be the ${what}'s name` })
    .min(1, `must be the ${what}'s name, not empty`)
    .optional();

/**
 * References a user may give by name instead of id (the field, the id input it fills and the
 * list that resolves it); provider/cce/named-references.ts resolves them in check().
 */
export const USER_NAMED_REFERENCES = {
  platform: { id: "platformId", kind: "platform", what: "platform (peripheral)" },
  site: { id: "siteId", kind: "site", what: "site" },
  department: { id: "departmentId", kind: "department", what: "department" },
  billingUnit: { id: "billingUnitId", kind: "billingUnit", what: "billing unit" },
  roleGroup: { id: "roleGroupId", kind: "roleGroup", what: "role group" },
  apmProfile: { id: "profileId", kind: "apmProfile", what: "APM profile" },
  team: { id: "teamId", kind: "team", what: "agent team" },
  deskSettings: { id: "deskSettingsId", kind: "agentDeskSettings", what: "agent desk settings" },
} as const satisfies Record<string, NamedReference>;

export const userTypes = { agent: "A", supervisor: "S", nonContactCenter: "NC" } as const;
export type UserType = keyof typeof userTypes;

export const userInputs = z
  .object({
    loginName: z
      .string({ error: "is required" })
      .regex(LOGIN_NAME, "must be <name>@<tenant code>: a letter or digit, then up to 63 letters, digits, '.', '_' or '-', then '@' and the 3-character tenant code"),
    template: z
      .string({ error: "is required: the login name of the template user to clone" })
      .regex(LOGIN_NAME, "must be the template user's login name, <name>@<tenant code>"),
    userType: z.enum(["agent", "supervisor", "nonContactCenter"], { error: 'must be "agent", "supervisor" or "nonContactCenter"' }),
    firstName: nameWithoutSpaces,
    lastName: nameWithoutSpaces,
    email: z.string({ error: "must be a string" }).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an e-mail address like name@example.com").optional(),
    phone: z
      .string({ error: "is required" })
      .regex(/^\d*$/, "must be digits only (the portal's rule)")
      .min(5, "must be 5 to 15 digits (the portal's rule)")
      .max(15, "must be 5 to 15 digits (the portal's rule)"),
    password: z.string({ error: "must be a string" }).min(1, "must not be empty").optional(),
    agentId: z.string({ error: "must be a string of digits" }).regex(/^\d{1,11}$/, "must be 1 to 11 digits (the agent's peripheral number)").optional(),
    agentEnterpriseName: z
      .string({ error: "must be a string" })
      .regex(ENTERPRISE_NAME, "must be 1 to 32 letters, digits, '.' or '_', not starting with '.' or '_' (ICM's rule)")
      .optional(),
    agentDescription: z.string({ error: "must be a string" }).max(255, "must be at most 255 characters").optional(),
    platformId: id("platform (peripheral)").optional(),
    siteId: id("site").optional(),
    departmentId: id("department").optional(),
    billingUnitId: id("billing unit").optional(),
    roleGroupId: id("role group").optional(),
    profileId: id("APM profile").optional(),
    teamId: id("agent team").optional(),
    deskSettingsId: id("agent desk settings").optional(),
    platform: referenceName("platform (peripheral)"),
    site: referenceName("site"),
    department: referenceName("department"),
    billingUnit: referenceName("billing unit"),
    roleGroup: referenceName("role group"),
    apmProfile: referenceName("APM profile"),
    team: referenceName("agent team"),
    deskSettings: referenceName("agent desk settings"),
    userCollectionIds: idList("user collection").optional(),
    agentCollectionIds: idList("agent collection").optional(),
    skillGroupIds: idList("skill group (skill target)").optional(),
    skillGroups: z
      .array(z.string({ error: "must be a skill group's name" }).min(1, "must be a skill group's name, not empty"), { error: "must be a list of skill group names" })
      .optional(),
    ssoEnabled: z.boolean({ error: "must be true or false" }).optional(),
    enabledInPortal: z.boolean({ error: "must be true or false" }).default(true),
    enabledInIcm: z.boolean({ error: "must be true or false" }).default(true),
    reuseAgentId: z.boolean({ error: "must be true or false" }).default(false),
    adopt: z.boolean({ error: "must be true or false" }).default(false),
    deletionPolicy: z.enum(["delete", "disable", "retain"], { error: 'must be "delete", "disable" or "retain"' }).default("disable"),
  })
  .strict()
  .superRefine((user, ctx) => {
    const contactCenter = user.userType !== "nonContactCenter";
    const refuse = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (contactCenter && user.agentId === undefined) {
      refuse("agentId", `is required for ${user.userType === "agent" ? "an agent" : "a supervisor"} (CLONE_USER_FAILED_AGENT_ID_NOT_PROVIDED)`);
    }
    if (!contactCenter) {
      const agentOnly = [
        "agentId", "agentEnterpriseName", "platformId", "teamId", "deskSettingsId", "platform", "team", "deskSettings", "agentCollectionIds", "skillGroupIds", "skillGroups",
      ] as const;
      for (const field of agentOnly) {
        if (user[field] !== undefined) refuse(field, "applies only to agents and supervisors, not to a nonContactCenter user");
      }
      if (user.enabledInIcm === false) refuse("enabledInIcm", "applies only to agents and supervisors: a nonContactCenter user has no ICM account");
    }
    for (const field of ["skillGroupIds", "userCollectionIds", "agentCollectionIds"] as const) {
      const list = user[field];
      if (list && new Set(list).size !== list.length) refuse(field, "must not name an id twice");
    }
    if (user.skillGroups && new Set(user.skillGroups.map((name) => name.toLowerCase())).size !== user.skillGroups.length) {
      refuse("skillGroups", "must not name a group twice (names compare without case, as ICM's do)");
    }
    if (user.skillGroups !== undefined && user.skillGroupIds !== undefined) {
      refuse("skillGroups", "must not be set together with skillGroupIds: give the groups by name or by id");
    }
  });

export type UserInputs = z.output<typeof userInputs>;

export interface UserOutputs extends UserInputs {
  /**
   * The agent's skill groups by id: as declared, or resolved from `skillGroups` (then aligned
   * with nothing: a set).
   */
  skillGroupIds?: number[];
  idProgramUser: number;
  idUser: number;
  /** The agent's ICM skill target id; null for non-contact-center users. */
  agentSkillTargetId: number | null;
  /** The platform the user is on (the template's); null for non-contact-center users. */
  livePlatformId: number | null;
  liveAgentEnterpriseName: string | null;
  teamName: string | null;
  /** True when the user existed and was adopted rather than cloned. */
  adopted: boolean;
}

export interface CceUserArgs {
  /** The portal login, `<name>@<tenant code>`. Changing it replaces the user. @example "jdoe@DEM" */
  loginName: pulumi.Input<string>;
  /**
   * Login name of the template user to clone: the API's only way to create a user. Read
   * only when the user is created; the user starts with the template's site, role group,
   * team, desk settings, skills, attributes and collections, except what is set here.
   * @example "tmpl.agent@DEM"
   */
  template: pulumi.Input<string>;
  /** `agent`, `supervisor` or `nonContactCenter`. Agent ↔ supervisor is an update; to or from nonContactCenter replaces. @example "agent" */
  userType: pulumi.Input<UserType>;
  /** No spaces (the portal's rule). @example "Dana" */
  firstName: pulumi.Input<string>;
  /** No spaces (the portal's rule). @example "Reyes" */
  lastName: pulumi.Input<string>;
  /** Optional; when given, it must look like `local@domain.tld` (the portal's rule). @example "dana.reyes@example.com" */
  email?: pulumi.Input<string>;
  /** 5 to 15 digits. @example "5550101" */
  phone: pulumi.Input<string>;
  /**
   * The portal/AD password (and the ICM password of agents and supervisors). Always stored
   * as a secret. Set on create; a change is applied with `resetPassword`. Leave unset for
   * SSO users. The API cannot read a password back, so a change made in the portal is not
   * seen by `refresh`.
   * @example new pulumi.Config().requireSecret("agentPassword")
   */
  password?: pulumi.Input<string>;
  /** Agents and supervisors: the agent id (peripheral number), 1 to 11 digits. @example "4101" */
  agentId?: pulumi.Input<string>;
  /** Agents and supervisors: ICM enterprise name. @default `<firstName>_<lastName>`, chosen by the portal @example "Dana_Reyes" */
  agentEnterpriseName?: pulumi.Input<string>;
  /** Agents and supervisors: the ICM agent's description. @example "Billing, Spanish" */
  agentDescription?: pulumi.Input<string>;
  /**
   * Agents and supervisors: the platform (peripheral) the user must be on. A clone is always
   * on its template's platform; set this to have the create verify it. Changing it replaces the user.
   * @example 5000
   */
  platformId?: pulumi.Input<number>;
  /** Site id (see `getSite`). Unset: the template's, not managed. @example 2001 */
  siteId?: pulumi.Input<number>;
  /** Department id (see `getDepartment`). Unset: the template's, not managed. @example 2201 */
  departmentId?: pulumi.Input<number>;
  /** Billing unit id (see `getBillingUnit`). Unset: the template's, not managed. @example 2401 */
  billingUnitId?: pulumi.Input<number>;
  /** Role group id (see `getRoleGroup`). Unset: the template's, not managed. @example 4002 */
  roleGroupId?: pulumi.Input<number>;
  /** Agent property management profile id (see `getApmProfile`). Unset: the template's, not managed. @example 2801 */
  profileId?: pulumi.Input<number>;
  /** Agent team id (see `getTeam`). Unset: the template's, not managed. @example 3001 */
  teamId?: pulumi.Input<number>;
  /** Agent desk settings id (see `getAgentDeskSettings`). Unset: the template's, not managed. @example 2601 */
  deskSettingsId?: pulumi.Input<number>;
  /**
   * The same references by name, instead of the id: `platform`, `site`, `department`,
   * `billingUnit`, `roleGroup`, `apmProfile`, `team`, `deskSettings`. The provider resolves a
   * name when it is new or changed (with its own session; the program makes no call) and keeps
   * the id in the state, so runs with unchanged names make no lookup. Giving both a name and
   * its id is allowed only when they agree.
   * @example site: "Main", team: "Sales_Team"
   */
  platform?: pulumi.Input<string>;
  /** The site by name (`getAllSites`), instead of `siteId`. Unset: the template's, not managed. @example "HQ" */
  site?: pulumi.Input<string>;
  /** The department by name, instead of `departmentId`. Unset: the template's, not managed. @example "Sales" */
  department?: pulumi.Input<string>;
  /** The billing unit by name, instead of `billingUnitId`. Unset: the template's, not managed. @example "BU_Sales" */
  billingUnit?: pulumi.Input<string>;
  /** The role group by name, instead of `roleGroupId`. Unset: the template's, not managed. @example "Agent" */
  roleGroup?: pulumi.Input<string>;
  /** The agent property management profile by name, instead of `profileId`. Unset: the template's, not managed. @example "Default_Profile" */
  apmProfile?: pulumi.Input<string>;
  /** The agent team by name, instead of `teamId`. Unset: the template's, not managed. @example "Team_Sales" */
  team?: pulumi.Input<string>;
  /** The agent desk settings by name, instead of `deskSettingsId`. Unset: the template's, not managed. @example "Default_Desk" */
  deskSettings?: pulumi.Input<string>;
  /**
   * User collections the user belongs to. The API sets collections only when a user is
   * cloned: a later change is refused (change them in the portal). Unset: the template's.
   * @example [7001]
   */
  userCollectionIds?: pulumi.Input<pulumi.Input<number>[]>;
  /** Agents and supervisors: agent collections; like `userCollectionIds`. @example [7101] */
  agentCollectionIds?: pulumi.Input<pulumi.Input<number>[]>;
  /**
   * Agents and supervisors: the skill groups (skill target ids) the agent belongs to, owned
   * by this resource: groups added in the portal are removed again. Unset: the template's,
   * not managed. Prefer `skillGroups`, which the plan shows by name.
   * @example [billing.skillTargetId]
   */
  skillGroupIds?: pulumi.Input<pulumi.Input<number>[]>;
  /**
   * Agents and supervisors: the skill groups the agent belongs to, by name, owned by this
   * resource like `skillGroupIds` (give one or the other). A name is a group of the agent's
   * own peripheral (ICM lets an agent join no other), or `<peripheral>.<name>`; the provider
   * resolves it. Pass a `SkillGroup`'s `name` output for a group the same program declares:
   * the user then waits for the group, and the plan shows the names.
   * @example skillGroups: [sales.name, "Support"]
   */
  skillGroups?: pulumi.Input<pulumi.Input<string>[]>;
  /** Single sign-on user. Unset: the template's, not managed. @example false */
  ssoEnabled?: pulumi.Input<boolean>;
  /** May log in to the portal (AD/portal account enabled). @default true @example true */
  enabledInPortal?: pulumi.Input<boolean>;
  /** Agents and supervisors: may log in to the agent desktop (ICM agent enabled). @default true @example true */
  enabledInIcm?: pulumi.Input<boolean>;
  /** Allow an agent id another user already has (the API's `reuseAgentId`). @default false @example false */
  reuseAgentId?: pulumi.Input<boolean>;
  /**
   * Take over an existing user of the same login name instead of failing. Dynamic resources
   * cannot use Pulumi's `import` option, so adoption is this input. @default false
   * @example true
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * What removing the resource does: `"disable"` disables the user in portal, AD and ICM
   * (reversible); `"delete"` deletes the user from AD, portal, ICM and CallManager, which
   * **cannot be undone**, so the resource is then protected (a plan that deletes it fails its
   * preview) until the deletion is allowed: `contact-center allow-delete` for named users, or
   * stack config `contact-center:allowIrreversibleDeletion`; `"retain"` leaves the user as it is.
   * Pulumi's `retainOnDelete: true` does what `"retain"` does, and is refused together with
   * another value set here.
   * @default "disable"
   * @example "disable"
   */
  deletionPolicy?: pulumi.Input<"delete" | "disable" | "retain">;
}

/** The type token and the lifecycle module that serves it (provider/core/lifecycle-provider.ts). */
const TOKEN = { module: "cce", type: "User", lifecycle: "cce/user" } as const;

/**
 * A Cisco Webex CCE portal user (agent, supervisor or non-contact-center user).
 *
 * @example
 * ```ts
 * const jane = new CceUser("jane", {
 *   loginName: "jane.doe@DEM", template: "tmpl.agent@DEM", userType: "agent",
 *   firstName: "Jane", lastName: "Doe", phone: "5551234", agentId: "4711",
 *   password: config.requireSecret("janePassword"), skillGroupIds: [sales.skillTargetId],
 * });
 * ```
 */
export class CceUser extends LifecycleResource {
  declare public readonly loginName: pulumi.Output<string>;
  declare public readonly template: pulumi.Output<string>;
  declare public readonly userType: pulumi.Output<UserType>;
  declare public readonly firstName: pulumi.Output<string>;
  declare public readonly lastName: pulumi.Output<string>;
  declare public readonly email: pulumi.Output<string | undefined>;
  declare public readonly phone: pulumi.Output<string>;
  declare public readonly agentId: pulumi.Output<string | undefined>;
  /** The agent's skill groups by id, declared or resolved from `skillGroups`. */
  declare public readonly skillGroupIds: pulumi.Output<number[] | undefined>;
  declare public readonly skillGroups: pulumi.Output<string[] | undefined>;
  declare public readonly enabledInPortal: pulumi.Output<boolean>;
  declare public readonly enabledInIcm: pulumi.Output<boolean>;
  declare public readonly deletionPolicy: pulumi.Output<"delete" | "disable" | "retain">;
  /** The user's id in the portal (also the resource id): known in a plan unless the user is created or replaced. */
  declare public readonly idProgramUser: pulumi.Output<number>;
  /** The user's AD account id. */
  declare public readonly idUser: pulumi.Output<number>;
  /** The agent's ICM skill target id (agents and supervisors); what `AgentAttribute` sends. */
  declare public readonly agentSkillTargetId: pulumi.Output<number | null>;
  /** The platform (peripheral) the user is on. */
  declare public readonly livePlatformId: pulumi.Output<number | null>;
  /** The enterprise name ICM holds, whether set here or chosen by the portal. */
  declare public readonly liveAgentEnterpriseName: pulumi.Output<string | null>;
  declare public readonly teamName: pulumi.Output<string | null>;
  declare public readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: CceUserArgs, opts?: pulumi.CustomResourceOptions) {
    refuseOverruledPolicy(`CceUser "${name}"`, "deletionPolicy", args.deletionPolicy, (p) => p !== "retain", "leaves the user as it is in the portal", opts);
    const computed = {
      skillGroupIds: undefined,
      idUser: undefined,
      agentSkillTargetId: undefined,
      livePlatformId: undefined,
      liveAgentEnterpriseName: undefined,
      teamName: undefined,
      adopted: undefined,
    };
    // A password is a secret even when the program passes it as a plain string: wrapping the
    // input keeps it encrypted in the state's inputs, additionalSecretOutputs in its outputs.
    const password = args.password === undefined ? undefined : pulumi.secret(args.password);
    super(
      TOKEN,
      name,
      { ...computed, ...args, password },
      // Deleting a user cannot be undone: under the delete policy the user is protected (see protectIrreversible).
      { ...protectIrreversible(args.deletionPolicy === "delete", opts), additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "password"] },
    );
    // Known in the plan of any update of this user, so its attributes show no change.
    this.idProgramUser = this.numericId();
  }
}
