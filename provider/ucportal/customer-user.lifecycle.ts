/**
 * What each step of a CustomerUser does. Loaded inside the provider process only.
 * Wire contract: docs/ucportal-wire-decisions.md.
 */
import { findLateCommit, notFoundAfterLostAnswer } from "../core/late-commit";
import * as pulumi from "@pulumi/pulumi";
import { checkInputs, containsUnknown, UNKNOWN } from "../core/check";
import { sameValue } from "../core/diff";
import { conflictError, isApiError, isTransportError } from "../core/errors";
import { guarded } from "../core/guarded";
import { freshRead } from "../core/fresh-read";
import { identityRead, sharedRead } from "../core/shared-read";
import { UcPortalClient } from "./client";
import { resolveUcPortalConnection, UcPortalConnection } from "./connection";
import { CustomerUserDeclared, CustomerUserInputs, customerUserInputs, CustomerUserOutputs, describeRole } from "./customer-user";
import {
  createUser,
  deleteUser,
  findUserByEmail,
  getUser,
  listUserPages,
  listUsers,
  patchUser,
  putDevices,
  sameEmail,
  sendActivationEmail,
  sendUcWelcomeEmail,
  WireCustomerUser,
  WireUserFields,
} from "./customer-users-api";
import { CUSTOMER_USER, isUserAdministrator, LAST_USER_ADMINISTRATOR_MESSAGE, licensedRoles, PBX_ROLE, REALTIME_ROLE, roleOf, USER_ADMIN } from "./roles";
import type { ConfigSource } from "../core/connection";

/** What a lifecycle reads its connection from: the provider's config, as configure() gave it. */
type Config = ConfigSource | undefined;

const clientOf = (config: Config) => new UcPortalClient(resolveUcPortalConnection(config));
/** One tenant of one portal, as the key of the lists its users share. */
const tenantKey = (connection: UcPortalConnection) => `${connection.url}|${connection.version}|${connection.customerId}`;

const sorted = (values: readonly string[]) => [...new Set(values)].sort();
const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));
const sameSet = (a: readonly string[], b: readonly string[]) => sameValue(sorted(a), sorted(b));

/** What licenceChanges says when no change of the licence set is known. */
export const NO_LICENCE_CHANGE = "none";

/**
 * The licence delta between two role sets, as the plan shows it. When the licence sets are
 * equal, the previous text is kept, so that the field changes (and is listed in the plan)
 * exactly when a plan changes licences.
 */
export function licenceChanges(before: readonly string[], after: readonly string[], previous?: string): string {
  const [was, will] = [licensedRoles(before), licensedRoles(after)];
  const added = sorted(minus(will, was));
  const removed = sorted(minus(was, will));
  if (added.length === 0 && removed.length === 0) return previous ?? NO_LICENCE_CHANGE;
  return [
    added.length > 0 ? `adds ${added.map(describeRole).join(", ")}` : "",
    removed.length > 0 ? `removes ${removed.map(describeRole).join(", ")}` : "",
  ]
    .filter(Boolean)
    .join("; ");
}

/** The refusal of a change that would leave the tenant without a user administrator. Nothing has been sent. */
function lastAdministratorError(user: { id?: string; email: string }, customerId: string, action: string, remedy: string) {
  return conflictError(
    `customer user ${user.email}${user.id ? ` (${user.id})` : ""} is the only user administrator of customer tenant ${customerId} ` +
      `(it holds ${USER_ADMIN} and ${CUSTOMER_USER}): ${action} would leave the tenant without one ("${LAST_USER_ADMINISTRATOR_MESSAGE}"). ` +
      `Nothing was changed. ${remedy}`,
  );
}

/** A user the state has, deleted from the portal by hand since. */
function goneError(email: string, id: string) {
  return conflictError(`customer user ${email} (${id}) is no longer in the portal: run \`pulumi refresh\`, then \`pulumi up\` creates it again`);
}

const DEMOTION_REMEDY = `Give another user both ${USER_ADMIN} and ${CUSTOMER_USER} in an earlier \`pulumi up\` first, then remove them from this one.`;

/** What a demotion takes away, for the message: `removing user.admin`. */
const demotionOf = (roles: readonly string[]) => `removing ${[USER_ADMIN, CUSTOMER_USER].filter((key) => !roles.includes(key)).join(" and ")}`;

/** True when `users` has a user administrator other than `self` (by id, else by e-mail). */
function anotherAdministrator(users: WireCustomerUser[], self: { id?: string; email: string }): boolean {
  const isSelf = (u: WireCustomerUser) => (self.id ? u.id === self.id : u.email.toLowerCase() === self.email.toLowerCase());
  return users.some((u) => !isSelf(u) && isUserAdministrator(u.roles));
}

export async function check(config: Config, olds: unknown, news: Record<string, unknown>) {
  const { licenceChanges: _ignored, ...declared } = news;
  const result = checkInputs(customerUserInputs, declared);
  const failures = result.failures;
  const inputs = result.inputs as Record<string, unknown>;
  const previous = (olds ?? {}) as Partial<CustomerUserInputs>;
  if (failures.length > 0) return { inputs: news, failures };
  const roles = inputs.roles;
  if (!Array.isArray(roles) || containsUnknown(roles)) {
    // Roles not known yet (preview): neither is the licence delta.
    inputs.licenceChanges = UNKNOWN;
    return { inputs: inputs as CustomerUserInputs, failures };
  }
  // Roles and devices are sets: sorted, so a reordering is not a change.
  inputs.roles = sorted(roles as string[]);
  if (Array.isArray(inputs.devices) && !containsUnknown(inputs.devices)) inputs.devices = sorted(inputs.devices as string[]);
  const before = Array.isArray(previous.roles) ? previous.roles : [];
  inputs.licenceChanges = licenceChanges(before, inputs.roles as string[], previous.licenceChanges);

  // The last-administrator guard, in the plan: a declaration that demotes an administrator is
  // refused in preview when no other user of the tenant is one (update() checks again, live).
  if (isUserAdministrator(before) && !isUserAdministrator(inputs.roles as string[]) && typeof previous.email === "string") {
    const client = clientOf(config);
    await guarded(async () => {
      const users = await listUsers(client);
      const self = users.find((u) => u.email.toLowerCase() === previous.email!.toLowerCase());
      if (self && isUserAdministrator(self.roles) && !anotherAdministrator(users, { id: self.id, email: self.email })) {
        failures.push({
          property: "roles",
          reason: lastAdministratorError(self, client.customerId, demotionOf(inputs.roles as string[]), DEMOTION_REMEDY).message,
        });
      }
    });
  }
  return { inputs: (failures.length > 0 ? news : inputs) as CustomerUserInputs, failures };
}

/** The inputs diff() compares. The e-mail flags act at creation only, `adopt` at creation only. */
const COMPARED_FIELDS = ["displayName", "email", "roles", "primaryTenant", "devices", "licenceChanges", "deletionPolicy"] as const;
/** Unset means not managed: leaving them out of the declaration is not a change. */
const UNMANAGED_WHEN_UNSET: readonly string[] = ["primaryTenant", "devices"];
/** The fields whose change reaches the portal: a change of deletionPolicy alone touches only the state. */
const PORTAL_FIELDS = COMPARED_FIELDS.filter((field) => field !== "deletionPolicy");

/** The policy a state holds; a state written before the input existed had what is now the default. */
const policyOf = (props: Partial<CustomerUserOutputs>): "delete" | "retain" => props.deletionPolicy ?? "delete";

function changedFields(olds: Partial<CustomerUserOutputs>, news: CustomerUserInputs, fields: readonly (typeof COMPARED_FIELDS)[number][]) {
  const old = { ...olds, deletionPolicy: policyOf(olds) };
  return fields.filter((field) => !(UNMANAGED_WHEN_UNSET.includes(field) && news[field] === undefined) && !sameValue(old[field], news[field]));
}

export async function diff(_id: string, olds: CustomerUserOutputs, news: CustomerUserInputs): Promise<pulumi.dynamic.DiffResult> {
  const changed = changedFields(olds, news, COMPARED_FIELDS);
  return { changes: changed.length > 0, replaces: [], deleteBeforeReplace: false };
}

/**
 * The roles the portal assigned by itself that nobody declared: those already known as such, and
 * the realtime add-on on a PBX user (the portal adds it to every PBX user when the tenant's first
 * supervisor l3 or higher is assigned, to any user, at any time).
 */
function serverAssigned(live: readonly string[], declared: readonly string[], known: readonly string[]): string[] {
  return sorted(live.filter((key) => !declared.includes(key) && (known.includes(key) || (key === REALTIME_ROLE && live.includes(PBX_ROLE)))));
}

/** Drops roles whose prerequisites are not in the set (a kept server role whose base was removed). */
function withPrerequisites(roles: string[]): string[] {
  let current = roles;
  for (;;) {
    const next = current.filter((key) => (roleOf(key)?.requires ?? []).every((required) => current.includes(required)));
    if (next.length === current.length) return current;
    current = next;
  }
}

/**
 * The role set to send: the declared roles, plus the server-assigned ones the user still holds,
 * except those the declaration used to list and no longer does.
 */
function targetRoles(declared: readonly string[], live: readonly string[], known: readonly string[], dropped: readonly string[]): string[] {
  const keep = serverAssigned(live, declared, known).filter((key) => !dropped.includes(key));
  return sorted(withPrerequisites([...declared, ...keep]));
}

function outputsOf(inputs: CustomerUserInputs, user: WireCustomerUser, extra: { known: readonly string[]; adopted: boolean; activation: boolean; welcome: boolean }): CustomerUserOutputs {
  return {
    ...inputs,
    userId: user.id,
    isParent: user.isParent,
    liveRoles: sorted(user.roles),
    serverAssignedRoles: serverAssigned(user.roles, inputs.roles, extra.known),
    effectivePrimaryTenant: user.primaryTenant,
    assignedDevices: sorted(user.devices ?? []),
    adopted: extra.adopted,
    activationEmailSent: extra.activation,
    welcomeEmailSent: extra.welcome,
  };
}

const refuseParent = (user: WireCustomerUser) =>
  conflictError(
    `customer user ${user.email} (${user.id}) is configured at the reseller level (isParent, primary tenant ${user.primaryTenant}): the portal refuses changes to it from the customer tenant, so it cannot be managed here`,
  );

/** The fields converge may write; an update names those its plan shows. */
type PortalField = "displayName" | "email" | "primaryTenant" | "roles" | "devices";
const EVERY_FIELD: readonly PortalField[] = ["displayName", "email", "primaryTenant", "roles", "devices"];

/**
 * Takes an existing user to the declaration: PATCH of what differs, then the devices. Only the
 * fields in `only` are compared and written (all of them when adopting; an update passes the
 * fields its plan shows, so a field changed by hand and not in the plan is left alone). Guards
 * the last user administrator before any write.
 */
async function converge(
  client: UcPortalClient,
  user: WireCustomerUser,
  inputs: CustomerUserDeclared,
  known: readonly string[],
  dropped: readonly string[],
  only: readonly PortalField[] = EVERY_FIELD,
): Promise<WireCustomerUser> {
  if (user.isParent) throw refuseParent(user);
  const fields: WireUserFields = {};
  if (only.includes("roles")) {
    const roles = targetRoles(inputs.roles, user.roles, known, dropped);
    if (isUserAdministrator(user.roles) && !isUserAdministrator(roles) && !anotherAdministrator(await listUsers(client), user)) {
      throw lastAdministratorError(user, client.customerId, demotionOf(roles), DEMOTION_REMEDY);
    }
    if (!sameSet(user.roles, roles)) fields.roles = roles;
  }
  if (only.includes("displayName") && user.displayName !== inputs.displayName) fields.displayName = inputs.displayName;
  if (only.includes("email") && user.email !== inputs.email) fields.email = inputs.email;
  if (only.includes("primaryTenant") && inputs.primaryTenant !== undefined && user.primaryTenant !== inputs.primaryTenant) fields.primaryTenant = inputs.primaryTenant;
  let current = user;
  if (Object.keys(fields).length > 0) {
    const patched = await patchOrConfirm(client, user.id, fields);
    if (!patched) throw goneError(user.email, user.id);
    current = patched;
  }
  if (only.includes("devices") && inputs.devices !== undefined && !sameSet(current.devices ?? [], inputs.devices)) current = await putDevices(client, user.id, inputs.devices);
  return current;
}

export async function create(config: Config, inputs: CustomerUserInputs): Promise<{ id: string; outs: CustomerUserOutputs }> {
  return guarded(async () => {
    const client = clientOf(config);
    if (inputs.adopt) {
      const existing = await findUserByEmail(client, inputs.email);
      if (existing) {
        // An undeclared PBX licence on an adopted user is the portal's own assignment (it gives it to
        // every user of the phone system): kept, and reported as server-assigned.
        const known = existing.roles.includes(PBX_ROLE) && !inputs.roles.includes(PBX_ROLE) ? [PBX_ROLE] : [];
        const adopted = await converge(client, existing, inputs, known, []);
        return { id: adopted.id, outs: outputsOf(inputs, adopted, { known, adopted: true, activation: false, welcome: false }) };
      }
    }
    const fields: WireUserFields = { displayName: inputs.displayName, email: inputs.email, roles: inputs.roles };
    if (inputs.primaryTenant !== undefined) fields.primaryTenant = inputs.primaryTenant;
    let user: WireCustomerUser;
    try {
      user = await createUser(client, fields);
    } catch (error) {
      if (isApiError(error) && error.constant === "HTTP 409 EMAIL_IN_USE") {
        throw conflictError(
          `customer tenant ${client.customerId} already has a user with e-mail ${inputs.email} (HTTP 409 EMAIL_IN_USE). ` +
            "Set `adopt: true` to take that user over, or declare another e-mail.",
        );
      }
      // The POST may have been committed before its answer was lost, maybe later still: the e-mail is unique, so look.
      if (!isTransportError(error) || !error.ambiguous) throw error;
      const found = await findLateCommit(`Customer user ${inputs.email}`, () => findUserByEmail(client, inputs.email));
      if (!found) {
        error.message += notFoundAfterLostAnswer();
        throw error;
      }
      user = found;
    }
    // Whatever the portal added to the declared roles on create is its own assignment.
    const known = minus(user.roles, inputs.roles);
    if (inputs.devices !== undefined && !sameSet(user.devices ?? [], inputs.devices)) user = await putDevices(client, user.id, inputs.devices);
    if (inputs.sendActivationEmail) await sendActivationEmail(client, user.id);
    if (inputs.sendWelcomeEmail) await sendUcWelcomeEmail(client, user.id);
    return {
      id: user.id,
      outs: outputsOf(inputs, user, { known, adopted: false, activation: inputs.sendActivationEmail, welcome: inputs.sendWelcomeEmail }),
    };
  });
}

/**
 * For `contact-center recover` (cli/recover.ts): the object a create of `inputs` made before its
 * run was killed, found by its natural key, with the outputs that create would have returned;
 * undefined when there is none. Reads only.
 */
export async function recoverCreated(config: Config, inputs: CustomerUserInputs) {
  return guarded(async () => {
    // The e-mail is unique in the tenant (HTTP 409 EMAIL_IN_USE).
    const user = await findUserByEmail(clientOf(config), inputs.email);
    if (!user) return undefined;
    // As after a create: what the portal added to the declared roles is its own. Whether the
    // e-mails went out is not known: recorded as not sent.
    return { id: user.id, outs: outputsOf(inputs, user, { known: minus(user.roles, inputs.roles), adopted: false, activation: false, welcome: false }) };
  });
}

export async function read(config: Config, id: string, props: Partial<CustomerUserOutputs>) {
  return guarded(async () => {
    const client = clientOf(config);
    // The tenant's users in pages: a refresh lists them once, not each user.
    const connection = resolveUcPortalConnection(config);
    const all = await sharedRead(`ucportal-users|${tenantKey(connection)}`, () => listUsers(client));
    const user = all.find((u) => u.id === id);
    // Deleted in the portal: drop it from the state, so the next `up` creates it again.
    if (!user) return { id: "" };
    const declaredRoles = props.roles ?? [];
    const serverRoles = serverAssigned(user.roles, declaredRoles, props.serverAssignedRoles ?? []);
    // The declared side as the portal has it: every live role but the server's own.
    const inputs: CustomerUserInputs = {
      displayName: user.displayName,
      email: user.email,
      roles: sorted(minus(user.roles, serverRoles)),
      ...(props.primaryTenant !== undefined ? { primaryTenant: user.primaryTenant } : {}),
      ...(props.devices !== undefined ? { devices: sorted(user.devices ?? []) } : {}),
      sendActivationEmail: props.sendActivationEmail ?? false,
      sendWelcomeEmail: props.sendWelcomeEmail ?? false,
      adopt: props.adopt ?? false,
      deletionPolicy: policyOf(props),
      licenceChanges: props.licenceChanges ?? NO_LICENCE_CHANGE,
    };
    const outs = outputsOf(inputs, user, {
      known: serverRoles,
      adopted: props.adopted ?? false,
      activation: props.activationEmailSent ?? false,
      welcome: props.welcomeEmailSent ?? false,
    });
    return { id: user.id, props: outs, inputs };
  });
}

/**
 * A change of plain fields only (display name, e-mail, primary tenant): PATCH is a merge, so
 * sending just those leaves roles and devices alone and needs no read of the user first.
 * Undefined when roles or devices change, or the user is a reseller's (the full path decides).
 */
async function patchedFromState(client: UcPortalClient, id: string, olds: CustomerUserOutputs, news: CustomerUserInputs): Promise<WireCustomerUser | undefined> {
  const changed = changedFields(olds, news, PORTAL_FIELDS);
  if (olds.isParent || changed.some((field) => field !== "displayName" && field !== "email" && field !== "primaryTenant")) return undefined;
  const fields: WireUserFields = {};
  if (changed.includes("displayName")) fields.displayName = news.displayName;
  if (changed.includes("email")) fields.email = news.email;
  if (changed.includes("primaryTenant") && news.primaryTenant !== undefined) fields.primaryTenant = news.primaryTenant;
  if (Object.keys(fields).length === 0) return undefined;
  const patched = await patchOrConfirm(client, id, fields);
  if (!patched) throw goneError(olds.email, id);
  return patched;
}

/**
 * A PATCH whose answer was lost may have been committed: the user is read, and when it holds
 * every field sent, the write is taken as done (sending it again would do no more); otherwise
 * the lost answer is the error.
 */
async function patchOrConfirm(client: UcPortalClient, id: string, fields: WireUserFields): Promise<WireCustomerUser | undefined> {
  try {
    return await patchUser(client, id, fields);
  } catch (error) {
    if (!isTransportError(error) || !error.ambiguous) throw error;
    const current = await getUser(client, id);
    const holds = (Object.keys(fields) as (keyof WireUserFields)[]).every((field) =>
      field === "roles" ? sameSet(current?.roles ?? [], fields.roles ?? []) : current?.[field] === fields[field],
    );
    if (current && holds) return current;
    throw error;
  }
}

export async function update(config: Config, id: string, olds: CustomerUserOutputs, news: CustomerUserInputs): Promise<{ outs: CustomerUserOutputs }> {
  return guarded(async () => {
    // A change of deletionPolicy alone touches only the state.
    if (changedFields(olds, news, PORTAL_FIELDS).length === 0) {
      const { userId, isParent, liveRoles, serverAssignedRoles, effectivePrimaryTenant, assignedDevices, adopted, activationEmailSent, welcomeEmailSent } = olds;
      return {
        outs: { ...news, userId, isParent, liveRoles, serverAssignedRoles, effectivePrimaryTenant, assignedDevices, adopted, activationEmailSent, welcomeEmailSent },
      };
    }
    const client = clientOf(config);
    const patched = await patchedFromState(client, id, olds, news);
    if (patched) {
      const known = olds.serverAssignedRoles ?? [];
      return { outs: outputsOf(news, patched, { known, adopted: olds.adopted, activation: olds.activationEmailSent, welcome: olds.welcomeEmailSent }) };
    }
    const live = await getUser(client, id);
    if (!live) throw goneError(olds.email, id);
    // Roles the declaration used to list and no longer does are removed, server-assignable or not.
    const dropped = minus(olds.roles ?? [], news.roles);
    const known = minus(olds.serverAssignedRoles ?? [], dropped);
    // Exactly the plan's fields: a display name changed by hand and not in the plan stays.
    const planned = changedFields(olds, news, PORTAL_FIELDS).filter((field): field is PortalField => (EVERY_FIELD as readonly string[]).includes(field));
    const user = await converge(client, live, news, known, dropped, planned);
    return {
      outs: outputsOf(news, user, { known, adopted: olds.adopted, activation: olds.activationEmailSent, welcome: olds.welcomeEmailSent }),
    };
  });
}

export async function remove(config: Config, id: string, props: CustomerUserOutputs): Promise<void> {
  return guarded(async () => {
    // "retain": nothing to call. The user stays in the portal; the stack forgets it.
    if (policyOf(props) === "retain") return;
    const connection = resolveUcPortalConnection(config);
    const client = new UcPortalClient(connection);
    // Irreversible: the user about to be deleted is read first, and must be the one the state
    // names. The read is a list shared by the deletes of a destroy (`identityRead`: N users cost
    // a few lists, not N reads); a user the list lacks is read alone, so that a list that leaves
    // some out, or predates the user, is never taken for "already gone".
    const key = `ucportal-users|${tenantKey(connection)}`;
    const { list } = await identityRead(key, () => listUserPages(client), (read) => read.pages);
    const current = list.users.find((user) => user.id === id) ?? (await getUser(client, id));
    if (!current) return; // already gone: all is well
    if (!sameEmail(current.email, props.email)) {
      throw conflictError(
        `customer user ${id} has the e-mail ${current.email} in the portal, not ${props.email} as the state says: nothing was deleted. ` +
          "Run `pulumi refresh` and check which user this is before deleting it",
      );
    }
    // A user administrator (as the state knows it) is checked against the tenant's users before
    // any write. Others are deleted straight away; should the state be stale, the portal refuses
    // the last administrator's delete itself (409, nothing changed) and the same check explains it.
    // The roles of the others are read afresh (a list begun after this call): this very run may
    // just have changed them, and a shared list that predates this user would call it gone.
    const lastAdministrator = async (): Promise<WireCustomerUser | undefined | "gone"> => {
      const users = await freshRead(key, () => listUsers(client));
      const self = users.find((u) => u.id === id);
      if (!self) return "gone";
      return isUserAdministrator(self.roles) && !anotherAdministrator(users, self) ? self : undefined;
    };
    let self = isUserAdministrator(props.liveRoles ?? props.roles ?? []) ? await lastAdministrator() : undefined;
    if (self === "gone") return; // already gone: all is well
    if (!self) {
      try {
        // Irreversible: the portal has no undelete. One already gone (404) counts as deleted.
        await deleteUser(client, id);
        return;
      } catch (error) {
        if (!isApiError(error) || !error.constant.includes("LAST_USER_ADMINISTRATOR")) throw error;
        const found = await lastAdministrator();
        if (found === "gone" || !found) throw error;
        self = found;
      }
    }
    throw lastAdministratorError(
      self,
      client.customerId,
      "deleting it",
      `Make another user an administrator (${USER_ADMIN} and ${CUSTOMER_USER}) first; to stop managing this user without deleting it, ` +
        `set \`deletionPolicy: "retain"\` and run \`pulumi up\` first, or run \`pulumi state delete\` on this resource.`,
    );
  });
}
