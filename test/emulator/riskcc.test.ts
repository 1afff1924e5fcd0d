/**
 * The risk-cc emulator over real HTTP (seed 002): the provisioning call in JSON and XML,
 * HTTP Basic, 400 for invalid input, 404 for an unknown customer, the exact StatusResponse,
 * and the tests-only control call that shows what was provisioned.
 */
import { RunningEmulator, riskccDemoCredentials, riskccDemoCustomers, startEmulator } from "../../emulator";

const { admin, automation } = riskccDemoCredentials;
const { alice, bob } = riskccDemoCustomers;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());
beforeEach(() => fetch(`${emulator.url}/_emulator/reset`, { method: "POST" }));

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // The emulator's JSON when the answer is JSON, read field by field in assertions.
  body: any;
}

const basic = (who: { username: string; password: string }) => `Basic ${Buffer.from(`${who.username}:${who.password}`).toString("base64")}`;

async function request(url: string, init: RequestInit): Promise<Reply> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** PUTs a raw body to the provisioning URL of `customerId`. */
function provision(
  customerId: string,
  body: string,
  options: { contentType?: string; accept?: string; auth?: string | null; method?: string } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/json" };
  if (options.accept) headers.accept = options.accept;
  if (options.auth !== null) headers.authorization = options.auth ?? basic(admin);
  return request(`${emulator.url}/risk-cc/customercare/v1/${encodeURIComponent(customerId)}/provision`, {
    method: options.method ?? "PUT",
    headers,
    body: options.method === "GET" ? undefined : body,
  });
}

const json = (value: unknown) => JSON.stringify(value);
const xmlRequest = (type: string, date: string) =>
  `<?xml version="1.0" encoding="UTF-8" ?> <TempAllowRequest> <tempAllowType>${type}</tempAllowType> <expirationDate>${date}</expirationDate> </TempAllowRequest> `;
const provisioned = (customerId: string) => request(`${emulator.url}/_emulator/riskcc/customers/${customerId}/temp-allow`, { method: "GET" });

describe("JSON", () => {
  test("the seed's cURL request is answered with exactly the documented StatusResponse", async () => {
    const reply = await provision(alice, '{ "tempAllowType":1, "expirationDate":"2021-10-15T01:29:29.768Z" }');
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("application/json;charset=UTF-8");
    expect(Object.keys(reply.body)).toEqual(["responseCode", "responseMessage", "sessionId", "status"]);
    expect(reply.body).toEqual({ responseCode: "0", responseMessage: "", sessionId: expect.stringMatching(UUID), status: true });
  });

  test("the provisioned allow is what the control call shows; a later PUT replaces it", async () => {
    await provision(alice, json({ tempAllowType: 1, expirationDate: "2099-10-15T01:29:29.768Z" }));
    expect((await provisioned(alice)).body).toEqual({
      tempAllowType: 1,
      expirationDate: "2099-10-15T01:29:29.768Z",
      expiresAtMs: Date.parse("2099-10-15T01:29:29.768Z"),
      receivedAs: "json",
      provisionedAt: expect.any(String),
      active: true,
    });
    await provision(alice, json({ tempAllowType: 3, expirationDate: "2020-01-01T00:00:00Z" }));
    expect((await provisioned(alice)).body).toMatchObject({ tempAllowType: 3, expirationDate: "2020-01-01T00:00:00Z", active: false });
  });

  test("each answer carries its own sessionId", async () => {
    const body = json({ tempAllowType: 1, expirationDate: "2099-01-01T00:00:00Z" });
    const [a, b] = [await provision(alice, body), await provision(alice, body)];
    expect(a.body.sessionId).not.toBe(b.body.sessionId);
  });

  test("an expiration in the past is accepted: it is how an allow is revoked", async () => {
    const reply = await provision(bob, json({ tempAllowType: 2, expirationDate: "2001-01-01T00:00:00Z" }));
    expect(reply.body.status).toBe(true);
  });
});

describe("XML", () => {
  test("the seed's XML request is answered in XML, exactly like the seed's sample plus sessionId", async () => {
    const reply = await provision(alice, xmlRequest("1", "2025-10-15T01:29:29.768Z"), { contentType: "application/xml", accept: "application/xml" });
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("application/xml;charset=UTF-8");
    const sessionId = /<sessionId>([^<]+)<\/sessionId>/.exec(reply.text)?.[1];
    expect(sessionId).toMatch(UUID);
    expect(reply.text).toBe(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><StatusResponse><responseCode>0</responseCode>' +
        `<responseMessage></responseMessage><sessionId>${sessionId}</sessionId><status>true</status></StatusResponse>`,
    );
    expect((await provisioned(alice)).body).toMatchObject({ tempAllowType: 1, expirationDate: "2025-10-15T01:29:29.768Z", receivedAs: "xml" });
  });

  test("an XML request without Accept is answered in JSON; a JSON request may ask for XML", async () => {
    const noAccept = await provision(alice, xmlRequest("2", "2099-01-01T00:00:00Z"), { contentType: "application/xml" });
    expect(noAccept.body).toMatchObject({ responseCode: "0", status: true });
    const xmlAnswer = await provision(alice, json({ tempAllowType: 2, expirationDate: "2099-01-01T00:00:00Z" }), { accept: "application/xml" });
    expect(xmlAnswer.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?><StatusResponse>/);
  });

  test.each([
    ["tempAllowType must be one of the integers 1, 2, 3", xmlRequest("4", "2099-01-01T00:00:00Z")],
    ['got &quot;one&quot;', xmlRequest("one", "2099-01-01T00:00:00Z")],
    ["June 2019 has no day 31", xmlRequest("1", "2019-06-31T00:00:00Z")],
    ["expirationDate is required", "<TempAllowRequest><tempAllowType>1</tempAllowType></TempAllowRequest>"],
    ["not valid XML", "<TempAllowRequest><tempAllowType>1</tempAllowType>"],
    ["DOCTYPE is not accepted", '<!DOCTYPE x [<!ENTITY e "1">]><TempAllowRequest/>'],
  ])("invalid XML input is a 400 StatusResponse in XML naming it: %s", async (reason, body) => {
    const reply = await provision(alice, body, { contentType: "application/xml", accept: "application/xml" });
    expect(reply.status).toBe(400);
    expect(reply.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?><StatusResponse><responseCode>400<\/responseCode><responseMessage>invalid input: /);
    expect(reply.text).toContain(reason);
    expect(reply.text).toMatch(/<status>false<\/status><\/StatusResponse>$/);
  });
});

describe("refusals", () => {
  const valid = json({ tempAllowType: 1, expirationDate: "2099-01-01T00:00:00Z" });

  test.each([
    ["no Authorization header", null],
    ["a wrong password", basic({ username: admin.username, password: "wrong" })],
    ["another user's password", basic({ username: automation.username, password: admin.password })],
    ["a bearer token", "Bearer abc"],
  ])("%s is a 401 with a Basic challenge, and nothing is provisioned", async (_what, auth) => {
    const reply = await provision(alice, valid, { auth });
    expect(reply.status).toBe(401);
    expect(reply.headers.get("www-authenticate")).toBe('Basic realm="risk-cc"');
    expect(reply.body).toEqual({ responseCode: "401", responseMessage: "HTTP Basic authentication required", status: false });
    expect((await provisioned(alice)).status).toBe(404);
  });

  test("every seeded API user may provision", async () => {
    expect((await provision(alice, valid, { auth: basic(automation) })).status).toBe(200);
  });

  test.each([
    [{ expirationDate: "2099-01-01T00:00:00Z" }, "invalid input: tempAllowType is required"],
    [{ tempAllowType: 1 }, "invalid input: expirationDate is required"],
    [{ tempAllowType: 1.5, expirationDate: "2099-01-01T00:00:00Z" }, "tempAllowType must be one of the integers 1, 2, 3 (the levels of customercare.case.tempallow.level.enum), got 1.5"],
    [{ tempAllowType: "1", expirationDate: "2099-01-01T00:00:00Z" }, 'got "1"'],
    [{ tempAllowType: 0, expirationDate: "2099-01-01T00:00:00Z" }, "got 0"],
    [{ tempAllowType: 1, expirationDate: "2021-13-01T00:00:00Z" }, "(month 13 does not exist), got \"2021-13-01T00:00:00Z\""],
    [{ tempAllowType: 1, expirationDate: "2099-01-01" }, "not in the form"],
    [{ tempAllowType: 1, expirationDate: 4102444800000 }, "got 4102444800000"],
  ])("%j is a 400 naming what is invalid", async (body, reason) => {
    const reply = await provision(alice, json(body));
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ responseCode: "400", responseMessage: expect.stringContaining(reason), status: false });
    expect((await provisioned(alice)).status).toBe(404);
  });

  test("a body that is not JSON is a 400", async () => {
    const reply = await provision(alice, '{ "tempAllowType":1, }');
    expect(reply.status).toBe(400);
    expect(reply.body.responseMessage).toContain("the body is not valid JSON");
  });

  test("an unknown customer is a 404, checked after the body", async () => {
    const reply = await provision("u-999999", valid);
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ responseCode: "404", responseMessage: "customer ID not found: u-999999", status: false });
    expect((await provision("u-999999", json({ tempAllowType: 9 }))).status).toBe(400);
  });

  test("another media type is a 415, another method a 405, another path a 404", async () => {
    expect((await provision(alice, "tempAllowType=1", { contentType: "application/x-www-form-urlencoded" })).status).toBe(415);
    const get = await provision(alice, "", { method: "GET" });
    expect([get.status, get.headers.get("allow")]).toEqual([405, "PUT"]);
    const other = await request(`${emulator.url}/risk-cc/customercare/v2/${alice}/provision`, {
      method: "PUT",
      headers: { authorization: basic(admin), "content-type": "application/json" },
      body: valid,
    });
    expect(other.status).toBe(404);
  });
});

describe("the control call (tests only: the vendor API has no read)", () => {
  test("404 for a customer never provisioned and for an unknown one", async () => {
    expect(await provisioned(bob)).toMatchObject({ status: 404, body: { error: `risk-cc customer '${bob}' has no temporary allow provisioned` } });
    expect(await provisioned("nobody")).toMatchObject({ status: 404, body: { error: "no risk-cc customer 'nobody'" } });
  });

  test("reset forgets what was provisioned; calls are counted", async () => {
    await provision(alice, json({ tempAllowType: 1, expirationDate: "2099-01-01T00:00:00Z" }));
    const calls = await request(`${emulator.url}/_emulator/calls`, { method: "GET" });
    expect(calls.body.byEndpoint[`PUT /risk-cc/customercare/v1/${alice}/provision`]).toBe(1);
    await fetch(`${emulator.url}/_emulator/reset`, { method: "POST" });
    expect((await provisioned(alice)).status).toBe(404);
  });

  test("active follows the emulator's clock", async () => {
    const soon = new Date(Date.now() + 60_000).toISOString();
    await provision(alice, json({ tempAllowType: 1, expirationDate: soon }));
    expect((await provisioned(alice)).body.active).toBe(true);
    await fetch(`${emulator.url}/_emulator/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: json({ advanceSeconds: 120 }) });
    expect((await provisioned(alice)).body.active).toBe(false);
  });
});
