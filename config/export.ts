/**
 * `export`'s pure half: from what the vendor APIs answered (a snapshot) to the YAML file that
 * declares it. No I/O here, so the mapping, the sorting and the filters are unit-tested.
 *
 * Choices the file records (and `contact-center export --help` repeats):
 * - every skill group, user, resource user and customer user carries `adopt: true`, and precision queues are
 *   adopted by `queueName` anyway, so the first `pulumi up` takes the objects over instead of
 *   creating duplicates;
 * - skill groups, users, resource users and customer users carry `deletionPolicy: retain`, so
 *   destroying the stack leaves the tenant as it is; precision queues are released (restoreOnDelete unset).
 *   Agents' attributes become AgentAttribute resources, which have no policy: a destroy removes
 *   them from the agents;
 * - a user's `template` is its own login name. It is read only when a user is created, never
 *   for an adopted one; pointing at itself validates, round-trips, and makes a re-creation
 *   (after the user was deleted in the portal) fail with "template not found" rather than
 *   silently clone some other user's skills. Template users are exported like any user;
 * - passwords are never exported (no `passwordSecret`): adopted users keep theirs;
 * - only fields that hold a value are written: nulls, empty strings and lists, and values equal
 *   to the schema's default are left out (unmanaged, or the same thing), except `adopt` and
 *   `deletionPolicy`, which are always written so the file says what up and destroy do;
 *   Oracle's read-only attributes are never written (only RESOURCE_USER_FIELDS are);
 * - a customer user's roles are every role it holds, the ones the portal added by itself
 *   included: declared, they are the user's own and cause no diff. Users configured at the
 *   reseller level (isParent) are left out with a note: the portal refuses changes to them from
 *   the customer tenant, so the provider refuses to adopt them;
 * - deterministic: lists sorted by key (code-unit order, not locale), fields in the order of
 *   the zod schema's shape, no timestamps; steps and terms of a queue keep their order.
 */
import { Document, Scalar, visit } from "yaml";
import { z } from "zod";
import type { AgentRecord, AttributeDefinition } from "../provider/cce/agent-attributes-api";
import type { LookupResult } from "../provider/cce/lookups";
import { precisionQueueInputs, precisionQueueStep, precisionQueueTerm } from "../provider/cce/precision-queue";
import { ATTRIBUTE_RELATIONS, ATTRIBUTE_TYPES, PrecisionQueueRecord } from "../provider/cce/precision-queues-api";
import type { SkillGroupRecord } from "../provider/cce/skill-groups-api";
import type { UserRecord } from "../provider/cce/users-api";
import { RESOURCE_USER_FIELDS, resourceRoleInput, resourceUserFields, resourceUserInputs } from "../provider/oracle/resource-user";
import type { ResourceUserRecord, WireRoleAssignment } from "../provider/oracle/resource-users-api";
import { customerUserInputs } from "../provider/ucportal/customer-user";
import type { WireCustomerUser } from "../provider/ucportal/customer-users-api";
import { contactCenterFile, fileSkillGroup, fileUser, Kind, KINDS, keyOf } from "./format";

/** The CCE reference lists a user's names come from (lookups.ts REFERENCE_LISTS). */
export type CceReferenceKind = "site" | "roleGroup" | "department" | "billingUnit" | "apmProfile" | "agentDeskSettings";

/** What the CCE portal answered; lists the export did not need may be empty. */
export interface CceSnapshot {
  /** Peripherals (getAllPlatforms): a skill group's and a user's platform by name. */
  platforms: LookupResult[];
  references: Partial<Record<CceReferenceKind, LookupResult[]>>;
  skillGroups: SkillGroupRecord[];
  users: UserRecord[];
  /** idProgramUser → the skill target ids the agent is in; absent when not read. */
  assignedSkillGroups: Record<number, number[]>;
  /** getAllAgents: the attributes each agent holds. */
  agents: AgentRecord[];
  attributes: AttributeDefinition[];
  /** With their steps (getPQByID). */
  precisionQueues: PrecisionQueueRecord[];
}

export interface OracleSnapshot {
  resourceUsers: ResourceUserRecord[];
}

export interface UcPortalSnapshot {
  /** Every user of the customer tenant, reseller-level (isParent) ones included. */
  customerUsers: WireCustomerUser[];
}

/** One read of the tenant; a system that was not read (not configured, or filtered out) is absent. */
export interface TenantSnapshot {
  cce?: CceSnapshot;
  oracle?: OracleSnapshot;
  ucportal?: UcPortalSnapshot;
}

/** The kinds export can read: risk-cc has no read API, so temporary allows cannot be exported. */
export const EXPORTABLE_KINDS = ["skillGroup", "user", "precisionQueue", "resourceUser", "customerUser"] as const satisfies readonly Kind[];
export type ExportableKind = (typeof EXPORTABLE_KINDS)[number];

/** `--include` / `--exclude`: a kind and, optionally, a glob on the object's key. */
export interface Filter {
  kind: ExportableKind;
  /** `*` any run of characters, `?` one character; compared case-insensitively. Unset: every key. */
  glob?: string;
}

export interface Filters {
  include: Filter[];
  exclude: Filter[];
}

export const NO_FILTERS: Filters = { include: [], exclude: [] };

/** Parses `kind` or `kind:glob`, refusing unknown kinds with the list of known ones. */
export function parseFilter(text: string): Filter {
  const colon = text.indexOf(":");
  const kind = colon < 0 ? text : text.slice(0, colon);
  const glob = colon < 0 ? undefined : text.slice(colon + 1);
  if (kind === "tempAllow") throw new Error(`tempAllow cannot be exported: risk-cc has no read API, so a temporary allow cannot be read back`);
  if (!(EXPORTABLE_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`"${text}" must be <kind>[:<glob>] with kind one of ${EXPORTABLE_KINDS.join(", ")}`);
  }
  if (glob === "") throw new Error(`"${text}" has an empty glob: write ${kind} alone for every ${kind}`);
  return { kind: kind as ExportableKind, glob };
}

const globCache = new Map<string, RegExp>();
function globMatches(glob: string, key: string): boolean {
  let pattern = globCache.get(glob);
  if (!pattern) {
    const source = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    pattern = new RegExp(`^${source}$`, "is");
    globCache.set(glob, pattern);
  }
  return pattern.test(key);
}

const matches = (filter: Filter, kind: Kind, key: string) => filter.kind === kind && (filter.glob === undefined || globMatches(filter.glob, key));

/** Whether the object of this kind and key is exported: included (or no includes), and not excluded. */
export function isSelected(filters: Filters, kind: Kind, key: string): boolean {
  if (filters.include.length > 0 && !filters.include.some((f) => matches(f, kind, key))) return false;
  return !filters.exclude.some((f) => matches(f, kind, key));
}

/** Whether any object of this kind can be exported, so the command knows what to read at all. */
export function isKindWanted(filters: Filters, kind: ExportableKind): boolean {
  if (filters.include.length > 0 && !filters.include.some((f) => f.kind === kind)) return false;
  return !filters.exclude.some((f) => f.kind === kind && f.glob === undefined);
}

/** Code-unit order: the same on every machine and locale. */
export const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  value === "" ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);

/** The schema's default for a field, or undefined when it has none (optional or required). */
function defaultOf(schema: z.ZodType): unknown {
  const parsed = schema.safeParse(undefined);
  return parsed.success ? parsed.data : undefined;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The object with the shape's fields in the shape's order, leaving out empty values (except
 * `keepEmpty`, where empty says something) and values equal to the field's default (except
 * `always`). A field the shape does not know is a bug in this module, not in the tenant: refuse it.
 */
function pack(shape: Record<string, z.ZodType>, values: Record<string, unknown>, always: readonly string[] = [], keepEmpty: readonly string[] = []): Record<string, unknown> {
  const unknown = Object.keys(values).filter((field) => !(field in shape));
  if (unknown.length > 0) throw new Error(`export: ${unknown.join(", ")} is not a field of the file format`);
  const packed: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(shape)) {
    const value = values[field];
    if (value === undefined || (isEmpty(value) && !keepEmpty.includes(field))) continue;
    if (!always.includes(field)) {
      const fallback = defaultOf(schema);
      if (fallback !== undefined && sameJson(fallback, value)) continue;
    }
    packed[field] = value;
  }
  return packed;
}

const sortedBy = <T>(items: T[], key: (item: T) => string) => [...items].sort((a, b) => compareKeys(key(a), key(b)));
const ALWAYS = ["adopt", "deletionPolicy"] as const;

/** Whatever an export produced: the file object, and notes on what it left out and why. */
export interface ExportResult {
  file: Record<string, unknown>;
  notes: string[];
  /** How many objects of each kind were exported. */
  counts: Record<ExportableKind, number>;
}

export interface ExportOptions {
  filters?: Filters;
  /** `YYYY-MM-DD`: which Oracle role assignments are still active (ended ones are history). */
  today: string;
  /** The `$schema` written first; unset writes none. */
  schema?: string;
}

/** Maps a snapshot to the file object: sections in the format's order, lists sorted by key. */
export function exportTenant(snapshot: TenantSnapshot, options: ExportOptions): ExportResult {
  const filters = options.filters ?? NO_FILTERS;
  const notes: string[] = [];
  const counts = { skillGroup: 0, user: 0, precisionQueue: 0, resourceUser: 0, customerUser: 0 };
  const sections: Record<string, Record<string, unknown[]>> = {};
  const put = (kind: ExportableKind, objects: Record<string, unknown>[]) => {
    const selected = objects.filter((object) => isSelected(filters, kind, keyOf(kind, object)));
    counts[kind] = selected.length;
    if (selected.length === 0) return;
    const { section, list } = KINDS[kind];
    (sections[section] ??= {})[list] = sortedBy(selected, (object) => keyOf(kind, object));
  };

  if (snapshot.cce) {
    const cce = snapshot.cce;
    const groups = isKindWanted(filters, "skillGroup") ? exportSkillGroups(cce, notes).filter((g) => isSelected(filters, "skillGroup", keyOf("skillGroup", g))) : [];
    put("skillGroup", groups);
    if (isKindWanted(filters, "user")) {
      const users = cce.users.filter((user) => isSelected(filters, "user", user.loginNm));
      // Without skill groups in the file, no user can name one: memberships are left unmanaged.
      const memberships = isKindWanted(filters, "skillGroup") ? cce.assignedSkillGroups : {};
      if (users.length > 0 && !isKindWanted(filters, "skillGroup")) notes.push("users' skillGroups left out (not managed): skill groups are not exported");
      put("user", exportUsers({ ...cce, assignedSkillGroups: memberships }, users, groups, notes));
    }
    if (isKindWanted(filters, "precisionQueue")) put("precisionQueue", cce.precisionQueues.map((queue) => exportPrecisionQueue(queue, cce.attributes, notes)));
  }
  if (snapshot.oracle && isKindWanted(filters, "resourceUser")) {
    put("resourceUser", snapshot.oracle.resourceUsers.map((record) => exportResourceUser(record, options.today)));
  }
  if (snapshot.ucportal && isKindWanted(filters, "customerUser")) {
    const users = snapshot.ucportal.customerUsers.filter((user) => isSelected(filters, "customerUser", user.email));
    put("customerUser", exportCustomerUsers(users, notes));
  }

  // Sections and lists in the format's order, so the file reads the same way every time.
  const file: Record<string, unknown> = {};
  if (options.schema !== undefined) file.$schema = options.schema;
  const sectionShapes = contactCenterFile.shape as Record<string, z.ZodType>;
  for (const section of Object.keys(sectionShapes).filter((name) => name !== "$schema")) {
    const lists = sections[section];
    if (!lists) continue;
    const order = Object.keys(listShapeOf(section));
    file[section] = Object.fromEntries(order.filter((list) => lists[list]).map((list) => [list, lists[list]]));
  }
  return { file, notes: sortedBy(notes, (note) => note), counts };
}

/** The shape of a section (`cce`, `oracle`, ...): which lists it has, in order. */
function listShapeOf(section: string): Record<string, unknown> {
  let schema = (contactCenterFile.shape as Record<string, z.ZodType>)[section];
  // The sections are optional objects: unwrap to the object's shape.
  while (!(schema instanceof z.ZodObject) && "unwrap" in schema) schema = (schema as unknown as { unwrap(): z.ZodType }).unwrap();
  return (schema as z.ZodObject).shape;
}

/** Each group on its peripheral by name; groups on a peripheral the platform list does not name are left out. */
function exportSkillGroups(cce: CceSnapshot, notes: string[]): Record<string, unknown>[] {
  const peripherals = new Map(cce.platforms.map((p) => [p.id, p.name]));
  return cce.skillGroups.flatMap((group) => {
    const peripheral = peripherals.get(group.peripheralId);
    if (!peripheral) {
      notes.push(`skill group ${group.name} (${group.skillTargetId}) left out: its peripheral ${group.peripheralId} is not in the platform list`);
      return [];
    }
    return [
      pack(
        fileSkillGroup.shape,
        {
          name: group.name,
          description: group.description,
          serviceLevelThreshold: group.serviceLevelThreshold,
          adopt: true,
          deletionPolicy: "retain",
          peripheral,
        },
        ALWAYS,
      ),
    ];
  });
}

const USER_TYPES = { A: "agent", S: "supervisor", NC: "nonContactCenter" } as const;

/** A user's numbered references, with the list that names each. */
const USER_NAMED_REFERENCES = [
  ["site", "site", "idProgramSite"],
  ["department", "department", "idProgramDepartment"],
  ["billingUnit", "billingUnit", "idProgramBillUnit"],
  ["roleGroup", "roleGroup", "idProgramGroup"],
  ["apmProfile", "apmProfile", "idProfile"],
  ["deskSettings", "agentDeskSettings", "agentDeskSettingsID"],
] as const satisfies readonly (readonly [string, CceReferenceKind, keyof UserRecord])[];

/** An agent attribute's value in the form its data type has: a number for a proficiency, a boolean for a boolean. */
function typedValue(value: string, dataType: string): string | number | boolean {
  if ((dataType === ATTRIBUTE_TYPES.proficiency || dataType === ATTRIBUTE_TYPES.integer) && /^-?\d+$/.test(value)) return Number(value);
  if (dataType === ATTRIBUTE_TYPES.boolean && (value === "true" || value === "false")) return value === "true";
  return value;
}

function exportUsers(cce: CceSnapshot, users: UserRecord[], groups: Record<string, unknown>[], notes: string[]): Record<string, unknown>[] {
  const platforms = new Map(cce.platforms.map((p) => [p.id, p.name]));
  const references = Object.fromEntries(
    USER_NAMED_REFERENCES.map(([, list]) => [list, new Map((cce.references[list] ?? []).map((item) => [item.id, item.name]))]),
  ) as Record<CceReferenceKind, Map<number, string>>;

  // Skill groups by skill target id, as the file names them: plain name when unique, else <peripheral>.<name>.
  const nameCount = new Map<string, number>();
  for (const group of groups) nameCount.set(String(group.name), (nameCount.get(String(group.name)) ?? 0) + 1);
  const exportedKeys = new Set(groups.map((group) => keyOf("skillGroup", group)));
  const peripherals = new Map(cce.platforms.map((p) => [p.id, p.name]));
  const groupReference = new Map<number, string>();
  for (const record of cce.skillGroups) {
    const key = `${peripherals.get(record.peripheralId)}.${record.name}`;
    if (exportedKeys.has(key)) groupReference.set(record.skillTargetId, nameCount.get(record.name) === 1 ? record.name : key);
  }

  const attributes = new Map(cce.attributes.map((a) => [a.id, a]));
  const agents = new Map(cce.agents.map((agent) => [agent.idProgramUser, agent]));

  return users.map((user) => {
    const userType = USER_TYPES[user.userTypeCode] ?? "nonContactCenter";
    const contactCenter = userType !== "nonContactCenter";
    const values: Record<string, unknown> = {
      loginName: user.loginNm,
      template: user.loginNm,
      userType,
      firstName: user.firstNm,
      lastName: user.lastNm,
      email: user.email,
      phone: user.phone,
      agentId: contactCenter ? user.agentId : undefined,
      agentEnterpriseName: contactCenter ? user.agentEnterpriseName : undefined,
      agentDescription: user.agentDescription,
      ssoEnabled: user.ssoEnabledUser,
      enabledInPortal: user.status,
      // A non-contact-center user has no ICM account: the field does not apply.
      enabledInIcm: contactCenter ? user.icmStatus : undefined,
      adopt: true,
      deletionPolicy: "retain",
      platform: contactCenter && user.platformId !== null ? platforms.get(user.platformId) : undefined,
      team: contactCenter ? user.agentTeamNm : undefined,
    };
    for (const [field, list, column] of USER_NAMED_REFERENCES) {
      if (!contactCenter && field === "deskSettings") continue;
      const id = user[column] as number | null;
      if (id === null) continue;
      const name = references[list].get(id);
      if (name === undefined) notes.push(`user ${user.loginNm}: ${field} left out (not managed): ${list} ${id} is not in the tenant's list`);
      values[field] = name;
    }
    if (contactCenter && user.platformId !== null && values.platform === undefined) {
      notes.push(`user ${user.loginNm}: platform left out (not managed): peripheral ${user.platformId} is not in the platform list`);
    }

    const assigned = contactCenter ? cce.assignedSkillGroups[user.idProgramUser] : undefined;
    if (assigned && assigned.length > 0) {
      const named = assigned.map((id) => groupReference.get(id));
      if (named.every((name): name is string => name !== undefined)) values.skillGroups = [...new Set(named)].sort(compareKeys);
      else {
        // skillGroups is the whole membership: a partial list would remove the rest on `up`.
        const missing = assigned
          .filter((id) => !groupReference.has(id))
          .map((id) => {
            const group = cce.skillGroups.find((g) => g.skillTargetId === id);
            return group ? `${peripherals.get(group.peripheralId) ?? group.peripheralId}.${group.name}` : String(id);
          })
          .sort(compareKeys);
        notes.push(`user ${user.loginNm}: skillGroups left out (not managed): the user is in skill groups this export does not declare (${missing.join(", ")})`);
      }
    }

    const held = agents.get(user.idProgramUser)?.attributes;
    if (contactCenter && held && held.size > 0) {
      const byName: [string, string | number | boolean][] = [];
      for (const [id, value] of held) {
        const definition = attributes.get(id);
        if (!definition) notes.push(`user ${user.loginNm}: attribute ${id} left out: it is not in the tenant's attribute list`);
        else if (value !== "") byName.push([definition.name, typedValue(value, definition.dataType)]);
      }
      values.attributes = Object.fromEntries(byName.sort(([a], [b]) => compareKeys(a, b)));
    }
    return pack(fileUser.shape, values, ALWAYS);
  });
}

const RELATION_NAMES = Object.fromEntries(Object.entries(ATTRIBUTE_RELATIONS).map(([name, code]) => [code, name])) as Record<number, string>;
const CONNECTORS: Record<number, string | undefined> = { 1: "and", 2: "or" };

/** A queue adopted by name, with every field it holds managed, attributes by name. */
function exportPrecisionQueue(queue: PrecisionQueueRecord, attributes: AttributeDefinition[], notes: string[]): Record<string, unknown> {
  const byId = new Map(attributes.map((a) => [a.id, a]));
  const steps = queue.steps.map((step) =>
    pack(precisionQueueStep.shape, {
      terms: step.terms.map((term, t) => {
        const definition = byId.get(term.attributeId);
        if (!definition) notes.push(`precision queue ${queue.name}: attribute ${term.attributeId} is not in the tenant's attribute list; written by id`);
        return pack(precisionQueueTerm.shape, {
          attribute: definition?.name ?? term.attributeId,
          relation: RELATION_NAMES[term.attributeRelation] ?? String(term.attributeRelation),
          value: typedValue(term.value1, definition?.dataType ?? term.attributeDataType),
          connector: t === 0 ? undefined : CONNECTORS[term.termRelation],
          parenCount: term.parenCount,
        });
      }),
      waitTime: step.waitTime,
      agentCount: step.agentCount,
      considerIf: step.considerIf,
    }),
  );
  return pack(precisionQueueInputs.shape, {
    queueName: queue.name,
    description: queue.description,
    agentOrdering: queue.agentOrdering,
    callOrdering: queue.callOrdering,
    serviceLevelThreshold: queue.serviceLevelThreshold,
    serviceLevelType: queue.serviceLevelType,
    steps,
  });
}

/** The assignment of a role that counts: the open-ended or latest-ending one (as the provider decides). */
function currentAssignments(assignments: WireRoleAssignment[]): WireRoleAssignment[] {
  const byRole = new Map<number, WireRoleAssignment>();
  for (const assignment of assignments) {
    const seen = byRole.get(assignment.RoleId);
    const end = (a: WireRoleAssignment) => String(a.EndDateActive ?? "9999");
    if (!seen || end(assignment) > end(seen)) byRole.set(assignment.RoleId, assignment);
  }
  return [...byRole.values()];
}

/** A resource user by party number, with its writable attributes, live roles and flex fields. */
function exportResourceUser(record: ResourceUserRecord, today: string): Record<string, unknown> {
  const item = record.item;
  const values: Record<string, unknown> = { partyNumber: item.ResourcePartyNumber, adopt: true, deletionPolicy: "retain" };
  for (const field of resourceUserFields) {
    let value = item[RESOURCE_USER_FIELDS[field].wire];
    // Oracle sends flags as "true"/"false" strings.
    if (field === "topResource" && typeof value === "string") value = value === "true";
    // "I" is what an end date reports, not a status one can set: the end date speaks for it.
    if (field === "userStatus" && value !== "A" && value !== "S") value = undefined;
    values[field] = value;
  }
  // Ended assignments are history, which the provider leaves alone: only live roles are declared.
  const roles = currentAssignments(record.roles)
    .filter((a) => !a.EndDateActive || a.EndDateActive >= today)
    .sort((a, b) => a.RoleId - b.RoleId)
    .map((a) => pack(resourceRoleInput.shape, { roleId: a.RoleId, startDate: a.StartDateActive, endDate: a.EndDateActive }));
  values.roles = roles;
  const flex = Object.entries(item)
    .filter(([name, value]) => name.endsWith("_c") && value !== null && value !== undefined)
    .sort(([a], [b]) => compareKeys(a, b));
  values.flexFields = Object.fromEntries(flex);
  return pack(resourceUserInputs.shape, values, ALWAYS);
}

/**
 * Customer users by e-mail, with every role they hold (the portal's own additions included:
 * declared, they are no diff), and the primary tenant and softphones they have. Reseller-level
 * users are left out: the provider cannot adopt them.
 */
function exportCustomerUsers(users: WireCustomerUser[], notes: string[]): Record<string, unknown>[] {
  return users.flatMap((user) => {
    if (user.isParent) {
      notes.push(
        `customer user ${user.email} left out: it is configured at the reseller level (isParent, primary tenant ${user.primaryTenant}), ` +
          "the portal refuses changes to it from the customer tenant, so it cannot be managed (the provider refuses to adopt it)",
      );
      return [];
    }
    const values = {
      displayName: user.displayName,
      email: user.email,
      roles: [...new Set(user.roles)].sort(compareKeys),
      primaryTenant: user.primaryTenant,
      devices: [...new Set(user.devices ?? [])].sort(compareKeys),
      adopt: true,
      deletionPolicy: "retain",
    };
    // roles is required, and [] means "no roles", not "unmanaged": written even when empty.
    return [pack(customerUserInputs.shape, values, ALWAYS, ["roles"])];
  });
}

/** The comment the file starts with: what the export chose, so a reader need not look it up. */
export const EXPORT_HEADER = [
  " Exported from the live tenant by `contact-center export`.",
  " Every object is adopted (adopt: true; precision queues by queueName), so the first `pulumi up`",
  " takes it over instead of creating a duplicate, and skill groups, users, resource users and",
  " customer users are retained on destroy (deletionPolicy: retain). Agents' attributes have no",
  " policy: a destroy removes them from the agents. A user's template is its own login name: it is",
  " read only when a user is created, so set a real template before letting `up` re-create a",
  " deleted user. Passwords are never exported; risk-cc temporary allows cannot be (risk-cc has no",
  " read API); reseller-level customer users cannot be managed, so they are left out.",
].join("\n");

/**
 * Strings a YAML 1.1 reader (many editors and tools still are one) would take for a number, a
 * date or a boolean: `20200717_1706`, `2018-08-20`, `on`. YAML 1.2, which the loader reads,
 * keeps them strings; quoting them keeps every reader agreeing.
 */
const YAML11_AMBIGUOUS = /^(?:[-+]?[0-9][0-9_:.eE+-]*|y|yes|n|no|on|off|true|false|null|~)$/i;

/** The YAML text: the header comment, `$schema` first, block style, no line folding. */
export function renderYaml(file: Record<string, unknown>, header = EXPORT_HEADER): string {
  const doc = new Document(file);
  doc.commentBefore = header;
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && YAML11_AMBIGUOUS.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}
