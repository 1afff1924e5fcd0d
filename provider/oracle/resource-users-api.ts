/**
 * Typed calls of Oracle CX `resourceUsers` (seed 004; docs/oracle-wire-decisions.md).
 * Items are found by a `q` query on the party number or e-mail; their opaque
 * `resourceUsersUniqID` is taken from the `self` link, never built.
 */
import { numericSegment, pathSegment } from "../core/path-segment";
import { OracleClient } from "./client";

/** A resource user as Oracle returns it: the seed's attribute names. */
export type WireResourceUser = Record<string, unknown> & {
  ResourcePartyNumber: string;
  ResourceEmail: string | null;
  links?: WireLink[];
  ResourceRoleAssign?: WireRoleAssignment[] | { items?: WireRoleAssignment[] };
};

export interface WireLink {
  rel: string;
  href: string;
  name?: string;
  kind?: string;
  properties?: { changeIndicator?: string };
}

export interface WireRoleAssignment {
  RoleRelateId: number;
  RoleId: number;
  RoleCode?: string | null;
  StartDateActive?: string | null;
  EndDateActive?: string | null;
}

/** A resource user with what the provider needs to address and change it. */
export interface ResourceUserRecord {
  uniqId: string;
  changeIndicator: string;
  item: WireResourceUser;
  roles: WireRoleAssignment[];
}

const quoted = (value: string) => `'${value.replace(/'/g, "''")}'`;

function recordOf(item: WireResourceUser, etag?: string): ResourceUserRecord {
  const self = item.links?.find((l) => l.rel === "self");
  if (!self) throw new Error(`Oracle CX returned resource user ${item.ResourcePartyNumber} without a self link`);
  const uniqId = decodeURIComponent(new URL(self.href).pathname.split("/").pop() ?? "");
  const children = item.ResourceRoleAssign;
  const roles = Array.isArray(children) ? children : (children?.items ?? []);
  return { uniqId, changeIndicator: etag ?? self.properties?.changeIndicator ?? "", item, roles };
}

/** The one resource user whose attribute equals `value`, with its roles; undefined when none. */
async function findBy(client: OracleClient, attribute: "ResourcePartyNumber" | "ResourceEmail", value: string): Promise<ResourceUserRecord | undefined> {
  const { body } = await client.request<{ items: WireResourceUser[] }>({
    method: "GET",
    path: "resourceUsers",
    query: { q: `${attribute}=${quoted(value)}`, expand: "ResourceRoleAssign", limit: "2" },
  });
  return body.items.length > 0 ? recordOf(body.items[0]) : undefined;
}

export const findByPartyNumber = (client: OracleClient, partyNumber: string) => findBy(client, "ResourcePartyNumber", partyNumber);
export const findByEmail = (client: OracleClient, email: string) => findBy(client, "ResourceEmail", email);

/**
 * Every resource user of the pod, with roles, page by page (`limit`/`offset` until
 * `hasMore` is false). `onPage` reports how many have been read, for progress on big pods.
 */
export async function listResourceUsers(client: OracleClient, onPage?: (read: number) => void, pageSize = 100): Promise<ResourceUserRecord[]> {
  const records: ResourceUserRecord[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const { body } = await client.request<{ items: WireResourceUser[]; hasMore?: boolean }>({
      method: "GET",
      path: "resourceUsers",
      query: { expand: "ResourceRoleAssign", limit: String(pageSize), offset: String(offset) },
    });
    records.push(...body.items.map((item) => recordOf(item)));
    onPage?.(records.length);
    if (!body.hasMore || body.items.length === 0) return records;
  }
}

/** The item by its key, with roles; undefined when the key is unknown (404). */
export async function getResourceUser(client: OracleClient, uniqId: string): Promise<ResourceUserRecord | undefined> {
  const response = await client.request<WireResourceUser>({
    method: "GET",
    path: `resourceUsers/${pathSegment("uniqId", uniqId)}`,
    query: { expand: "ResourceRoleAssign" },
    accept: [404],
  });
  return response.status === 404 ? undefined : recordOf(response.body, response.etag);
}

/**
 * Creates the user. The answer is shaped by the request's query like a GET's, so
 * `expand=ResourceRoleAssign` brings the roles created with the user: no read afterwards.
 */
export async function createResourceUser(client: OracleClient, body: Record<string, unknown>): Promise<ResourceUserRecord> {
  const response = await client.request<WireResourceUser>({ method: "POST", path: "resourceUsers", query: { expand: "ResourceRoleAssign" }, json: body });
  return recordOf(response.body, response.etag);
}

/**
 * PATCHes the attributes in `body` only. With `ifMatch`, a stale change indicator answers
 * `"conflict"` (HTTP 412) and nothing changes; `"gone"` when the key is unknown.
 */
export async function patchResourceUser(
  client: OracleClient,
  uniqId: string,
  body: Record<string, unknown>,
  ifMatch?: string,
): Promise<ResourceUserRecord | "conflict" | "gone"> {
  const response = await client.request<WireResourceUser>({
    method: "PATCH",
    path: `resourceUsers/${pathSegment("uniqId", uniqId)}`,
    json: body,
    ifMatch,
    accept: [404, 412],
  });
  if (response.status === 412) return "conflict";
  if (response.status === 404) return "gone";
  return recordOf(response.body, response.etag);
}

const rolesPath = (uniqId: string) => `resourceUsers/${pathSegment("uniqId", uniqId)}/child/ResourceRoleAssign`;

export async function addRole(client: OracleClient, uniqId: string, role: { RoleId: number; StartDateActive?: string; EndDateActive?: string | null }) {
  await client.request({ method: "POST", path: rolesPath(uniqId), json: role });
}

export async function patchRole(client: OracleClient, uniqId: string, roleRelateId: number, change: { StartDateActive?: string; EndDateActive?: string | null }) {
  await client.request({ method: "PATCH", path: `${rolesPath(uniqId)}/${numericSegment("RoleRelateId", roleRelateId)}`, json: change });
}

/** Deletes a role assignment; one already gone counts as deleted. */
export async function deleteRole(client: OracleClient, uniqId: string, roleRelateId: number) {
  await client.request({ method: "DELETE", path: `${rolesPath(uniqId)}/${numericSegment("RoleRelateId", roleRelateId)}`, accept: [404] });
}
