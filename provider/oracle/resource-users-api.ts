/**
 * Typed calls of Oracle CX `resourceUsers` (seed 004; docs/oracle-wire-decisions.md).
 * Items are found by a `q` query on the party number or e-mail; their opaque
 * `resourceUsersUniqID` is taken from the `self` link, never built.
 */
import { z } from "zod";
import { PageKeys, positiveId } from "../core/answer";
import { contractError } from "../core/errors";
import { numericSegment, pathSegment } from "../core/path-segment";
import { OracleClient } from "./client";

const wireLink = z.object({
  rel: z.string(),
  href: z.string().min(1),
  name: z.string().nullish(),
  kind: z.string().nullish(),
  properties: z.object({ changeIndicator: z.string().nullish() }).nullish(),
});
export type WireLink = z.output<typeof wireLink>;

const wireRoleAssignment = z.object({
  RoleRelateId: positiveId,
  RoleId: positiveId,
  RoleCode: z.string().nullish(),
  StartDateActive: z.string().nullish(),
  EndDateActive: z.string().nullish(),
});
export type WireRoleAssignment = z.output<typeof wireRoleAssignment>;

/**
 * A resource user as Oracle returns it, with the seed's attribute names: the keys and links the
 * provider addresses it by are required and typed; the other attributes, read by name against
 * the declaration, are kept as they come.
 */
const wireResourceUser = z.looseObject({
  ResourcePartyNumber: z.string().min(1),
  ResourceEmail: z.string().nullish(),
  links: z.array(wireLink).refine((links) => links.some((l) => l.rel === "self"), { message: "a self link" }),
  ResourceRoleAssign: z.union([z.array(wireRoleAssignment), z.object({ items: z.array(wireRoleAssignment) })]).nullish(),
});
export type WireResourceUser = z.output<typeof wireResourceUser>;
const page = z.object({ items: z.array(wireResourceUser), hasMore: z.boolean().nullish() });
const CONTRACT = "docs/oracle-wire-decisions.md";

/** A resource user with what the provider needs to address and change it. */
export interface ResourceUserRecord {
  uniqId: string;
  changeIndicator: string;
  item: WireResourceUser;
  roles: WireRoleAssignment[];
}

const quoted = (value: string) => `'${value.replace(/'/g, "''")}'`;

/** The item a call on `resourceUsers/<key>` answered must be that item. */
function sameKey(record: ResourceUserRecord, uniqId: string, method: string): ResourceUserRecord {
  if (record.uniqId !== uniqId) throw contractError("Oracle CX", `${method} resourceUsers/${uniqId}`, `it answered the item ${record.uniqId} (${record.item.ResourcePartyNumber})`, CONTRACT);
  return record;
}

function recordOf(item: WireResourceUser, etag?: string): ResourceUserRecord {
  const self = item.links.find((l) => l.rel === "self")!;
  const uniqId = decodeURIComponent(new URL(self.href).pathname.split("/").pop() ?? "");
  const children = item.ResourceRoleAssign;
  const roles = Array.isArray(children) ? children : (children?.items ?? []);
  return { uniqId, changeIndicator: etag ?? self.properties?.changeIndicator ?? "", item, roles };
}

/**
 * The one resource user whose attribute equals `value` (an e-mail compared case-insensitively),
 * with its roles; undefined when none. Only such a user is taken, whatever the query answered:
 * a `q` the server ignored is caught here and the whole list searched instead.
 */
async function findBy(client: OracleClient, attribute: "ResourcePartyNumber" | "ResourceEmail", value: string): Promise<ResourceUserRecord | undefined> {
  const { body } = await client.request(
    { method: "GET", path: "resourceUsers", query: { q: `${attribute}=${quoted(value)}`, expand: "ResourceRoleAssign", limit: "2" } },
    page,
  );
  const matches = (item: WireResourceUser) =>
    attribute === "ResourceEmail" ? (item.ResourceEmail ?? "").toLowerCase() === value.toLowerCase() : item.ResourcePartyNumber === value;
  const items = body!.items;
  const found = items.every(matches) ? items : (await listResourceUsers(client)).map((r) => r.item).filter(matches);
  if (found.length > 1) {
    throw contractError("Oracle CX", "GET resourceUsers", `${found.length} resource users have ${attribute} ${value} (${found.map((i) => i.ResourcePartyNumber).join(", ")})`, CONTRACT);
  }
  return found.length === 1 ? recordOf(found[0]) : undefined;
}

export const findByPartyNumber = (client: OracleClient, partyNumber: string) => findBy(client, "ResourcePartyNumber", partyNumber);
export const findByEmail = (client: OracleClient, email: string) => findBy(client, "ResourceEmail", email);

/**
 * Every resource user of the pod, with roles, page by page (`limit`/`offset` until
 * `hasMore` is false). `onPage` reports how many have been read, for progress on big pods.
 */
export async function listResourceUsers(client: OracleClient, onPage?: (read: number) => void, pageSize = 100): Promise<ResourceUserRecord[]> {
  const records: ResourceUserRecord[] = [];
  const pages = new PageKeys({ system: "Oracle CX", endpoint: "GET resourceUsers", contract: CONTRACT }, "resource user");
  for (let offset = 0; ; offset += pageSize) {
    const answer = await client.request({ method: "GET", path: "resourceUsers", query: { expand: "ResourceRoleAssign", limit: String(pageSize), offset: String(offset) } }, page);
    const body = answer.body!;
    pages.add(offset, body.items.map((item) => item.ResourcePartyNumber));
    records.push(...body.items.map((item) => recordOf(item)));
    onPage?.(records.length);
    if (!body.hasMore || body.items.length === 0) return records;
  }
}

/** The item by its key, with roles; undefined when the key is unknown (404). */
export async function getResourceUser(client: OracleClient, uniqId: string): Promise<ResourceUserRecord | undefined> {
  const response = await client.request(
    { method: "GET", path: `resourceUsers/${pathSegment("uniqId", uniqId)}`, query: { expand: "ResourceRoleAssign" }, accept: [404] },
    wireResourceUser,
  );
  return response.status === 404 ? undefined : sameKey(recordOf(response.body!, response.etag), uniqId, "GET");
}

/**
 * Creates the user. The answer is shaped by the request's query like a GET's, so
 * `expand=ResourceRoleAssign` brings the roles created with the user: no read afterwards.
 */
export async function createResourceUser(client: OracleClient, body: Record<string, unknown>): Promise<ResourceUserRecord> {
  const response = await client.request({ method: "POST", path: "resourceUsers", query: { expand: "ResourceRoleAssign" }, json: body }, wireResourceUser);
  const created = recordOf(response.body!, response.etag);
  if (created.item.ResourcePartyNumber !== body.ResourcePartyNumber && body.ResourcePartyNumber !== undefined) {
    throw contractError("Oracle CX", "POST resourceUsers", `asked to create ${String(body.ResourcePartyNumber)}, it answered ${created.item.ResourcePartyNumber}`, CONTRACT);
  }
  return created;
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
  const response = await client.request(
    { method: "PATCH", path: `resourceUsers/${pathSegment("uniqId", uniqId)}`, json: body, ifMatch, accept: [404, 412] },
    wireResourceUser,
  );
  if (response.status === 412) return "conflict";
  if (response.status === 404) return "gone";
  return sameKey(recordOf(response.body!, response.etag), uniqId, "PATCH");
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
