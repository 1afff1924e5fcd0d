/**
 * Typed calls of the UC portal's customer users (seed 003; docs/ucportal-wire-decisions.md).
 */
import { pathSegment } from "../core/path-segment";
import { UcPortalClient } from "./client";

/** A customer user as the portal returns it. */
export interface WireCustomerUser {
  id: string;
  displayName: string;
  email: string;
  roles: string[];
  primaryTenant: string;
  isParent: boolean;
  devices: string[];
}

/** The writable fields of a POST or PATCH. */
export interface WireUserFields {
  displayName?: string;
  email?: string;
  roles?: string[];
  primaryTenant?: string;
}

const userPath = (id: string) => `users/${pathSegment("userId", id)}`;
const PAGE = 500;

/** Every user of the tenant (all pages), parent users included. */
export async function listUsers(client: UcPortalClient): Promise<WireCustomerUser[]> {
  const users: WireCustomerUser[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { body } = await client.request<{ items: WireCustomerUser[]; total: number }>({
      method: "GET",
      path: "users",
      query: { offset: String(offset), limit: String(PAGE) },
    });
    users.push(...body.items);
    if (body.items.length === 0 || users.length >= body.total) return users;
  }
}

/** The tenant's user with this e-mail (the portal matches it case-insensitively); undefined when none. */
export async function findUserByEmail(client: UcPortalClient, email: string): Promise<WireCustomerUser | undefined> {
  const { body } = await client.request<{ items: WireCustomerUser[] }>({ method: "GET", path: "users", query: { email, limit: "1" } });
  return body.items[0];
}

/** The user by id; undefined when the tenant has no such user (404). */
export async function getUser(client: UcPortalClient, id: string): Promise<WireCustomerUser | undefined> {
  const response = await client.request<WireCustomerUser>({ method: "GET", path: userPath(id), accept: [404] });
  return response.status === 404 ? undefined : response.body;
}

export async function createUser(client: UcPortalClient, fields: WireUserFields): Promise<WireCustomerUser> {
  return (await client.request<WireCustomerUser>({ method: "POST", path: "users", json: fields })).body;
}

/** A merge: absent fields stay; `roles` replaces the whole set. Undefined when the user is gone. */
export async function patchUser(client: UcPortalClient, id: string, fields: WireUserFields): Promise<WireCustomerUser | undefined> {
  const response = await client.request<WireCustomerUser>({ method: "PATCH", path: userPath(id), json: fields, accept: [404] });
  return response.status === 404 ? undefined : response.body;
}

/** Sets the user's softphones to exactly `devices`. */
export async function putDevices(client: UcPortalClient, id: string, devices: string[]): Promise<WireCustomerUser> {
  return (await client.request<WireCustomerUser>({ method: "PUT", path: `${userPath(id)}/devices`, json: { devices } })).body;
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
