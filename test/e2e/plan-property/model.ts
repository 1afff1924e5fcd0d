/**
 * The plan property test's model of a tenant: what the YAML file declares, and what a refresh
 * would read live for each declared field. Edits change one side or the other (code edits the
 * declaration, hand edits the live tenant); the plan a correct provider must show follows from
 * comparing the two, whatever edits led there, and after an `up` the live side is the declared.
 */
import { licenceChanges, NO_LICENCE_CHANGE } from "../../../provider/ucportal/customer-user.lifecycle";

export interface Term {
  attribute: string;
  relation: "==" | ">=" | "<=";
  value: number | boolean;
  connector?: "and" | "or";
}

export interface Group {
  peripheral: string;
  name: string;
  description: string;
  serviceLevelThreshold: number;
  adopt?: boolean;
}

export interface User {
  loginName: string;
  template: string;
  userType: "agent";
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  agentDescription: string;
  agentId: string;
  site: string;
  team: string;
  skillGroups: string[];
  attributes: Record<string, number | boolean>;
  enabledInPortal: boolean;
  deletionPolicy: "disable" | "retain";
  passwordSecret: string;
}

export interface Queue {
  queueName: string;
  description: string;
  serviceLevelThreshold: number;
  steps: { waitTime: number; terms: Term[] }[];
}

export interface ResourceUser {
  partyNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  title: string;
  workPhoneNumber: string;
  addressLine1: string;
  jobCode: string;
  organizationName: string;
  orgRoleCode: string;
  roles: { roleId: number }[];
}

/** The resource users' text attributes the test edits (Oracle names them FirstName, ResourceEmail...). */
export const RESOURCE_USER_TEXT = {
  firstName: "FirstName",
  lastName: "LastName",
  email: "ResourceEmail",
  title: "Title",
  workPhoneNumber: "RawWorkPhoneNumber",
  addressLine1: "AddressLine1",
  jobCode: "JobCode",
} as const;

export interface TempAllow {
  customerId: string;
  tempAllowType: number;
  expirationDate: string;
}

export interface CustomerUser {
  email: string;
  displayName: string;
  roles: string[];
}

/** One side of the model: every object by its key (its Pulumi resource name). */
export interface Tenant {
  skillGroup: Map<string, Group>;
  user: Map<string, User>;
  precisionQueue: Map<string, Queue>;
  resourceUser: Map<string, ResourceUser>;
  tempAllow: Map<string, TempAllow>;
  customerUser: Map<string, CustomerUser>;
}

export type Kind = keyof Tenant | "attribute";
export type Op = "create" | "update" | "delete" | "replace";

/** One step of a plan: the object, what happens to it, and the fields (as the file names them) that change. */
export interface Step {
  kind: Kind;
  key: string;
  op: Op;
  fields: string[];
}

/** The fields a plan may name for each kind: every field the file sets that the provider reads back. */
const COMPARED: { [K in keyof Tenant]: readonly string[] } = {
  skillGroup: ["description", "serviceLevelThreshold"],
  user: ["firstName", "lastName", "phone", "email", "agentDescription", "site", "team", "skillGroups", "enabledInPortal", "deletionPolicy"],
  precisionQueue: ["description", "serviceLevelThreshold", "steps"],
  resourceUser: [...Object.keys(RESOURCE_USER_TEXT), "roles"],
  tempAllow: ["tempAllowType", "expirationDate"],
  customerUser: ["displayName", "roles"],
};

/** Fields that live in the state only: a change of them alone is planned, but writes nothing. */
export const STATE_ONLY: Partial<Record<Kind, readonly string[]>> = { user: ["deletionPolicy"] };

export const keyOfGroup = (group: Group) => `${group.peripheral}.${group.name}`;
export const attributeKey = (login: string, attribute: string) => `${login}/${attribute}`;

const clone = <T>(value: T): T => structuredClone(value);
const same = (a: unknown, b: unknown) => JSON.stringify(normal(a)) === JSON.stringify(normal(b));
/** Sets compare as sets: the file's lists of names and roles are sets. */
function normal(value: unknown): unknown {
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return [...value].sort();
  if (Array.isArray(value) && value.every((v) => v && typeof v === "object" && "roleId" in v)) return [...value].sort((a, b) => a.roleId - b.roleId);
  return value;
}

export function emptyTenant(): Tenant {
  return { skillGroup: new Map(), user: new Map(), precisionQueue: new Map(), resourceUser: new Map(), tempAllow: new Map(), customerUser: new Map() };
}

export function cloneTenant(tenant: Tenant): Tenant {
  return {
    skillGroup: new Map([...tenant.skillGroup].map(([k, v]) => [k, clone(v)])),
    user: new Map([...tenant.user].map(([k, v]) => [k, clone(v)])),
    precisionQueue: new Map([...tenant.precisionQueue].map(([k, v]) => [k, clone(v)])),
    resourceUser: new Map([...tenant.resourceUser].map(([k, v]) => [k, clone(v)])),
    tempAllow: new Map([...tenant.tempAllow].map(([k, v]) => [k, clone(v)])),
    customerUser: new Map([...tenant.customerUser].map(([k, v]) => [k, clone(v)])),
  };
}

export class TenantModel {
  /** What the file declares. */
  declared: Tenant;
  /** What a refresh reads, for the objects the stack holds. */
  live: Tenant;
  /** Each customer user's licence delta as the state last recorded it (check() keeps it while the licence set stays). */
  private licenceTexts = new Map<string, string>();

  constructor(declared: Tenant) {
    this.declared = cloneTenant(declared);
    this.live = emptyTenant();
  }

  /** The plan a `preview --refresh` must show, sorted. */
  expectedPlan(): Step[] {
    const steps: Step[] = [];
    for (const kind of Object.keys(COMPARED) as (keyof Tenant)[]) {
      const declared = this.declared[kind] as unknown as Map<string, Record<string, unknown>>;
      const live = this.live[kind] as unknown as Map<string, Record<string, unknown>>;
      for (const [key, object] of declared) {
        const current = live.get(key);
        if (!current) {
          steps.push({ kind, key, op: "create", fields: [] });
          continue;
        }
        const fields = COMPARED[kind].filter((field) => !same(object[field], current[field]));
        if (kind === "customerUser" && fields.includes("roles")) {
          const previous = this.licenceTexts.get(key) ?? NO_LICENCE_CHANGE;
          if (licenceChanges(current.roles as string[], object.roles as string[], previous) !== previous) fields.push("licenceChanges");
        }
        if (fields.length > 0) steps.push({ kind, key, op: "update", fields: fields.sort() });
      }
      for (const key of live.keys()) if (!declared.has(key)) steps.push({ kind, key, op: "delete", fields: [] });
    }
    // Attributes: one resource per agent and attribute.
    const attributes = (tenant: Tenant) =>
      new Map([...tenant.user.values()].flatMap((user) => Object.entries(user.attributes).map(([name, value]) => [attributeKey(user.loginName, name), value] as const)));
    const [declared, live] = [attributes(this.declared), attributes(this.live)];
    for (const [key, value] of declared) {
      if (!live.has(key)) steps.push({ kind: "attribute", key, op: "create", fields: [] });
      else if (!same(live.get(key), value)) steps.push({ kind: "attribute", key, op: "update", fields: ["value"] });
    }
    for (const key of live.keys()) if (!declared.has(key)) steps.push({ kind: "attribute", key, op: "delete", fields: [] });
    return sortSteps(steps);
  }

  /** After an `up`: the tenant is as declared, and the state holds each licence delta the plan showed. */
  applied(): void {
    for (const [key, object] of this.declared.customerUser) {
      const current = this.live.customerUser.get(key);
      const previous = this.licenceTexts.get(key) ?? NO_LICENCE_CHANGE;
      this.licenceTexts.set(key, licenceChanges(current?.roles ?? [], object.roles, current ? previous : undefined));
    }
    for (const key of this.licenceTexts.keys()) if (!this.declared.customerUser.has(key)) this.licenceTexts.delete(key);
    this.live = cloneTenant(this.declared);
  }
}

export function sortSteps(steps: Step[]): Step[] {
  const text = (s: Step) => `${s.kind} ${s.key} ${s.op}`;
  return [...steps].sort((a, b) => (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}
