/**
 * What every resourceUsers handler shares: the request context, how items are found by
 * their opaque key, their hrefs and change indicators, and the full attribute view of a
 * user or a role assignment with the server-computed attributes filled in.
 */
import type { Variants } from "../variants";
import type { IncomingHttpHeaders } from "node:http";
import { createHash } from "node:crypto";
import { USER_ATTRIBUTE_NAMES } from "./attributes";
import { ApiUser, OracleData, ResourceUserRecord, RoleAssignment, oracleOrganizations, oracleRoleCatalog } from "./tenant";
import { ERR, OracleError, dayOf } from "./wire";

export interface OracleContext {
  data: OracleData;
  framework: number;
  /** Absolute URL of the version's resources, e.g. `http://127.0.0.1:4000/crmRestApi/resources/11.13.18.05`. */
  resourcesUrl: string;
  caller: ApiUser;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The virtual clock's now, epoch milliseconds. */
  now: number;
  /** Deviations from the documents in play (emulator/variants.ts). */
  variants: Variants;
  /** The opaque resourceUsersUniqID of a new party id. */
  keyOf(partyId: number): string;
}

export const today = (ctx: OracleContext) => dayOf(ctx.now);

export function findUser(ctx: OracleContext, key: string): ResourceUserRecord {
  const user = ctx.data.users.find((u) => u.uniqId === key);
  if (!user) throw new OracleError(404, [{ detail: `There is no resourceUsers item with the key ${key}.`, code: ERR.notFound }]);
  return user;
}

export function findRole(user: ResourceUserRecord, relateId: string): RoleAssignment {
  const role = /^\d+$/.test(relateId) ? user.roles.find((r) => r.RoleRelateId === Number(relateId)) : undefined;
  if (!role) throw new OracleError(404, [{ detail: `There is no ResourceRoleAssign item with the key ${relateId}.`, code: ERR.notFound }]);
  return role;
}

export const usersHref = (ctx: OracleContext) => `${ctx.resourcesUrl}/resourceUsers`;
export const userHref = (ctx: OracleContext, user: ResourceUserRecord) => `${usersHref(ctx)}/${user.uniqId}`;
export const rolesHref = (ctx: OracleContext, user: ResourceUserRecord) => `${userHref(ctx, user)}/child/ResourceRoleAssign`;
export const roleHref = (ctx: OracleContext, user: ResourceUserRecord, role: RoleAssignment) => `${rolesHref(ctx, user)}/${role.RoleRelateId}`;

/** Looks like ADF's serialized change indicators; changes with every revision. */
function indicator(seed: string): string {
  return `ACED0005737200${createHash("sha1").update(seed).digest("hex").toUpperCase()}`;
}

export const userChangeIndicator = (user: ResourceUserRecord) => indicator(`${user.uniqId}:${user.revision}`);
export const roleChangeIndicator = (user: ResourceUserRecord, role: RoleAssignment) =>
  indicator(`${user.uniqId}/${role.RoleRelateId}:${role.revision}`);

/** A, S, or I once the resource is end-dated (the end date is today or past); null without an account. */
export function reportedStatus(user: ResourceUserRecord, day: string): "A" | "S" | "I" | null {
  if (user.accountStatus === null) return null;
  return String(user.attrs.ResourceEndDate) <= day ? "I" : user.accountStatus;
}

export function partyName(attrs: Record<string, unknown>): string {
  return [attrs.FirstName, attrs.LastName].filter((part) => typeof part === "string" && part !== "").join(" ");
}

/** The seed's form: `500 Oracle Parkway,REDWOOD CITY, CA 944065`, empty parts left out. */
export function formattedAddress(attrs: Record<string, unknown>): string | null {
  const present = (value: unknown): value is string => typeof value === "string" && value !== "";
  const street = [attrs.AddressLine1, attrs.AddressLine2].filter(present).join(", ");
  const stateAndCode = [attrs.State, attrs.PostalCode].filter(present).join(" ");
  const locality = [present(attrs.City) ? attrs.City.toUpperCase() : "", stateAndCode].filter(present).join(", ");
  return [street, locality].filter(present).join(",") || null;
}

export const roleByCode = (code: unknown) => oracleRoleCatalog.find((role) => role.RoleCode === code);
export const roleById = (id: unknown) => oracleRoleCatalog.find((role) => role.RoleId === id);

/** Every attribute of a user as a read shows it, in the schema's order, computed ones included. */
export function userView(ctx: OracleContext, user: ResourceUserRecord): Record<string, unknown> {
  const { attrs } = user;
  const computed: Record<string, unknown> = {
    PartyName: partyName(attrs),
    FormattedAddress: formattedAddress(attrs),
    UserStatus: reportedStatus(user, today(ctx)),
    UpdateFlag: ctx.caller.canWrite ? "true" : "false",
    DeleteFlag: "false",
    CreateUserAccountFlag: null,
    ResourceOrganizationUsage: typeof attrs.ResourceOrganizationName === "string" ? (oracleOrganizations[attrs.ResourceOrganizationName] ?? null) : null,
    ResourceOrgRoleName: roleByCode(attrs.ResourceOrgRoleCode)?.RoleName ?? null,
  };
  return Object.fromEntries(USER_ATTRIBUTE_NAMES.map((name) => [name, name in computed ? computed[name] : (attrs[name] ?? null)]));
}

export function roleView(user: ResourceUserRecord, role: RoleAssignment): Record<string, unknown> {
  return {
    RoleRelateId: role.RoleRelateId,
    RoleId: role.RoleId,
    RoleCode: roleById(role.RoleId)?.RoleCode ?? null,
    RoleResourceId: user.attrs.ResourcePartyId,
    PartyName: partyName(user.attrs),
    StartDateActive: role.StartDateActive,
    EndDateActive: role.EndDateActive,
  };
}
