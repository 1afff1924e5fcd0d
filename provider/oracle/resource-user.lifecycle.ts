/**
 * What each step of a ResourceUser does. Loaded inside the provider process only.
 * Wire contract: docs/oracle-wire-decisions.md.
 */
import { findLateCommit, notFoundAfterLostAnswer } from "../core/late-commit";
import * as pulumi from "@pulumi/pulumi";
import { checkInputs } from "../core/check";
import { sameValue } from "../core/diff";
import { conflictError, isApiError, isTransportError, validationError } from "../core/errors";
import { guarded } from "../core/guarded";
import { sharedRead } from "../core/shared-read";
import { OracleClient } from "./client";
import { resolveOracleConnection } from "./connection";
import {
  RESOURCE_USER_FIELDS,
  ResourceRoleInput,
  resourceUserFields,
  ResourceUserInputs,
  resourceUserInputs,
  ResourceUserOutputs,
  ResourceUserReadOnly,
} from "./resource-user";
import {
  addRole,
  createResourceUser,
  deleteRole,
  findByEmail,
  findByPartyNumber,
  getResourceUser,
  listResourceUsers,
  patchResourceUser,
  patchRole,
  ResourceUserRecord,
  WireRoleAssignment,
} from "./resource-users-api";
import type { ConfigSource } from "../core/connection";

/** What a lifecycle reads its connection from: the provider's config, as configure() gave it. */
type Config = ConfigSource | undefined;

const clientOf = (config: Config) => new OracleClient(resolveOracleConnection(config));

/** The inputs diff() compares. Read-only attributes are outputs and never compared. */
const COMPARED_FIELDS = ["partyNumber", ...resourceUserFields, "createUserAccount", "roles", "flexFields", "adopt", "deletionPolicy"] as const;
const CREATE_ONLY = resourceUserFields.filter((field) => "createOnly" in RESOURCE_USER_FIELDS[field]);
const PATCHABLE = resourceUserFields.filter((field) => !CREATE_ONLY.includes(field));

/** Today in UTC, as Oracle's dates are written. */
const today = () => new Date().toISOString().slice(0, 10);
const orUndefined = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);
const byRoleId = (a: { roleId: number }, b: { roleId: number }) => a.roleId - b.roleId;

export async function check(_config: Config, _olds: unknown, news: Record<string, unknown>) {
  const result = checkInputs(resourceUserInputs, news);
  // Roles are a set: sorted, so a reordering is not a change.
  if (result.failures.length === 0 && Array.isArray(result.inputs.roles)) result.inputs.roles = [...(result.inputs.roles as ResourceRoleInput[])].sort(byRoleId);
  return result as { inputs: ResourceUserInputs; failures: { property: string; reason: string }[] };
}

export async function diff(_id: string, olds: ResourceUserOutputs, news: ResourceUserInputs): Promise<pulumi.dynamic.DiffResult> {
  // An unset party number is Oracle's generated one: not a change.
  const changed = COMPARED_FIELDS.filter((field) => !(field === "partyNumber" && news.partyNumber === undefined) && !sameValue(olds[field], news[field]));
  const replaces = changed.includes("partyNumber") ? ["partyNumber"] : [];
  if (replaces.length > 0 && sameValue(olds.email, news.email)) {
    throw validationError(
      "partyNumber",
      `change replaces the resource user: a new one is created and the old one is kept by Oracle (there is no delete) with its e-mail, which must be unique, so change email as well; was ${JSON.stringify(olds.partyNumber)}`,
      news.partyNumber,
    );
  }
  if (replaces.length === 0) {
    const frozen = CREATE_ONLY.find((field) => changed.includes(field) && news[field] !== undefined);
    if (frozen) {
      throw validationError(
        frozen,
        `can only be set when the resource user is created (Oracle refuses ${RESOURCE_USER_FIELDS[frozen].wire} in a PATCH); keep ${JSON.stringify(olds[frozen] ?? null)}, or change it in Oracle and run \`pulumi refresh\``,
        news[frozen],
      );
    }
  }
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: false };
}

/** The POST body: every declared attribute under Oracle's name, roles included. */
function createBody(inputs: ResourceUserInputs): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (inputs.partyNumber !== undefined) body.ResourcePartyNumber = inputs.partyNumber;
  for (const field of resourceUserFields) if (inputs[field] !== undefined) body[RESOURCE_USER_FIELDS[field].wire] = inputs[field];
  if (inputs.createUserAccount !== undefined) body.CreateUserAccountFlag = inputs.createUserAccount;
  Object.assign(body, inputs.flexFields ?? {});
  if (inputs.roles && inputs.roles.length > 0) {
    body.ResourceRoleAssign = inputs.roles.map((role) => ({ RoleId: role.roleId, StartDateActive: role.startDate, EndDateActive: role.endDate }));
  }
  return body;
}

/** The current side of a PATCH: input-space values, and what the item says about its account. */
interface Current {
  values: Partial<ResourceUserInputs>;
  hasAccount: boolean;
  /** Oracle reports `I`: the end date has passed. */
  endDated: boolean;
}

/** Every attribute of an item, under the input names: the current side when adopting. */
function currentOfItem(item: Record<string, unknown>): Current {
  const values: Record<string, unknown> = { flexFields: Object.fromEntries(Object.entries(item).filter(([name]) => name.endsWith("_c"))) };
  for (const field of resourceUserFields) values[field] = orUndefined(item[RESOURCE_USER_FIELDS[field].wire]);
  if (item.UserStatus === "I") delete values.userStatus;
  return { values: values as Partial<ResourceUserInputs>, hasAccount: item.Username !== null && item.Username !== undefined, endDated: item.UserStatus === "I" };
}

/** The state's side: the last known values of the declared inputs. */
const currentOfState = (olds: ResourceUserOutputs): Current => ({ values: olds, hasAccount: olds.username !== null, endDated: olds.effectiveUserStatus === "I" });

/** The PATCH body that takes `current` to the declared inputs: only what differs, under Oracle's names. */
function patchBody(declared: ResourceUserInputs, current: Current): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of PATCHABLE) {
    const wanted = declared[field];
    if (wanted === undefined || sameValue(current.values[field], wanted)) continue;
    body[RESOURCE_USER_FIELDS[field].wire] = wanted;
  }
  // An end-dated user reports `I` and Oracle refuses its status alone: it changes only with a future end date.
  const endDatedAfter = declared.endDate !== undefined ? declared.endDate <= today() : current.endDated;
  if (endDatedAfter) delete body.UserStatus;
  for (const [name, value] of Object.entries(declared.flexFields ?? {})) {
    if (!sameValue(current.values.flexFields?.[name] ?? null, value)) body[name] = value;
  }
  if (declared.createUserAccount === true && !current.hasAccount) body.CreateUserAccountFlag = true;
  return body;
}

/** The assignment of a role that counts: the open-ended or latest-ending one. */
function currentAssignment(assignments: WireRoleAssignment[], roleId: number): WireRoleAssignment | undefined {
  const ofRole = assignments.filter((a) => a.RoleId === roleId);
  return ofRole.sort((a, b) => String(b.EndDateActive ?? "9999").localeCompare(String(a.EndDateActive ?? "9999")))[0];
}

const isActive = (a: WireRoleAssignment) => !a.EndDateActive || a.EndDateActive >= today();

/** Makes the user's role assignments what is declared; returns whether anything was sent. */
async function reconcileRoles(client: OracleClient, record: ResourceUserRecord, declared: ResourceRoleInput[]): Promise<boolean> {
  let sent = false;
  for (const role of declared) {
    const assignment = currentAssignment(record.roles, role.roleId);
    if (!assignment) {
      await addRole(client, record.uniqId, { RoleId: role.roleId, StartDateActive: role.startDate, EndDateActive: role.endDate });
      sent = true;
      continue;
    }
    const change: { StartDateActive?: string; EndDateActive?: string | null } = {};
    if (role.startDate !== undefined && role.startDate !== assignment.StartDateActive) change.StartDateActive = role.startDate;
    if ((role.endDate ?? null) !== (assignment.EndDateActive ?? null)) change.EndDateActive = role.endDate ?? null;
    if (Object.keys(change).length > 0) {
      await patchRole(client, record.uniqId, assignment.RoleRelateId, change);
      sent = true;
    }
  }
  const declaredIds = new Set(declared.map((role) => role.roleId));
  // Assignments that ended are history: only live, undeclared ones are removed.
  for (const assignment of record.roles.filter((a) => !declaredIds.has(a.RoleId) && isActive(a))) {
    await deleteRole(client, record.uniqId, assignment.RoleRelateId);
    sent = true;
  }
  return sent;
}

/** The roles as declared, read back from Oracle: what refresh compares. */
function liveRoles(assignments: WireRoleAssignment[], declared: ResourceRoleInput[]): ResourceRoleInput[] {
  const roles: ResourceRoleInput[] = [];
  const declaredIds = new Set(declared.map((role) => role.roleId));
  for (const role of declared) {
    const assignment = currentAssignment(assignments, role.roleId);
    if (!assignment) continue;
    roles.push({
      roleId: role.roleId,
      // Unset start dates are Oracle's default (the hire date): not managed.
      ...(role.startDate !== undefined ? { startDate: orUndefined(assignment.StartDateActive) } : {}),
      ...(assignment.EndDateActive ? { endDate: assignment.EndDateActive } : {}),
    } as ResourceRoleInput);
  }
  for (const assignment of assignments.filter((a) => !declaredIds.has(a.RoleId) && isActive(a))) {
    roles.push({ roleId: assignment.RoleId, ...(assignment.EndDateActive ? { endDate: assignment.EndDateActive } : {}) } as ResourceRoleInput);
  }
  return roles.sort(byRoleId);
}

/** The live values of the declared inputs, for outputs and for drift. */
function liveInputs(record: ResourceUserRecord, declared: ResourceUserInputs): ResourceUserInputs {
  const item = record.item;
  const live: Record<string, unknown> = { ...declared };
  // Unset inputs are not managed: leave them unset rather than report Oracle's values as drift.
  for (const field of resourceUserFields) {
    if (declared[field] === undefined) continue;
    if (field === "userStatus" && item.UserStatus === "I") continue; // the end date speaks for it
    live[field] = orUndefined(item[RESOURCE_USER_FIELDS[field].wire]);
  }
  if (declared.partyNumber !== undefined) live.partyNumber = item.ResourcePartyNumber;
  if (declared.flexFields) live.flexFields = Object.fromEntries(Object.keys(declared.flexFields).map((name) => [name, item[name] ?? null]));
  if (declared.roles) live.roles = liveRoles(record.roles, declared.roles);
  return live as ResourceUserInputs;
}

function readOnlyOf(record: ResourceUserRecord): ResourceUserReadOnly {
  const item = record.item;
  const text = (name: string) => (item[name] === null || item[name] === undefined ? null : String(item[name]));
  const number = (name: string) => (item[name] === null || item[name] === undefined ? null : Number(item[name]));
  return {
    partyName: text("PartyName"),
    username: text("Username"),
    personNumber: text("PersonNumber"),
    partyId: number("ResourcePartyId"),
    profileId: number("ResourceProfileId"),
    effectiveUserStatus: text("UserStatus"),
    city: text("City"),
    country: text("Country"),
    postalCode: text("PostalCode"),
    formattedAddress: text("FormattedAddress"),
    jobTitle: text("JobTitle"),
    organizationUsage: text("ResourceOrganizationUsage"),
    orgRoleName: text("ResourceOrgRoleName"),
    managerPartyId: number("ResourceManagerPartyId"),
    managerPartyNumber: text("ResourceManagerPartyNumber"),
    // Oracle sends the flags as the strings "true"/"false".
    updateAllowed: String(item.UpdateFlag) === "true",
    creationDate: text("CreationDate"),
    createdBy: text("CreatedBy"),
    lastUpdateDate: text("LastUpdateDate"),
    lastUpdatedBy: text("LastUpdatedBy"),
    roleAssignments: record.roles
      .map((a) => ({ roleRelateId: a.RoleRelateId, roleId: a.RoleId, roleCode: a.RoleCode ?? null, startDate: a.StartDateActive ?? null, endDate: a.EndDateActive ?? null }))
      .sort((a, b) => a.roleRelateId - b.roleRelateId),
  };
}

function outputsOf(inputs: ResourceUserInputs, record: ResourceUserRecord, adopted: boolean): ResourceUserOutputs {
  return {
    ...inputs,
    ...readOnlyOf(record),
    resourcePartyNumber: record.item.ResourcePartyNumber,
    uniqId: record.uniqId,
    changeIndicator: record.changeIndicator,
    adopted,
  };
}

/** Reads the user again by key, or by party number when the key no longer answers. */
async function reread(client: OracleClient, uniqId: string | undefined, partyNumber: string): Promise<ResourceUserRecord | undefined> {
  const byKey = uniqId ? await getResourceUser(client, uniqId) : undefined;
  if (byKey && byKey.item.ResourcePartyNumber === partyNumber) return byKey;
  const found = await findByPartyNumber(client, partyNumber);
  return found && (await getResourceUser(client, found.uniqId));
}

/** Takes an existing user to the declaration (adoption): PATCH what differs, then the roles. */
async function converge(client: OracleClient, record: ResourceUserRecord, inputs: ResourceUserInputs): Promise<ResourceUserRecord> {
  const body = patchBody(inputs, currentOfItem(record.item));
  let current = record;
  if (Object.keys(body).length > 0) {
    let patched = await patchResourceUser(client, record.uniqId, body, record.changeIndicator);
    if (patched === "conflict") {
      // A repeat of a PATCH whose answer was lost carries the ETag from before it.
      const now = await getResourceUser(client, record.uniqId);
      if (now && holds(now, body)) patched = now;
    }
    if (patched === "conflict" || patched === "gone") throw conflictError(`resource user ${record.item.ResourcePartyNumber} changed while it was being adopted; run the update again`);
    current = patched;
  }
  const rolesSent = inputs.roles ? await reconcileRoles(client, { ...current, roles: record.roles }, inputs.roles) : false;
  return rolesSent || Object.keys(body).length > 0 ? ((await getResourceUser(client, record.uniqId)) ?? current) : current;
}

export async function create(config: Config, inputs: ResourceUserInputs): Promise<{ id: string; outs: ResourceUserOutputs }> {
  return guarded(async () => {
    const client = clientOf(config);
    if (inputs.adopt) {
      const existing = inputs.partyNumber !== undefined ? await findByPartyNumber(client, inputs.partyNumber) : await findByEmail(client, inputs.email!);
      if (existing) {
        const adopted = await converge(client, existing, inputs);
        return { id: adopted.item.ResourcePartyNumber, outs: outputsOf(inputs, adopted, true) };
      }
    }
    let created: ResourceUserRecord;
    try {
      created = await createResourceUser(client, createBody(inputs));
    } catch (error) {
      if (isApiError(error) && error.constant.includes("Oracle error 25013")) {
        error.message +=
          `. A resource user with ${inputs.partyNumber !== undefined ? `party number ${inputs.partyNumber} or ` : ""}e-mail ${inputs.email} already exists in Oracle: ` +
          `set adopt: true to manage it with this resource (it is found by ${inputs.partyNumber !== undefined ? "party number" : "e-mail"}).`;
      }
      // The POST may have been committed before its answer was lost, maybe later still: the e-mail is unique, so look.
      if (!isTransportError(error) || !error.ambiguous) throw error;
      const found = await findLateCommit(`Resource user ${inputs.partyNumber ?? inputs.email}`, () => findByEmail(client, inputs.email!));
      if (!found) {
        error.message += notFoundAfterLostAnswer();
        throw error;
      }
      created = await converge(client, found, inputs);
    }
    // The POST's answer carries the roles created with the user (expand): no read afterwards.
    return { id: created.item.ResourcePartyNumber, outs: outputsOf(inputs, created, false) };
  });
}

/**
 * For `contact-center recover` (cli/recover.ts): the object a create of `inputs` made before its
 * run was killed, found by its natural key, with the outputs that create would have returned;
 * undefined when there is none. Reads only.
 */
export async function recoverCreated(config: Config, inputs: ResourceUserInputs) {
  return guarded(async () => {
    // The e-mail is unique (Oracle error 25013); a declared party number must be the one found.
    const found = await findByEmail(clientOf(config), inputs.email!);
    if (!found || (inputs.partyNumber !== undefined && found.item.ResourcePartyNumber !== inputs.partyNumber)) return undefined;
    return { id: found.item.ResourcePartyNumber, outs: outputsOf(inputs, found, false) };
  });
}

export async function read(config: Config, id: string, props: ResourceUserOutputs) {
  return guarded(async () => {
    const connection = resolveOracleConnection(config);
    const client = new OracleClient(connection);
    // Every user, with roles, in pages of 500: a refresh reads the list once, not each user.
    const all = await sharedRead(`oracle-resource-users|${client.base}|${connection.username}`, () => listResourceUsers(client, undefined, 500));
    const record = all.find((r) => r.item.ResourcePartyNumber === id);
    // Gone (Oracle has no delete, but a party number can be changed by hand): drop it from the state.
    if (!record) return { id: "" };
    const inputs = liveInputs(record, props);
    const declaredInputs = Object.fromEntries(
      // Outputs echo the inputs, so the declared ones are those with a value.
      COMPARED_FIELDS.filter((field) => props[field] !== undefined).map((field) => [field, inputs[field]]),
    );
    return { id: record.item.ResourcePartyNumber, props: outputsOf(inputs, record, props.adopted ?? false), inputs: declaredInputs };
  });
}

export async function update(config: Config, id: string, olds: ResourceUserOutputs, news: ResourceUserInputs): Promise<{ outs: ResourceUserOutputs }> {
  return guarded(async () => {
    const client = clientOf(config);
    // What changed against the state; the state's ETag guards that Oracle still holds that version.
    const body = patchBody(news, currentOfState(olds));
    let record: ResourceUserRecord | undefined;
    if (Object.keys(body).length > 0) {
      let patched = await patchResourceUser(client, olds.uniqId, body, olds.changeIndicator).catch(async (error) => {
        // The answer was lost; the PATCH may have been committed. Look before failing.
        if (!isTransportError(error) || !error.ambiguous) throw error;
        const current = await reread(client, olds.uniqId, id);
        if (current && holds(current, body)) return current;
        throw error;
      });
      if (patched === "gone") {
        const found = await reread(client, undefined, id);
        if (!found) throw conflictError(`resource user ${id} is no longer in Oracle: run \`pulumi refresh\`, then \`pulumi up\` creates it again`);
        patched = await patchResourceUser(client, found.uniqId, body, olds.changeIndicator);
      }
      if (patched === "conflict") patched = await ownWriteOrConflict(client, id, olds, body);
      if (patched === "gone") throw conflictError(`resource user ${id} is no longer in Oracle: run \`pulumi refresh\``);
      record = patched;
    }
    // A PATCH answer carries no roles; a re-read (with roles) is needed only when roles changed or nothing was sent.
    let final: ResourceUserRecord | undefined;
    if (news.roles && !sameValue(olds.roles, news.roles)) {
      const current = await reread(client, record?.uniqId ?? olds.uniqId, id);
      if (!current) throw conflictError(`resource user ${id} is no longer in Oracle: run \`pulumi refresh\``);
      final = (await reconcileRoles(client, current, news.roles)) ? await getResourceUser(client, current.uniqId) : current;
    } else if (record) {
      final = { ...record, roles: olds.roleAssignments.map((a) => ({ RoleRelateId: a.roleRelateId, RoleId: a.roleId, RoleCode: a.roleCode, StartDateActive: a.startDate, EndDateActive: a.endDate })) };
    } else {
      // Nothing to send (an unmanaged field or the policy changed): the state's version stands.
      final = await reread(client, olds.uniqId, id);
    }
    if (!final) throw conflictError(`resource user ${id} is no longer in Oracle: run \`pulumi refresh\`, then \`pulumi up\` creates it again`);
    return { outs: outputsOf(news, final, olds.adopted) };
  });
}

/**
 * Whether the item already holds every attribute the PATCH sends: then a 412 is this
 * provider's own write, committed by an attempt whose answer was lost (the retry, or the next
 * run from the same state, carries the ETag from before it).
 */
function holds(record: ResourceUserRecord, body: Record<string, unknown>): boolean {
  return Object.entries(body).every(([name, value]) =>
    name === "CreateUserAccountFlag" ? record.item.Username !== null && record.item.Username !== undefined : sameValue(orUndefined(record.item[name]) ?? null, value ?? null),
  );
}

/** After a 412: the user as it is when it already holds what was sent, else the conflict, explained. */
async function ownWriteOrConflict(client: OracleClient, id: string, olds: ResourceUserOutputs, body: Record<string, unknown>): Promise<ResourceUserRecord> {
  const current = await reread(client, olds.uniqId, id);
  if (current && holds(current, body)) return current;
  throw await conflictOf(client, id, olds);
}

/** A 412: the user changed in Oracle since the state was written. Says what differs; changes nothing. */
async function conflictOf(client: OracleClient, id: string, olds: ResourceUserOutputs) {
  const current = await reread(client, olds.uniqId, id);
  const live = current ? liveInputs(current, olds) : undefined;
  const differences = live
    ? resourceUserFields
        .filter((field) => olds[field] !== undefined && !sameValue(olds[field], live[field]))
        .map((field) => `${field} ${JSON.stringify(olds[field])} in the state, ${JSON.stringify(live[field] ?? null)} in Oracle`)
    : [];
  return conflictError(
    `resource user ${id} changed in Oracle since the state was written (HTTP 412 Precondition Failed: ETag ${olds.changeIndicator} in the state, ` +
      `${current?.changeIndicator ?? "unknown"} in Oracle)${differences.length ? `: ${differences.join("; ")}` : ""}. Nothing was changed. ` +
      "Run `pulumi refresh` (or `pulumi up --refresh`) to take Oracle's version; the next `pulumi up` then applies the declaration.",
  );
}

/**
 * Ends or suspends the user as the state knows it, without reading it first: the PATCH carries
 * the state's ETag, so it applies only to that very version (an end date or status decided
 * from the state is then right). False when it cannot tell (no key or ETag in the state, an
 * end-dated user) or Oracle refuses (412 changed since, 404 key gone, 400 a rule such as a
 * start date still ahead): nothing has changed, and the caller reads the user and decides.
 */
async function retiredFromState(client: OracleClient, props: ResourceUserOutputs): Promise<boolean> {
  if (!props.uniqId || !props.changeIndicator || !props.effectiveUserStatus || props.effectiveUserStatus === "I") return false;
  const suspend = props.deletionPolicy === "suspend" && props.username !== null && props.username !== undefined;
  const start = props.startDate ?? props.hireDate;
  const body = suspend ? { UserStatus: "S" } : { ResourceEndDate: start !== undefined && start > today() ? start : today() };
  try {
    const patched = await patchResourceUser(client, props.uniqId, body, props.changeIndicator);
    return patched !== "conflict" && patched !== "gone";
  } catch (error) {
    if (isApiError(error) && error.constant.startsWith("HTTP 400")) return false;
    throw error;
  }
}

export async function remove(config: Config, id: string, props: ResourceUserOutputs): Promise<void> {
  return guarded(async () => {
    if (props.deletionPolicy === "retain") return;
    const client = clientOf(config);
    if (await retiredFromState(client, props)) return;
    const record = await reread(client, props.uniqId, id);
    if (!record) return;
    const item = record.item;
    const hasAccount = item.Username !== null && item.Username !== undefined;
    if (item.UserStatus === "I") return; // end-dated already
    if (props.deletionPolicy === "suspend" && hasAccount) {
      if (item.UserStatus !== "S") await patchResourceUser(client, record.uniqId, { UserStatus: "S" });
      return;
    }
    // End-date (also for a user without an account, which cannot be suspended): today, or its
    // start date when that is still ahead, since the end may not come before the start.
    const start = String(item.ResourceStartDate ?? today());
    await patchResourceUser(client, record.uniqId, { ResourceEndDate: start > today() ? start : today() });
  });
}
