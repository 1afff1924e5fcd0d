/**
 * The customer users resource (seed 003): list, get, create, patch, delete, the softphone
 * devices, and the activation and UC welcome e-mails, with the schema's limits, the role
 * rules of provider/ucportal/roles.ts, the last-user-administrator guard and the automatic
 * roles. Contract: docs/ucportal-wire-decisions.md.
 */
import { randomUUID } from "node:crypto";
import type { VendorReply } from "../vendor";
import {
  LAST_USER_ADMINISTRATOR_MESSAGE, PBX_ROLE, REALTIME_ROLE, REALTIME_SUPERVISOR_LEVEL, SOFTPHONE_ROLE, UC_ROLE, checkRoles,
  isUserAdministrator, supervisorLevel,
} from "../../provider/ucportal/roles";
import type { SentEmail, UcPortalData, UcTenant, UcUser } from "./tenant";
import { JsonObject, Problems, fail } from "./wire";
import type { Variants } from "../variants";

export interface UcContext {
  data: UcPortalData;
  tenant: UcTenant;
  /** `/ucportal/{version}/customers/{tenant}`, for Location headers. */
  tenantPath: string;
  query: URLSearchParams;
  now: number;
  variants: Variants;
}

export const DISPLAY_NAME_MAX = 100;
export const EMAIL_MAX = 200;
const LIST_LIMIT = { default: 100, max: 500 } as const;
const USER_FIELDS = new Set(["id", "displayName", "email", "roles", "primaryTenant", "isParent", "devices"]);
const READ_ONLY_FIELDS = ["id", "isParent", "devices"] as const;
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The user as the API answers it: always every field, in the schema's order. */
export function present(user: UcUser): JsonObject {
  return {
    id: user.id,
    displayName: user.displayName,
    email: user.email,
    roles: [...user.roles],
    primaryTenant: user.primaryTenant,
    isParent: user.isParent,
    devices: [...user.devices],
  };
}

export function listUsers(ctx: UcContext): VendorReply {
  const offset = readCount(ctx.query, "offset", 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = readCount(ctx.query, "limit", LIST_LIMIT.default, 1, LIST_LIMIT.max);
  const email = ctx.variants.has("ucportal-ignores-email-filter") ? null : ctx.query.get("email");
  const matches = email === null ? ctx.tenant.users : ctx.tenant.users.filter((u) => sameEmail(u.email, email));
  if (ctx.variants.has("ucportal-ignores-offset")) return { status: 200, body: { items: matches.slice(0, limit).map(present), limit } };
  return {
    status: 200,
    body: { items: matches.slice(offset, offset + limit).map(present), total: matches.length, offset, limit },
  };
}

export function getUser(ctx: UcContext, id: string): VendorReply {
  return { status: 200, body: present(findUser(ctx, id)) };
}

export function createUser(ctx: UcContext, body: JsonObject): VendorReply {
  const problems = new Problems();
  unknownFields(body, problems);
  for (const field of READ_ONLY_FIELDS) {
    if (field in body) problems.add("READ_ONLY", `Field '${field}' is read-only.`, { field });
  }
  const displayName = readDisplayName(body, problems, true);
  const email = readEmail(body, problems, true);
  const roles = readRoles(body, problems) ?? [];
  if ("primaryTenant" in body && body.primaryTenant !== ctx.tenant.id) {
    problems.add("INVALID_VALUE", `primaryTenant must be this customer tenant '${ctx.tenant.id}', got ${JSON.stringify(body.primaryTenant)}.`, {
      field: "primaryTenant",
    });
  }
  checkRoleSet(roles, problems);
  problems.throwIfAny();
  checkEmailFree(ctx.tenant, email!, undefined);

  const before = hasRealtimeSupervisor(ctx.tenant.users);
  const user: UcUser = {
    id: randomUUID(), displayName: displayName!, email: email!, roles, primaryTenant: ctx.tenant.id, isParent: false, devices: [],
  };
  // "Automatically assigned to any user existing on the communication platform."
  if (ctx.tenant.pbxDirectory.has(email!.toLowerCase()) && !roles.includes(PBX_ROLE)) roles.push(PBX_ROLE);
  ctx.tenant.users.push(user);
  assignRealtime(ctx.tenant, before);
  return { status: 201, headers: { location: `${ctx.tenantPath}/users/${encodeURIComponent(user.id)}` }, body: present(user) };
}

export function patchUser(ctx: UcContext, id: string, body: JsonObject): VendorReply {
  const user = writableUser(ctx, id);
  const problems = new Problems();
  unknownFields(body, problems);
  for (const field of READ_ONLY_FIELDS) {
    if (field in body && !sameJson(body[field], user[field])) {
      problems.add("READ_ONLY", `Field '${field}' is read-only and cannot be changed.`, { field });
    }
  }
  const displayName = readDisplayName(body, problems, false);
  const email = readEmail(body, problems, false);
  const roles = readRoles(body, problems);
  if ("primaryTenant" in body && body.primaryTenant !== user.primaryTenant) {
    problems.add("INVALID_VALUE", `primaryTenant must be '${user.primaryTenant}', got ${JSON.stringify(body.primaryTenant)}.`, {
      field: "primaryTenant",
    });
  }
  if (roles !== undefined) checkRoleSet(roles, problems);
  problems.throwIfAny();
  if (email !== undefined) checkEmailFree(ctx.tenant, email, user.id);
  if (roles !== undefined && isUserAdministrator(user.roles) && !isUserAdministrator(roles)) {
    guardLastAdministrator(ctx.tenant, user.id);
  }

  const before = hasRealtimeSupervisor(ctx.tenant.users);
  if (displayName !== undefined) user.displayName = displayName;
  if (email !== undefined) user.email = email;
  if (roles !== undefined) {
    user.roles = roles;
    // Without the softphone role the user cannot keep softphones.
    if (!roles.includes(SOFTPHONE_ROLE)) user.devices = [];
  }
  assignRealtime(ctx.tenant, before);
  return { status: 200, body: present(user) };
}

export function deleteUser(ctx: UcContext, id: string): VendorReply {
  const user = writableUser(ctx, id);
  if (isUserAdministrator(user.roles)) guardLastAdministrator(ctx.tenant, user.id);
  ctx.tenant.users = ctx.tenant.users.filter((u) => u.id !== user.id);
  return { status: 204 };
}

export function putDevices(ctx: UcContext, id: string, body: JsonObject): VendorReply {
  const user = writableUser(ctx, id);
  const problems = new Problems();
  for (const field of Object.keys(body)) {
    if (field !== "devices") problems.add("UNKNOWN_FIELD", `Unknown field '${field}'; the body is { "devices": [deviceId, ...] }.`, { field });
  }
  let devices: string[] = [];
  if (!("devices" in body) || body.devices === null) {
    problems.add("REQUIRED", "devices is required (an array of device ids; [] removes all).", { field: "devices" });
  } else if (!isStringArray(body.devices)) {
    problems.add("INVALID_VALUE", `devices must be an array of device ids, got ${JSON.stringify(body.devices)}.`, { field: "devices" });
  } else {
    devices = [...new Set(body.devices)];
    for (const device of devices) {
      if (!ctx.tenant.devices.some((d) => d.id === device)) {
        problems.add("UNKNOWN_DEVICE", `There is no device '${device}' in customer '${ctx.tenant.id}'.`, { field: "devices", device });
      }
    }
    if (devices.length > 0 && !user.roles.includes(SOFTPHONE_ROLE)) {
      problems.add("ROLE_REQUIRED", `Assigning softphones needs role '${SOFTPHONE_ROLE}'.`, { field: "devices", role: SOFTPHONE_ROLE });
    }
  }
  problems.throwIfAny();
  for (const device of devices) {
    const holder = ctx.tenant.users.find((u) => u.id !== user.id && u.devices.includes(device));
    if (holder) throw fail(409, "DEVICE_IN_USE", `Device '${device}' is the softphone of another user.`, { field: "devices", device, assignedTo: holder.id });
  }
  user.devices = devices;
  return { status: 200, body: present(user) };
}

export function listDevices(ctx: UcContext): VendorReply {
  const items = ctx.tenant.devices.map((d) => ({ ...d, assignedTo: ctx.tenant.users.find((u) => u.devices.includes(d.id))?.id ?? null }));
  return { status: 200, body: { items } };
}

export function sendEmail(ctx: UcContext, id: string, type: SentEmail["type"]): VendorReply {
  const user = writableUser(ctx, id);
  if (type === "uc-welcome" && !user.roles.includes(UC_ROLE)) {
    throw fail(400, "ROLE_REQUIRED", `The UC welcome e-mail needs role '${UC_ROLE}'.`, { role: UC_ROLE });
  }
  ctx.data.emails.push({ tenantId: ctx.tenant.id, userId: user.id, email: user.email, type, sentAt: new Date(ctx.now).toISOString() });
  return { status: 202, body: { userId: user.id, email: user.email, type } };
}

function findUser(ctx: UcContext, id: string): UcUser {
  const user = ctx.tenant.users.find((u) => u.id === id);
  if (!user) throw fail(404, "NOT_FOUND", `There is no user '${id}' in customer '${ctx.tenant.id}'.`);
  return user;
}

/** A user this tenant may change: reseller-level (parent) users are managed at the reseller. */
function writableUser(ctx: UcContext, id: string): UcUser {
  const user = findUser(ctx, id);
  if (user.isParent) {
    throw fail(403, "PARENT_USER", `User '${id}' is configured at a higher level (${user.primaryTenant}) and cannot be changed here.`);
  }
  return user;
}

function unknownFields(body: JsonObject, problems: Problems): void {
  for (const field of Object.keys(body)) {
    if (!USER_FIELDS.has(field)) problems.add("UNKNOWN_FIELD", `Unknown field '${field}'.`, { field });
  }
}

function readDisplayName(body: JsonObject, problems: Problems, required: boolean): string | undefined {
  return readText(body, "displayName", DISPLAY_NAME_MAX, problems, required);
}

function readEmail(body: JsonObject, problems: Problems, required: boolean): string | undefined {
  const email = readText(body, "email", EMAIL_MAX, problems, required);
  if (email !== undefined && email.length <= EMAIL_MAX && !EMAIL_SHAPE.test(email)) {
    problems.add("INVALID_VALUE", `email must look like local@domain.tld, got '${email}'.`, { field: "email" });
  }
  return email;
}

/** A required string field: absent (when required), null or blank is REQUIRED; longer than `max`, TOO_LONG. */
function readText(body: JsonObject, field: string, max: number, problems: Problems, required: boolean): string | undefined {
  if (!(field in body)) {
    if (required) problems.add("REQUIRED", `${field} is required.`, { field });
    return undefined;
  }
  const value = body[field];
  if (value === null) {
    problems.add("REQUIRED", `${field} is required.`, { field });
    return undefined;
  }
  if (typeof value !== "string") {
    problems.add("INVALID_VALUE", `${field} must be a string, got ${JSON.stringify(value)}.`, { field });
    return undefined;
  }
  if (value.trim() === "") {
    problems.add("REQUIRED", `${field} is required and must not be blank.`, { field });
    return undefined;
  }
  if (value.length > max) {
    problems.add("TOO_LONG", `${field} must be at most ${max} characters, got ${value.length}.`, { field });
  }
  return value;
}

/** The roles sent, without duplicates, in the order sent; undefined when absent or invalid. */
function readRoles(body: JsonObject, problems: Problems): string[] | undefined {
  if (!("roles" in body)) return undefined;
  if (!isStringArray(body.roles)) {
    problems.add("INVALID_VALUE", `roles must be an array of role keys, got ${JSON.stringify(body.roles)}.`, { field: "roles" });
    return undefined;
  }
  return [...new Set(body.roles)];
}

function checkRoleSet(roles: string[], problems: Problems): void {
  for (const problem of checkRoles(roles)) {
    const { code, message, ...extra } = problem;
    problems.add(code, message, { field: "roles", ...extra });
  }
}

function checkEmailFree(tenant: UcTenant, email: string, selfId: string | undefined): void {
  const other = tenant.users.find((u) => u.id !== selfId && sameEmail(u.email, email));
  if (other) throw fail(409, "EMAIL_IN_USE", `Another user of customer '${tenant.id}' has the e-mail '${email}'.`, { field: "email" });
}

/** 409 unless a user administrator other than `leavingId` remains. */
function guardLastAdministrator(tenant: UcTenant, leavingId: string): void {
  if (!tenant.users.some((u) => u.id !== leavingId && isUserAdministrator(u.roles))) {
    throw fail(409, "LAST_USER_ADMINISTRATOR", LAST_USER_ADMINISTRATOR_MESSAGE);
  }
}

function hasRealtimeSupervisor(users: UcUser[]): boolean {
  return users.some((u) => supervisorLevel(u.roles) >= REALTIME_SUPERVISOR_LEVEL);
}

/** The tenant's first supervisor l3+ gives every PBX user the realtime add-on. */
function assignRealtime(tenant: UcTenant, hadRealtimeSupervisor: boolean): void {
  if (hadRealtimeSupervisor || !hasRealtimeSupervisor(tenant.users)) return;
  for (const user of tenant.users) {
    if (user.roles.includes(PBX_ROLE) && !user.roles.includes(REALTIME_ROLE)) user.roles.push(REALTIME_ROLE);
  }
}

function readCount(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) throw fail(400, "INVALID_QUERY", `${name} must be an integer from ${min} to ${max}, got '${raw}'.`);
  return value;
}

function sameEmail(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
