/**
 * `GET chatAuthenticate/{authUserName}` (seed 000): a chat JWT for a resource user with an
 * active account, and where the channel server is (`domain`, `poolId`, `chatSiteName`).
 * The JWT is HS256, signed with a secret made once per process, which tests can read to
 * verify it.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { VendorReply } from "../vendor";
import { OracleContext, reportedStatus, today } from "./model";
import { filterLinks, parseShape, project } from "./query";
import { oracleChatSettings } from "./tenant";
import { ERR, OracleError, httpError, jsonReply } from "./wire";

const CHAT_JWT_SECRET = randomBytes(32);
export const CHAT_JWT_ISSUER = "oracle-cx-emulator";
export const CHAT_JWT_LIFETIME_SECONDS = 3600;

/** The HS256 key of this process's chat JWTs (a copy: callers cannot change it). */
export function oracleChatJwtSecret(): Buffer {
  return Buffer.from(CHAT_JWT_SECRET);
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString("base64url");

export function signHs256(claims: Record<string, unknown>, secret: Buffer): string {
  const signingInput = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(claims))}`;
  return `${signingInput}.${createHmac("sha256", secret).update(signingInput).digest("base64url")}`;
}

/** Every attribute of the seed's chatAuthenticate-item-response, in its order. */
const CHAT_ATTRIBUTES = [
  "applicationClassification", "assigneeId", "authUserName", "businessUnitOrgId", "categoryId", "chatPriority", "chatSiteName",
  "clientType", "contactId", "customFields", "domain", "emailAddress", "escalationLevel", "firstName", "incidentAssigneeId",
  "incidentId", "incidentName", "incidentSeverityCode", "incidentType", "interfaceId", "inventoryItemId", "inventoryOrgId", "jwt",
  "lastName", "mediaList", "organizationId", "poolId", "preferredResources", "prodGroupId", "productId", "question", "queueId",
  "resumeType", "skipAgentIds", "stripeCode", "visitorBrowserHistorySessionId",
];

export function chatAuthenticate(ctx: OracleContext, authUserName: string): VendorReply {
  // `dependency` only previews attribute changes; a read-only item has none to preview.
  const shape = parseShape(ctx.query, CHAT_ATTRIBUTES, {});
  const user = ctx.data.users.find(
    (u) => typeof u.attrs.Username === "string" && u.attrs.Username.toLowerCase() === authUserName.toLowerCase(),
  );
  if (!user || user.accountStatus === null) {
    throw new OracleError(404, [{ detail: `There is no user account ${authUserName}.`, code: ERR.notFound }]);
  }
  const status = reportedStatus(user, today(ctx));
  if (status !== "A") throw httpError(403, `The user account ${authUserName} is ${status === "S" ? "suspended" : "inactive (end-dated)"}.`);

  const issuedAt = Math.floor(ctx.now / 1000);
  const jwt = signHs256(
    {
      sub: authUserName,
      iss: CHAT_JWT_ISSUER,
      aud: oracleChatSettings.chatSiteName,
      iat: issuedAt,
      exp: issuedAt + CHAT_JWT_LIFETIME_SECONDS,
      domain: oracleChatSettings.domain,
      poolId: oracleChatSettings.poolId,
      clientType: oracleChatSettings.clientType,
    },
    CHAT_JWT_SECRET,
  );
  const known: Record<string, unknown> = {
    authUserName,
    chatSiteName: oracleChatSettings.chatSiteName,
    clientType: oracleChatSettings.clientType,
    contactId: String(user.attrs.ResourcePartyId),
    domain: oracleChatSettings.domain,
    emailAddress: user.attrs.ResourceEmail ?? null,
    escalationLevel: "0",
    firstName: user.attrs.FirstName ?? null,
    jwt,
    lastName: user.attrs.LastName ?? null,
    poolId: oracleChatSettings.poolId,
  };
  const view = Object.fromEntries(CHAT_ATTRIBUTES.map((name) => [name, known[name] ?? null]));
  const item = project(view, shape.fields);
  if (!shape.onlyData) {
    const href = `${ctx.resourcesUrl}/chatAuthenticate/${encodeURIComponent(authUserName)}`;
    item.links = filterLinks([{ rel: "self", href, name: "chatAuthenticate", kind: "item" }], shape);
  }
  return jsonReply(200, item, "item");
}
