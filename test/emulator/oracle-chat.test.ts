/**
 * The Oracle CX emulator's chatAuthenticate over real HTTP (seed 000): the seed's response
 * attributes, an HS256 JWT the emulator's secret verifies, and who may get one.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { oracleChatJwtSecret, oracleChatSettings, oracleDemoUsers } from "../../emulator";
import { useOracleEmulator } from "../support/oracle";

const oracle = useOracleEmulator();
const { johnSmith, dianeCho, raviPatel, meiTanaka } = oracleDemoUsers;

/** Checks an HS256 JWT's signature with `secret` and returns its header and claims; throws if it does not verify. */
function verifyJwt(token: string, secret: Buffer): { header: Record<string, unknown>; claims: Record<string, any> } {
  const [header, payload, signature] = token.split(".");
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error("JWT signature does not verify");
  const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
  return { header: decode(header), claims: decode(payload) };
}

const SEED_ATTRIBUTES = [
  "applicationClassification", "assigneeId", "authUserName", "businessUnitOrgId", "categoryId", "chatPriority", "chatSiteName",
  "clientType", "contactId", "customFields", "domain", "emailAddress", "escalationLevel", "firstName", "incidentAssigneeId",
  "incidentId", "incidentName", "incidentSeverityCode", "incidentType", "interfaceId", "inventoryItemId", "inventoryOrgId", "jwt",
  "lastName", "mediaList", "organizationId", "poolId", "preferredResources", "prodGroupId", "productId", "question", "queueId",
  "resumeType", "skipAgentIds", "stripeCode", "visitorBrowserHistorySessionId",
];

describe("GET chatAuthenticate/{authUserName}", () => {
  test("answers the seed's attributes with the channel server's domain, poolId and chatSiteName", async () => {
    const reply = await oracle.api.get(`chatAuthenticate/${johnSmith.username}`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toContain("application/vnd.oracle.adf.resourceitem+json");
    expect(reply.headers.get("rest-framework-version")).toBe("1");
    expect(Object.keys(reply.body)).toEqual([...SEED_ATTRIBUTES, "links"]);
    const john = (await oracle.api.getUser(johnSmith.partyNumber)).body;
    expect(reply.body).toMatchObject({
      authUserName: johnSmith.username, domain: oracleChatSettings.domain, poolId: oracleChatSettings.poolId,
      chatSiteName: oracleChatSettings.chatSiteName, clientType: "CONSUMER", firstName: "John", lastName: "Smith",
      emailAddress: johnSmith.email, contactId: String(john.ResourcePartyId), escalationLevel: "0", question: null, queueId: null,
    });
    expect(reply.body.links).toEqual([
      { rel: "self", href: `${oracle.api.resourcesUrl}/chatAuthenticate/${johnSmith.username}`, name: "chatAuthenticate", kind: "item" },
    ]);
  });

  test("the jwt is HS256, verifies with the emulator's secret, and names the user for about an hour", async () => {
    const before = Math.floor(Date.now() / 1000);
    const reply = await oracle.api.get(`chatAuthenticate/${johnSmith.username}`);
    const { header, claims } = verifyJwt(reply.body.jwt, oracleChatJwtSecret());
    expect(header).toEqual({ alg: "HS256", typ: "JWT" });
    expect(claims).toMatchObject({
      sub: johnSmith.username, iss: "oracle-cx-emulator", aud: oracleChatSettings.chatSiteName,
      domain: oracleChatSettings.domain, poolId: oracleChatSettings.poolId, clientType: "CONSUMER",
    });
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
    expect(claims.exp - claims.iat).toBe(3600);

    const [h, p, s] = reply.body.jwt.split(".");
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: "someone.else" })).toString("base64url");
    expect(() => verifyJwt(`${h}.${forged}.${s}`, oracleChatJwtSecret())).toThrow("does not verify");
    expect(() => verifyJwt(`${h}.${p}.${s}`, Buffer.alloc(32))).toThrow("does not verify");
  });

  test("the token's times follow the emulator's virtual clock", async () => {
    const now = Math.floor(Date.now() / 1000);
    await fetch(`${oracle.url}/_emulator/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ advanceSeconds: 7200 }) });
    const { claims } = verifyJwt((await oracle.api.get(`chatAuthenticate/${johnSmith.username}`)).body.jwt, oracleChatJwtSecret());
    expect(claims.iat).toBeGreaterThanOrEqual(now + 7200);
  });

  test("finds the user ignoring case; the token's subject is the name as sent", async () => {
    const reply = await oracle.api.get(`chatAuthenticate/${dianeCho.username.toUpperCase()}`);
    // Diane is suspended: found, but refused.
    expect(reply.status).toBe(403);
    const upper = await oracle.api.get(`chatAuthenticate/${johnSmith.username.toUpperCase()}`);
    expect(upper.status).toBe(200);
    expect(verifyJwt(upper.body.jwt, oracleChatJwtSecret()).claims.sub).toBe(johnSmith.username.toUpperCase());
  });

  test("unknown users and resources without an account are 404; suspended or end-dated accounts 403", async () => {
    const v4 = { "REST-Framework-Version": "4" };
    const unknown = await oracle.api.get("chatAuthenticate/nobody", {}, v4);
    expect(unknown.status).toBe(404);
    expect(unknown.body["o:errorDetails"]).toEqual([{ detail: "There is no user account nobody.", "o:errorCode": "25020" }]);
    // Mei has no user account, so her e-mail names nobody.
    expect((await oracle.api.get(`chatAuthenticate/${meiTanaka.email}`)).status).toBe(404);
    expect((await oracle.api.get(`chatAuthenticate/${dianeCho.username}`)).status).toBe(403);
    expect((await oracle.api.get(`chatAuthenticate/${raviPatel.username}`)).status).toBe(403);
    // Reactivated, Diane gets a token.
    await oracle.api.patchUser(dianeCho.partyNumber, { UserStatus: "A" });
    expect((await oracle.api.get(`chatAuthenticate/${dianeCho.username}`)).status).toBe(200);
  });

  test("fields, onlyData and links shape the answer; expand and dependency change nothing", async () => {
    const path = `chatAuthenticate/${johnSmith.username}`;
    const fields = await oracle.api.get(path, { fields: "jwt,domain,poolId,chatSiteName", onlyData: "true" });
    expect(Object.keys(fields.body)).toEqual(["chatSiteName", "domain", "jwt", "poolId"]);
    expect((await oracle.api.get(path, { links: "canonical" })).body.links).toEqual([]);
    const extra = await oracle.api.get(path, { expand: "all", dependency: "ProductId=2" });
    expect(extra.status).toBe(200);
    expect((await oracle.api.get(path, { fields: "token" })).status).toBe(400);
    expect((await oracle.api.get(path, { expand: "Messages" })).status).toBe(400);
  });

  test("needs Basic auth, a served version, and GET", async () => {
    const path = `chatAuthenticate/${johnSmith.username}`;
    expect((await oracle.api.with({ credentials: null }).get(path)).status).toBe(401);
    expect((await oracle.api.with({ version: "11.13.19.01" }).get(path)).status).toBe(200);
    expect((await oracle.api.with({ version: "latest" }).get(path)).status).toBe(200);
    expect((await oracle.api.with({ version: "11.12.1.0" }).get(path)).status).toBe(404);
    const post = await oracle.api.post(path, {});
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
    expect((await oracle.api.get("chatAuthenticate")).status).toBe(404);
  });
});
