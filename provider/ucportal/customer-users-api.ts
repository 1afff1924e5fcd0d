/**
 * Typed calls of the UC portal's customer users (seed 003; docs/ucportal-wire-decisions.md).
 */
import { z } from "zod";
import { PageKeys } from "../core/answer";
import { contractError } from "../core/errors";
import { pathSegment } from "../core/path-segment";
import { UcPortalClient } from "./client";

/**
 * A customer user as the portal returns it: every field the provider reads is required, with
 * its type; any other field is dropped. `devices` is an emulator addition the provider relies on
 * for softphones (docs/ucportal-wire-decisions.md).
 */
const wireUser = z.object({
  id: z.string().min(1),
  displayName: z.string(),
  email: z.string().min(1),
  roles: z.array(z.string()),
  primaryTenant: z.string(),
  isParent: z.boolean(),
  devices: z.array(z.string()),
});
export type WireCustomerUser = z.output<typeof wireUser>;

/** A page of the user list. `total` is optional: paging also ends on a short page. */
const userPage = z.object({ items: z.array(wireUser), total: z.number().int().min(0).optional() });

/** The writable fields of a POST or PATCH. */
export interface WireUserFields {
  displayName?: string;
  email?: string;
  roles?: string[];
  primaryTenant?: string;
}

const CONTRACT = "docs/ucportal-wire-decisions.md";
const userPath = (id: string) => `users/${pathSegment("userId", id)}`;

/** The user a call on `users/<id>` answered must be that user. */
function checkedId(user: WireCustomerUser, id: string, endpoint: string): WireCustomerUser {
  if (user.id !== id) throw contractError("UC portal", endpoint, `it answered user ${user.id}, not ${id}`, CONTRACT);
  return user;
}
const PAGE = 500;

/** Every user of the tenant (all pages), parent users included. */
export async function listUsers(client: UcPortalClient): Promise<WireCustomerUser[]> {
  return (await listUserPages(client)).users;
}

/** `listUsers`, with the calls it took: one per page. */
export async function listUserPages(client: UcPortalClient): Promise<{ users: WireCustomerUser[]; pages: number }> {
  const users: WireCustomerUser[] = [];
  const pageKeys = new PageKeys({ system: "UC portal", endpoint: "GET users", contract: CONTRACT }, "user");
  for (let offset = 0, calls = 1; ; offset += PAGE, calls++) {
    const { body } = await client.request({ method: "GET", path: "users", query: { offset: String(offset), limit: String(PAGE) } }, userPage);
    const page = body!;
    pageKeys.add(offset, page.items.map((user) => user.id));
    users.push(...page.items);
    if (page.items.length < PAGE || (page.total !== undefined && users.length >= page.total)) return { users, pages: calls };
  }
}

/**
 * The tenant's user with this e-mail (unique per tenant, case-insensitive); undefined when none.
 * Whatever the filtered list answers, only a user whose e-mail is this one is taken: a server
 * that ignored `?email=` is caught here, and the whole list is searched instead.
 */
export async function findUserByEmail(client: UcPortalClient, email: string): Promise<WireCustomerUser | undefined> {
  const { body } = await client.request({ method: "GET", path: "users", query: { email, limit: "2" } }, userPage);
  const page = body!;
  const filtered = page.items.filter((user) => sameEmail(user.email, email));
  const candidates = filtered.length === page.items.length ? filtered : (await listUsers(client)).filter((user) => sameEmail(user.email, email));
  if (candidates.length > 1) {
    throw contractError("UC portal", "GET users", `${candidates.length} users have the e-mail ${email} (${candidates.map((u) => u.id).join(", ")}), which the portal keeps unique`, CONTRACT);
  }
  return candidates[0];
}

export const sameEmail = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The user by id; undefined when the tenant has no such user (404). */
export async function getUser(client: UcPortalClient, id: string): Promise<WireCustomerUser | undefined> {
  const response = await client.request({ method: "GET", path: userPath(id), accept: [404] }, wireUser);
  return response.status === 404 ? undefined : checkedId(response.body!, id, `GET ${userPath(id)}`);
}

export async function createUser(client: UcPortalClient, fields: WireUserFields): Promise<WireCustomerUser> {
  return (await client.request({ method: "POST", path: "users", json: fields }, wireUser)).body!;
}

/** A merge: absent fields stay; `roles` replaces the whole set. Undefined when the user is gone. */
export async function patchUser(client: UcPortalClient, id: string, fields: WireUserFields): Promise<WireCustomerUser | undefined> {
  const response = await client.request({ method: "PATCH", path: userPath(id), json: fields, accept: [404] }, wireUser);
  return response.status === 404 ? undefined : checkedId(response.body!, id, `PATCH ${userPath(id)}`);
}

/** Sets the user's softphones to exactly `devices`. */
export async function putDevices(client: UcPortalClient, id: string, devices: string[]): Promise<WireCustomerUser> {
  return checkedId((await client.request({ method: "PUT", path: `${userPath(id)}/devices`, json: { devices } }, wireUser)).body!, id, `PUT ${userPath(id)}/devices`);
}

/** Deletes the user (irreversible); one already gone counts as deleted. */
export async function deleteUser(client: UcPortalClient, id: string): Promise<void> {
  await client.request({ method: "DELETE", path: userPath(id), accept: [404] });
}

export async function sendActivationEmail(client: UcPortalClient, id: string): Promise<void> {
  await client.request({ method: "POST", path: `${userPath(id)}/activation-email`, json: {} });
}

export async function sendUcWelcomeEmail(client: UcPortalClient, id: string): Promise<void> {
  await client.request({ method: "POST", path: `${userPath(id)}/uc-welcome-email`, json: {} });
}
