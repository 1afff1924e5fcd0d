/**
 * The CCE emulator over real HTTP: login service, skill groups, faults and the control API.
 */
import http from "node:http";
import { RunningEmulator, cceDemoCredentials, cceDemoIds, startEmulator } from "../../emulator";

const { admin, labAdmin, partner, disabled } = cceDemoCredentials;
const b64 = (value: string) => Buffer.from(value, "utf8").toString("base64");

let emulator: RunningEmulator;
let cce: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  cce = `${emulator.url}/portal/services`;
});

afterAll(() => emulator.close());

beforeEach(() => control("POST", "reset"));

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // The emulator's JSON, read field by field in assertions.
  body: any;
}

async function request(url: string, init: RequestInit = {}): Promise<Reply> {
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

/** POSTs JSON (or a raw string) to a CCE endpoint below /portal/services. */
function post(
  endpoint: string,
  body: unknown,
  options: { cookie?: string; contentType?: string; raw?: boolean } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { "content-type": options.contentType ?? "application/json" };
  if (options.cookie) headers.cookie = `JSESSIONID=${options.cookie}`;
  return request(`${cce}/${endpoint}`, {
    method: "POST",
    headers,
    body: options.raw ? (body as string) : JSON.stringify(body),
  });
}

function control(method: string, path: string, body?: unknown): Promise<Reply> {
  return request(`${emulator.url}/_emulator/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function sessionCookie(reply: Reply): string | undefined {
  return /^JSESSIONID=([^;]+)/.exec(reply.headers.get("set-cookie") ?? "")?.[1];
}

function loginRequest(credentials: { username: string; password: string }): Promise<Reply> {
  return post("login/login", { username: b64(credentials.username), password: b64(credentials.password) });
}

interface Session {
  cookie: string;
  token: string;
}

async function loginAs(credentials: { username: string; password: string }): Promise<Session> {
  const reply = await loginRequest(credentials);
  expect(reply.body.codeMessage).toBe("USER_AUTHENTICATED_SUCCESSFULLY");
  return { cookie: sessionCookie(reply)!, token: reply.body.userToken };
}

function getSkillGroups(session: Session, body: object = {}): Promise<Reply> {
  return post("protected/skills/getSkillGroups", { ...body, authToken: session.token }, { cookie: session.cookie });
}

function saveSkillGroup(session: Session, body: object): Promise<Reply> {
  return post("protected/skills/saveSkillGroup", { ...body, authToken: session.token }, { cookie: session.cookie });
}

function logout(cookie?: string): Promise<Reply> {
  return request(`${cce}/login/logout`, { headers: cookie ? { cookie: `JSESSIONID=${cookie}` } : {} });
}

const ids = (reply: Reply): number[] => reply.body.basicSkillGroupList.map((g: { skillTargetId: number }) => g.skillTargetId);

/** The id of the group with this enterprise name, found by lookup as the provider must. */
async function findId(session: Session, enterpriseName: string): Promise<number | undefined> {
  const reply = await getSkillGroups(session, { enterpriseName, pageSize: 0 });
  return reply.body.basicSkillGroupList.find((g: { enterpriseName: string }) => g.enterpriseName === enterpriseName)?.skillTargetId;
}

const advanceMinutes = (minutes: number) => control("POST", "clock", { advanceSeconds: minutes * 60 });

describe("login/login", () => {
  test("a single-tenant user gets a cookie, a token and the full LoginResponse", async () => {
    const reply = await loginRequest(admin);

    expect(reply.status).toBe(200);
    expect(reply.headers.get("set-cookie")).toMatch(/^JSESSIONID=[0-9A-F]{32}; Path=\/portal; HttpOnly$/);
    expect(reply.body.code).toBe(0);
    expect(reply.body.codeMessage).toBe("USER_AUTHENTICATED_SUCCESSFULLY");
    expect(typeof reply.body.userToken).toBe("string");
    expect(reply.body.userToken.length).toBeGreaterThanOrEqual(20);
    expect(reply.body.idProgram).toBe(1001);
    expect(reply.body.programPrefix).toBe("DEM");
    expect(reply.body.idProgramUser).toBe(70001);
    expect(reply.body.maxAllowedConnectionsToTenant).toBe(5);
    expect(reply.body.loggedUserInfo.username).toBe("admin@DEM");
    expect(reply.body.loggedUserInfo.programPrefix).toBe("DEM");
    expect(reply.body.accessibleTenantsList).toEqual([{ programPrefix: "DEM", programNm: "Demo Contact Center", idProgram: 1001 }]);
  });

  test("two logins get different cookies and tokens", async () => {
    const first = await loginAs(admin);
    const second = await loginAs(admin);
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.token).not.toBe(first.token);
  });

  test.each([
    ["a username that is not Base64", "INVALID_LOGIN_NAME_NOT_IN_EXPECTED_FORMAT", { username: "admin@DEM", password: b64(admin.password) }],
    ["a username without tenant code", "INVALID_LOGIN_NAME_NOT_IN_EXPECTED_FORMAT", { username: b64("admin"), password: b64(admin.password) }],
    ["a 4-character tenant code", "INVALID_LOGIN_NAME_NOT_IN_EXPECTED_FORMAT", { username: b64("admin@DEMO"), password: b64(admin.password) }],
    ["no username", "INVALID_LOGIN_NAME", { password: b64(admin.password) }],
    ["an unknown user", "LDAP_AUTHENTICATION_FAILED_USER_NOT_FOUND", { username: b64("nobody@DEM"), password: b64(admin.password) }],
    ["a wrong password", "LDAP_AUTHENTICATION_FAILED", { username: b64(admin.username), password: b64("wrong") }],
    ["a password sent in clear", "LDAP_AUTHENTICATION_FAILED", { username: b64(admin.username), password: admin.password }],
    ["a user not enabled for login", "LOGIN_NOT_ENABLED_FOR_USER", { username: b64(disabled.username), password: b64(disabled.password) }],
  ])("%s is refused with %s", async (_case, constant, body) => {
    const reply = await post("login/login", body);

    expect(reply.status).toBe(200);
    expect(reply.body.code).toBe(-1);
    expect(reply.body.codeMessage).toBe(constant);
    expect(typeof reply.body.errorMessage).toBe("string");
    expect(reply.headers.get("set-cookie")).toBeNull();
  });

  test("the user name is case-insensitive", async () => {
    const reply = await loginRequest({ username: "ADMIN@dem", password: admin.password });
    expect(reply.body.codeMessage).toBe("USER_AUTHENTICATED_SUCCESSFULLY");
  });

  test("a body that is not JSON is HTTP 415; malformed JSON is HTTP 404 BAD_REQUEST", async () => {
    const wrongType = await post("login/login", "username=x", { contentType: "application/x-www-form-urlencoded", raw: true });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.code).toBe(-1);

    // The document's own examples carry trailing commas.
    const malformed = await post("login/login", `{"username": "${b64(admin.username)}",}`, { raw: true });
    expect(malformed.status).toBe(404);
    expect(malformed.body.code).toBe(-1);
    expect(malformed.body.codeMessage).toBe("BAD_REQUEST");
  });
});

describe("partner users and login/authorizeUserToTenant", () => {
  test("a partner user selects a tenant, then works on that tenant only", async () => {
    const login = await loginRequest(partner);
    expect(login.status).toBe(200);
    expect(login.body.code).toBe(0);
    expect(login.body.codeMessage).toBe("TENANT_SELECTION_REQUIRED");
    expect(login.body.userToken).toBeNull();
    expect(login.body.accessibleTenantsList).toEqual([
      { programPrefix: "DEM", programNm: "Demo Contact Center", idProgram: 1001 },
      { programPrefix: "LAB", programNm: "Lab Contact Center", idProgram: 1002 },
    ]);
    const cookie = sessionCookie(login)!;
    expect(cookie).toMatch(/^[0-9A-F]{32}$/);

    // Not authorized yet: protected calls are refused.
    const early = await post("protected/skills/getSkillGroups", { authToken: "" }, { cookie });
    expect(early.status).toBe(401);

    const authorized = await post("login/authorizeUserToTenant", { username: partner.username, idProgram: 1002 }, { cookie });
    expect(authorized.status).toBe(200);
    expect(authorized.body.code).toBe(0);
    expect(authorized.body.codeMessage).toBe("USER_AUTHENTICATED_SUCCESSFULLY");
    expect(authorized.body.idProgram).toBe(1002);
    expect(authorized.body.programPrefix).toBe("LAB");
    expect(authorized.body.idProgramUser).toBe(70004);
    expect(typeof authorized.body.userToken).toBe("string");

    const groups = await getSkillGroups({ cookie, token: authorized.body.userToken });
    expect(groups.body.code).toBe(0);
    expect(ids(groups)).toEqual([6100]);
  });

  test("the username may also be sent Base64-encoded, as at login", async () => {
    const cookie = sessionCookie(await loginRequest(partner))!;
    const reply = await post("login/authorizeUserToTenant", { username: b64(partner.username), idProgram: "1001" }, { cookie });
    expect(reply.body.codeMessage).toBe("USER_AUTHENTICATED_SUCCESSFULLY");
    expect(reply.body.idProgram).toBe(1001);
  });

  test.each([
    ["no username", "AUTHORIZE_USER_TO_TENANT_FAILED_REQD_LOGIN_NM_MISSING", { idProgram: 1001 }],
    ["no idProgram", "AUTHORIZE_USER_TO_TENANT_FAILED_REQD_ID_PROGRAM_MISSING", { username: partner.username }],
    ["a tenant the user cannot access", "AUTHORIZE_USER_TO_TENANT_FAILED_TENANT_NOT_FOUND", { username: partner.username, idProgram: 9999 }],
    ["another user's name", "AUTHORIZE_USER_TO_TENANT_FAILED_USER_TOKEN_DOES_NOT_MATCH", { username: admin.username, idProgram: 1001 }],
  ])("%s is refused with %s", async (_case, constant, body) => {
    const cookie = sessionCookie(await loginRequest(partner))!;
    const reply = await post("login/authorizeUserToTenant", body, { cookie });
    expect(reply.status).toBe(200);
    expect(reply.body.code).toBe(-1);
    expect(reply.body.codeMessage).toBe(constant);
  });

  test.each([
    ["no cookie", undefined],
    ["an unknown cookie", "0123456789ABCDEF0123456789ABCDEF"],
  ])("%s is refused with USER_TOKEN_DOES_NOT_MATCH", async (_case, cookie) => {
    const reply = await post("login/authorizeUserToTenant", { username: partner.username, idProgram: 1001 }, { cookie });
    expect(reply.body.code).toBe(-1);
    expect(reply.body.codeMessage).toBe("AUTHORIZE_USER_TO_TENANT_FAILED_USER_TOKEN_DOES_NOT_MATCH");
  });

  test("the session cap applies when the partner picks a tenant", async () => {
    await control("POST", "config", { sessionCap: 1 });
    const first = sessionCookie(await loginRequest(partner))!;
    const second = sessionCookie(await loginRequest(partner))!;
    const body = { username: partner.username, idProgram: 1001 };

    expect((await post("login/authorizeUserToTenant", body, { cookie: first })).body.code).toBe(0);
    const refused = await post("login/authorizeUserToTenant", body, { cookie: second });
    expect(refused.body.code).toBe(-1);
    expect(refused.body.codeMessage).toBe("AUTHORIZE_USER_TO_TENANT_FAILED_USER_ALREADY_LOGGED_ON_ANOTHER_SESSION");
    // The cap is per tenant: the other tenant is still free.
    expect((await post("login/authorizeUserToTenant", { ...body, idProgram: 1002 }, { cookie: second })).body.code).toBe(0);
  });
});

describe("sessions", () => {
  test.each([
    ["no cookie", (s: Session) => post("protected/skills/getSkillGroups", { authToken: s.token })],
    ["no authToken", (s: Session) => post("protected/skills/getSkillGroups", {}, { cookie: s.cookie })],
    ["a wrong authToken", (s: Session) => post("protected/skills/getSkillGroups", { authToken: "x" }, { cookie: s.cookie })],
    ["an unknown cookie", (s: Session) => post("protected/skills/getSkillGroups", { authToken: s.token }, { cookie: "ABC" })],
    ["another session's token", async (s: Session) => getSkillGroups({ cookie: s.cookie, token: (await loginAs(admin)).token })],
  ])("a protected call with %s is HTTP 401", async (_case, call) => {
    const reply = await call(await loginAs(admin));
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe(-1);
    expect(reply.body.codeMessage).toBe("USER_NOT_AUTHENTICATED");
    expect(typeof reply.body.errorMessage).toBe("string");
  });

  test("a session idles out after 30 minutes without use", async () => {
    const session = await loginAs(admin);
    await advanceMinutes(29);
    expect((await getSkillGroups(session)).status).toBe(200);

    // 29 minutes after the last use, not after login: still alive.
    await advanceMinutes(29);
    expect((await getSkillGroups(session)).status).toBe(200);

    await advanceMinutes(31);
    const expired = await getSkillGroups(session);
    expect(expired.status).toBe(401);
    expect(expired.body.codeMessage).toBe("USER_NOT_AUTHENTICATED");
    expect(expired.body.errorMessage).toMatch(/idle/);
  });

  test("a session is forced out 12 hours after login, whatever the activity", async () => {
    const session = await loginAs(admin);
    for (let minutes = 25; minutes < 12 * 60; minutes += 25) {
      await advanceMinutes(25);
      expect((await getSkillGroups(session)).status).toBe(200);
    }
    await advanceMinutes(25); // now past 12 hours
    const forced = await getSkillGroups(session);
    expect(forced.status).toBe(401);
    expect(forced.body.errorMessage).toMatch(/12 hours/);
  });

  test("the session cap refuses one login too many; ended sessions free their place", async () => {
    await control("POST", "config", { sessionCap: 2 });
    const first = await loginAs(admin);
    await loginAs(admin);

    const third = await loginRequest(admin);
    expect(third.status).toBe(200);
    expect(third.body.code).toBe(-1);
    expect(third.body.codeMessage).toBe("AUTHORIZE_USER_TO_TENANT_FAILED_USER_ALREADY_LOGGED_ON_ANOTHER_SESSION");
    expect(third.headers.get("set-cookie")).toBeNull();

    // Another user of the same tenant counts separately.
    const partnerCookie = sessionCookie(await loginRequest(partner))!;
    const partnerOnDem = await post("login/authorizeUserToTenant", { username: partner.username, idProgram: 1001 }, { cookie: partnerCookie });
    expect(partnerOnDem.body.code).toBe(0);

    // A logout frees a place, once.
    await logout(first.cookie);
    expect((await loginRequest(admin)).body.code).toBe(0);
    expect((await loginRequest(admin)).body.code).toBe(-1);

    await advanceMinutes(31);
    const afterIdle = await loginRequest(admin);
    expect(afterIdle.body.code).toBe(0);
    expect(afterIdle.body.maxAllowedConnectionsToTenant).toBe(2);
  });

  test("sessionCap 0 means unlimited", async () => {
    await control("POST", "config", { sessionCap: 0 });
    for (let i = 0; i < 8; i += 1) expect((await loginRequest(admin)).body.code).toBe(0);
  });

  test("the session cap can be set at start-up", async () => {
    const capped = await startEmulator({ port: 0, sessionCap: 1 });
    try {
      const login = () =>
        request(`${capped.url}/portal/services/login/login`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ username: b64(labAdmin.username), password: b64(labAdmin.password) }),
        });
      const first = await login();
      expect(first.body.code).toBe(0);
      expect(first.body.maxAllowedConnectionsToTenant).toBe(1);
      expect((await login()).body.codeMessage).toBe("AUTHORIZE_USER_TO_TENANT_FAILED_USER_ALREADY_LOGGED_ON_ANOTHER_SESSION");
    } finally {
      await capped.close();
    }
  });

  test("logout ends the session; a second logout finds none", async () => {
    const session = await loginAs(admin);

    const first = await logout(session.cookie);
    expect(first.status).toBe(200);
    expect(first.body.code).toBe(0);
    expect(first.body.codeMessage).toBe("LOGOUT_SUCCESSFUL");

    const second = await logout(session.cookie);
    expect(second.status).toBe(200);
    expect(second.body.code).toBe(-1);
    expect(second.body.codeMessage).toBe("USER_ALREADY_LOGGED_OUT");

    expect((await getSkillGroups(session)).status).toBe(401);
    expect((await logout()).body.codeMessage).toBe("USER_ALREADY_LOGGED_OUT");
  });
});

describe("protected/skills/getSkillGroups", () => {
  let session: Session;
  beforeEach(async () => {
    session = await loginAs(admin);
  });

  test("lists the tenant's groups by id with parallel basic and detail lists", async () => {
    const reply = await getSkillGroups(session);

    expect(reply.status).toBe(200);
    expect(reply.body.code).toBe(0);
    expect(reply.body.codeMessage).toBe("GET_SKILL_GROUPS_SUCCESS");
    expect(ids(reply)).toEqual([5100, 5101, 5102]);
    expect(reply.body.pagingInfo).toEqual({ totalPages: 1, totalElements: 3 });
    expect(reply.body.basicSkillGroupList[0]).toEqual({
      skillTargetId: 5100,
      peripheralId: 5000,
      platformName: "CCE-DEMO",
      peripheralName: "Sales",
      isAllowedToEdit: true,
      enterpriseName: "CUCM_PG_1.Sales",
      totalAssignedUsers: 3,
      on: true,
      mediaRoutingDomainName: "Cisco_Voice",
      skillName: "Sales",
    });
    expect(reply.body.skillGroupList[0]).toEqual({
      idSourceSystemId: 1,
      idProgram: 1001,
      peripheralNumber: 1,
      description: "Inbound sales calls",
      serviceLevelThreshold: 20,
      originalId: 0,
      transferNumber: null,
      uwfSkillId: null,
      skillType: "NORMAL",
    });
    expect(reply.body.skillGroupList[0]).not.toHaveProperty("skillTargetId");
    expect(reply.body.basicSkillGroupList[2].mediaRoutingDomainName).toBe("Cisco_Chat");
    expect(reply.body.skillGroupList.map((g: { serviceLevelThreshold: number }) => g.serviceLevelThreshold)).toEqual([20, -1, 30]);
  });

  test("pages, with numbers sent as strings", async () => {
    const page2 = await getSkillGroups(session, { pageSize: "2", pageNumber: "2" });
    expect(ids(page2)).toEqual([5102]);
    expect(page2.body.skillGroupList.map((g: { description: string }) => g.description)).toEqual(["Customer support chats"]);
    expect(page2.body.pagingInfo).toEqual({ totalPages: 2, totalElements: 3 });

    const beyond = await getSkillGroups(session, { pageSize: 2, pageNumber: 3 });
    expect(ids(beyond)).toEqual([]);
    expect(beyond.body.pagingInfo).toEqual({ totalPages: 2, totalElements: 3 });

    const all = await getSkillGroups(session, { pageSize: "0" });
    expect(ids(all)).toEqual([5100, 5101, 5102]);
    expect(all.body.pagingInfo).toEqual({ totalPages: 1, totalElements: 3 });
  });

  test("the default page holds 25 groups", async () => {
    for (let i = 0; i < 30; i += 1) {
      const saved = await saveSkillGroup(session, { peripheralID: 5000, skillGroupPeripheralName: `Bulk_${i}`, serviceLevelThreshold: -1 });
      expect(saved.body.code).toBe(0);
    }
    const first = await getSkillGroups(session);
    expect(first.body.basicSkillGroupList.length).toBe(25);
    expect(first.body.pagingInfo).toEqual({ totalPages: 2, totalElements: 33 });
  });

  test.each([
    [{ skillTargetId: 5101 }, [5101]],
    [{ peripheralId: "5000" }, [5100, 5101]],
    [{ peripheralName: "SUPPORT" }, [5101, 5102]],
    [{ enterpriseName: "mr_pg_1." }, [5102]],
    [{ description: "chats" }, [5102]],
    [{ peripheralId: 5000, peripheralName: "sup" }, [5101]],
    [{ skillTargetId: cceDemoIds.skillGroups.Lab_Queue }, []],
  ])("filters by %j", async (filter, expected) => {
    const reply = await getSkillGroups(session, filter);
    expect(reply.body.code).toBe(0);
    expect(ids(reply)).toEqual(expected);
    expect(reply.body.pagingInfo.totalElements).toBe(expected.length);
  });

  test("sorts by the fields named, in the direction given, keeping the lists parallel", async () => {
    const reply = await getSkillGroups(session, { sortBy: ["peripheralName"], direction: "DESC" });
    expect(reply.body.basicSkillGroupList.map((g: { skillName: string }) => g.skillName)).toEqual(["Support", "Sales", "Chat_Support"]);
    expect(reply.body.skillGroupList.map((g: { description: string }) => g.description)).toEqual([
      "Customer support calls",
      "Inbound sales calls",
      "Customer support chats",
    ]);

    const byPeripheral = await getSkillGroups(session, { sortBy: ["peripheralId", "serviceLevelThreshold"], direction: "ASC" });
    expect(ids(byPeripheral)).toEqual([5101, 5100, 5102]);
  });

  test("getBaseObjectInfoOnly leaves out the detail list", async () => {
    const reply = await getSkillGroups(session, { getBaseObjectInfoOnly: true });
    expect(reply.body.skillGroupList).toBeNull();
    expect(ids(reply)).toEqual([5100, 5101, 5102]);
  });

  test("a tenant sees only its own groups", async () => {
    const lab = await loginAs(labAdmin);
    const reply = await getSkillGroups(lab, { pageSize: 0 });
    expect(ids(reply)).toEqual([6100]);
    expect(reply.body.basicSkillGroupList[0].enterpriseName).toBe("CUCM_PG_LAB.Lab_Queue");
    expect(reply.body.skillGroupList[0].idProgram).toBe(1002);
  });

  test.each([
    [{ sortBy: ["noSuchField"] }, "GET_SKILL_GROUPS_FAILED", 200],
    [{ direction: "SIDEWAYS" }, "GET_SKILL_GROUPS_FAILED", 200],
    [{ pageSize: -1 }, "GET_SKILL_GROUPS_FAILED", 200],
    [{ pageNumber: 0 }, "GET_SKILL_GROUPS_FAILED", 200],
    [{ pageSize: "ten" }, "BAD_REQUEST", 404],
  ])("%j is refused with %s", async (body, constant, status) => {
    const reply = await getSkillGroups(session, body);
    expect(reply.status).toBe(status);
    expect(reply.body.code).toBe(-1);
    expect(reply.body.codeMessage).toBe(constant);
  });
});

describe("protected/skills/saveSkillGroup", () => {
  let session: Session;
  beforeEach(async () => {
    session = await loginAs(admin);
  });

  test("creates a group; its id is found by lookup", async () => {
    const reply = await saveSkillGroup(session, {
      peripheralID: 5000,
      skillGroupPeripheralName: "Billing",
      skillGroupDescription: "Billing questions",
      serviceLevelThreshold: 45,
    });

    expect(reply.status).toBe(200);
    expect(reply.body.code).toBe(0);
    expect(reply.body.codeMessage).toBe("SAVE_SKILL_GROUP_SUCCESS");
    expect(reply.body.skillGroupInfo).toEqual({
      idSourceSystemId: 1,
      idProgram: 1001,
      peripheralNumber: 3,
      description: "Billing questions",
      serviceLevelThreshold: 45,
      originalId: 0,
      transferNumber: null,
      uwfSkillId: null,
      skillType: "NORMAL",
    });
    expect(reply.body.skillGroupInfo).not.toHaveProperty("skillTargetId");

    expect(await findId(session, "CUCM_PG_1.Billing")).toBe(5200);
    const listed = await getSkillGroups(session, { skillTargetId: 5200 });
    expect(listed.body.basicSkillGroupList[0].skillName).toBe("Billing");
    expect(listed.body.basicSkillGroupList[0].totalAssignedUsers).toBe(0);

    await saveSkillGroup(session, { peripheralID: "5001", skillGroupPeripheralName: "Chat_Billing", serviceLevelThreshold: "-1" });
    expect(await findId(session, "MR_PG_1.Chat_Billing")).toBe(5201);
  });

  test("the same name may exist on another peripheral", async () => {
    const reply = await saveSkillGroup(session, { peripheralID: 5001, skillGroupPeripheralName: "Sales", serviceLevelThreshold: 20 });
    expect(reply.body.codeMessage).toBe("SAVE_SKILL_GROUP_SUCCESS");
    expect(await findId(session, "MR_PG_1.Sales")).toBe(5200);
  });

  test("updates a group by id, including a rename", async () => {
    const reply = await saveSkillGroup(session, {
      peripheralID: 5000,
      skillGroupSkillTargetId: 5101,
      skillGroupPeripheralName: "Customer_Support",
      skillGroupDescription: "Renamed",
      serviceLevelThreshold: 7200,
    });
    expect(reply.body.codeMessage).toBe("SAVE_SKILL_GROUP_SUCCESS");
    expect(reply.body.skillGroupInfo.description).toBe("Renamed");
    expect(reply.body.skillGroupInfo.serviceLevelThreshold).toBe(7200);
    expect(reply.body.skillGroupInfo.peripheralNumber).toBe(2);

    const listed = await getSkillGroups(session, { skillTargetId: 5101 });
    expect(listed.body.basicSkillGroupList[0].enterpriseName).toBe("CUCM_PG_1.Customer_Support");
    expect(listed.body.skillGroupList[0].description).toBe("Renamed");
    expect(await findId(session, "CUCM_PG_1.Support")).toBeUndefined();

    // Saving a group under its own name is not a duplicate.
    const again = await saveSkillGroup(session, {
      peripheralID: 5000,
      skillGroupSkillTargetId: "5101",
      skillGroupPeripheralName: "customer_support",
      serviceLevelThreshold: 0,
    });
    expect(again.body.codeMessage).toBe("SAVE_SKILL_GROUP_SUCCESS");
    expect(again.body.skillGroupInfo.description).toBe("");
  });

  const valid = { peripheralID: 5000, skillGroupPeripheralName: "New_Group", skillGroupDescription: "d", serviceLevelThreshold: 20 };
  test.each([
    ["no peripheralID (checked first)", "BAD_REQUEST_PERIPHERAL_ID_REQUIRED", { ...valid, peripheralID: undefined, skillGroupPeripheralName: "" }, undefined],
    ["a blank name", "BAD_REQUEST_SKILL_GROUP_NAME_REQUIRED", { ...valid, skillGroupPeripheralName: "  ", serviceLevelThreshold: undefined }, undefined],
    ["no serviceLevelThreshold", "BAD_REQUEST_SERVICE_THRESHOLD_LEVEL_REQUIRED", { ...valid, serviceLevelThreshold: undefined }, undefined],
    ["an id that is not an integer", "BAD_REQUEST_SKILL_GROUP_ID_REQUIRED", { ...valid, skillGroupSkillTargetId: "abc" }, undefined],
    ["an unknown id", "SKILL_GROUP_NOT_FOUND_ERROR", { ...valid, skillGroupSkillTargetId: 9999 }, undefined],
    ["another tenant's id", "SKILL_GROUP_NOT_FOUND_ERROR", { ...valid, peripheralID: 6000, skillGroupSkillTargetId: 6100 }, undefined],
    ["a move to another peripheral", "SAVE_SKILL_GROUP_FAILED", { ...valid, peripheralID: 5001, skillGroupSkillTargetId: 5100 }, /cannot move/],
    ["an unknown peripheral", "CONAPI_ERROR_UNABLE_TO_UPDATE_ICM", { ...valid, peripheralID: 4242 }, /peripheral 4242/],
    ["another tenant's peripheral", "CONAPI_ERROR_UNABLE_TO_UPDATE_ICM", { ...valid, peripheralID: 6000 }, /peripheral 6000/],
    ["a name of 33 characters", "CONAPI_ERROR_UNABLE_TO_UPDATE_ICM", { ...valid, skillGroupPeripheralName: "A".repeat(33) }, /at most 32/],
    ["a name with a space", "CONAPI_ERROR_UNABLE_TO_UPDATE_ICM", { ...valid, skillGroupPeripheralName: "New Group" }, /only letters/],
    ["a name starting with _", "CONAPI_ERROR_UNABLE_TO_UPDATE_ICM", { ...valid, skillGroupPeripheralName: "_New" }, /may not start/],
    ["a name starting with .", "CONAPI_ERROR_UNABLE_TO_UPDATE_ICM", { ...valid, skillGroupPeripheralName: ".New" }, /may not start/],
    ["a description of 256 characters", "CONAPI_ERROR_UNABLE_TO_UPDATE_ICM", { ...valid, skillGroupDescription: "d".repeat(256) }, /at most 255/],
    ["a threshold of 7201", "CONAPI_ERROR_UNABLE_TO_UPDATE_ICM", { ...valid, serviceLevelThreshold: 7201 }, /0 to 7200/],
    ["a threshold of -2", "CONAPI_ERROR_UNABLE_TO_UPDATE_ICM", { ...valid, serviceLevelThreshold: -2 }, /0 to 7200/],
    ["a name taken on the peripheral", "SKILL_GROUPS_ALREADY_EXISTS_ERROR", { ...valid, skillGroupPeripheralName: "sales" }, /Sales/],
    ["a rename onto a taken name", "SKILL_GROUPS_ALREADY_EXISTS_ERROR", { ...valid, skillGroupSkillTargetId: 5101, skillGroupPeripheralName: "SALES" }, undefined],
  ])("%s is refused with %s and changes nothing", async (_case, constant, body, message) => {
    const reply = await saveSkillGroup(session, body);

    expect(reply.status).toBe(200);
    expect(reply.body.code).toBe(-1);
    expect(reply.body.codeMessage).toBe(constant);
    if (message) expect(reply.body.errorMessage).toMatch(message);
    const after = await getSkillGroups(session, { pageSize: 0 });
    expect(after.body.basicSkillGroupList.map((g: { enterpriseName: string }) => g.enterpriseName)).toEqual([
      "CUCM_PG_1.Sales",
      "CUCM_PG_1.Support",
      "MR_PG_1.Chat_Support",
    ]);
  });

  test("limits are inclusive: 32 characters, 255 characters, 0 and 7200 seconds", async () => {
    const name = "B".repeat(32);
    const reply = await saveSkillGroup(session, { peripheralID: 5000, skillGroupPeripheralName: name, skillGroupDescription: "d".repeat(255), serviceLevelThreshold: 0 });
    expect(reply.body.codeMessage).toBe("SAVE_SKILL_GROUP_SUCCESS");
  });
});

describe("faults", () => {
  let session: Session;
  beforeEach(async () => {
    session = await loginAs(admin);
  });

  test("latency delays the matching calls, then they are handled", async () => {
    const added = await control("POST", "faults", { endpoint: "skills/getSkillGroups", kind: "latency", ms: 300 });
    expect(added.status).toBe(201);

    const started = Date.now();
    const slow = await getSkillGroups(session);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(slow.body.code).toBe(0);

    const fastStart = Date.now();
    await getSkillGroups(session);
    expect(Date.now() - fastStart).toBeLessThan(250);
  });

  test("a global latency applies to every vendor call", async () => {
    const config = await control("POST", "config", { latencyMs: 200 });
    expect(config.body).toEqual({ latencyMs: 200, sessionCap: 5, variants: [] });
    const started = Date.now();
    await logout(session.cookie);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });

  test("status answers without handling, for `count` calls", async () => {
    await control("POST", "faults", { endpoint: "skills/saveSkillGroup", kind: "status", status: 503, count: 2 });
    const body = { peripheralID: 5000, skillGroupPeripheralName: "Retry_Me", serviceLevelThreshold: 10 };

    const first = await saveSkillGroup(session, body);
    expect(first.status).toBe(503);
    expect(first.body).toBeUndefined();
    expect((await saveSkillGroup(session, body)).status).toBe(503);
    expect(await findId(session, "CUCM_PG_1.Retry_Me")).toBeUndefined();

    const third = await saveSkillGroup(session, body);
    expect(third.status).toBe(200);
    expect(third.body.codeMessage).toBe("SAVE_SKILL_GROUP_SUCCESS");
    expect(await findId(session, "CUCM_PG_1.Retry_Me")).toBe(5200);
  });

  test("rate-limit answers 429 with Retry-After", async () => {
    await control("POST", "faults", { kind: "rate-limit", retryAfterSeconds: 7 });
    const reply = await getSkillGroups(session);
    expect(reply.status).toBe(429);
    expect(reply.headers.get("retry-after")).toBe("7");
    expect((await getSkillGroups(session)).status).toBe(200);
  });

  test("drop-response commits the change and closes the connection without an answer", async () => {
    await control("POST", "faults", { endpoint: "skills/saveSkillGroup", kind: "drop-response" });
    await expect(
      saveSkillGroup(session, { peripheralID: 5000, skillGroupPeripheralName: "Lost_Answer", serviceLevelThreshold: 10 }),
    ).rejects.toThrow();

    expect(await findId(session, "CUCM_PG_1.Lost_Answer")).toBe(5200);
  });

  test("expire-sessions ends every live session at once", async () => {
    const lab = await loginAs(labAdmin);
    const applied = await control("POST", "faults", { kind: "expire-sessions" });
    expect(applied.status).toBe(200);

    expect((await getSkillGroups(session)).status).toBe(401);
    expect((await getSkillGroups(lab)).status).toBe(401);
    expect((await logout(session.cookie)).body.codeMessage).toBe("USER_ALREADY_LOGGED_OUT");
    // New logins work, and the ended sessions no longer count towards the cap.
    await control("POST", "config", { sessionCap: 1 });
    expect((await loginRequest(admin)).body.code).toBe(0);
  });

  test("outcome faults queue up in order; latency stacks with them", async () => {
    await control("POST", "faults", { kind: "status", status: 500 });
    await control("POST", "faults", { kind: "rate-limit" });
    await control("POST", "faults", { kind: "latency", ms: 100, count: 2 });

    const started = Date.now();
    expect((await getSkillGroups(session)).status).toBe(500);
    const second = await getSkillGroups(session);
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect((await getSkillGroups(session)).status).toBe(200);
  });

  test("a fault for one endpoint leaves the others alone; DELETE clears faults", async () => {
    await control("POST", "faults", { endpoint: "skills/saveSkillGroup", kind: "status", status: 502, count: 5 });
    expect((await getSkillGroups(session)).status).toBe(200);
    expect((await control("GET", "faults")).body.faults).toHaveLength(1);

    expect((await control("DELETE", "faults")).status).toBe(200);
    const reply = await saveSkillGroup(session, { peripheralID: 5000, skillGroupPeripheralName: "After", serviceLevelThreshold: 10 });
    expect(reply.status).toBe(200);
  });

  test.each([
    [{ kind: "explode" }],
    [{ kind: "latency" }],
    [{ kind: "status", status: 200 }],
    [{ kind: "status", count: 0 }],
  ])("an invalid fault %j is HTTP 400", async (fault) => {
    const reply = await control("POST", "faults", fault);
    expect(reply.status).toBe(400);
    expect(typeof reply.body.error).toBe("string");
  });
});

describe("control API", () => {
  test("health", async () => {
    const reply = await control("GET", "health");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ ok: true });
  });

  test("counts every vendor call on arrival, faulted or not, and not control calls", async () => {
    await control("POST", "faults", { endpoint: "login/login", kind: "status", status: 500 });
    expect((await loginRequest(admin)).status).toBe(500);
    const session = await loginAs(admin);
    await getSkillGroups(session);
    await logout(session.cookie);

    const calls = await control("GET", "calls");
    expect(calls.body).toEqual({
      total: 4,
      byEndpoint: {
        "POST /portal/services/login/login": 2,
        "POST /portal/services/protected/skills/getSkillGroups": 1,
        "GET /portal/services/login/logout": 1,
      },
    });

    expect((await control("POST", "calls/reset")).status).toBe(200);
    expect((await control("GET", "calls")).body).toEqual({ total: 0, byEndpoint: {} });
  });

  test("the journal keeps each vendor call in order, with its body, secrets masked, and whether it can change anything", async () => {
    const session = await loginAs(admin);
    await saveSkillGroup(session, { peripheralID: 5000, skillGroupPeripheralName: "Journaled", serviceLevelThreshold: 10 });
    await control("POST", "faults", { endpoint: "skills/getSkillGroups", kind: "drop-response", count: 1 });
    await getSkillGroups(session).catch(() => undefined);
    await logout(session.cookie);

    const { entries } = (await control("GET", "journal")).body;
    expect(entries.map((e: { method: string; path: string; status: number; write: boolean }) => [e.method, e.path, e.status, e.write])).toEqual([
      ["POST", "/portal/services/login/login", 200, false],
      ["POST", "/portal/services/protected/skills/saveSkillGroup", 200, true],
      ["POST", "/portal/services/protected/skills/getSkillGroups", 0, false], // answered by no one: dropped
      ["GET", "/portal/services/login/logout", 200, false],
    ]);
    expect(entries[0].body).toEqual({ username: b64(admin.username), password: "[masked]" });
    expect(entries[1].body).toMatchObject({ skillGroupPeripheralName: "Journaled", authToken: "[masked]" });
    expect(JSON.stringify(entries)).not.toContain(b64(admin.password));
    expect(entries.map((e: { seq: number }) => e.seq)).toEqual([...entries.map((e: { seq: number }) => e.seq)].sort((a, b) => a - b));

    expect((await control("POST", "calls/reset")).status).toBe(200);
    expect((await control("GET", "journal")).body).toEqual({ entries: [] });
  });

  test("a path with dot segments or a malformed escape is refused with 400 before routing: no detour to the control API", async () => {
    // Sent as written: fetch() would normalise the dot segments before they left the test.
    const raw = (method: string, rawPath: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(`${emulator.url}/`, { method, path: rawPath }, (response) => {
          let body = "";
          response.on("data", (chunk) => (body += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on("error", reject);
        request.end();
      });
    await loginAs(admin);
    for (const path of ["/portal/services/../../_emulator/reset", "/portal/services/%2e%2e/%2E%2E/_emulator/reset", "/ucportal/v1/./customers"]) {
      expect(await raw("POST", path)).toEqual({ status: 400, body: JSON.stringify({ error: "the path holds a dot segment (. or ..): paths are not normalised here" }) });
    }
    expect(await raw("GET", "/ucportal/v1/customers/cust-acme/users/%zz")).toEqual({ status: 400, body: JSON.stringify({ error: "the path holds a malformed percent-escape (%zz)" }) });
    // Nothing was reset: the login above still counts.
    expect((await control("GET", "calls")).body.byEndpoint["POST /portal/services/login/login"]).toBe(1);
  });

  test("reset restores the seeded data and drops sessions", async () => {
    const session = await loginAs(admin);
    await saveSkillGroup(session, { peripheralID: 5000, skillGroupPeripheralName: "Temporary", serviceLevelThreshold: 10 });
    await control("POST", "reset");

    expect((await getSkillGroups(session)).status).toBe(401);
    const fresh = await loginAs(admin);
    expect(ids(await getSkillGroups(fresh))).toEqual([5100, 5101, 5102]);
    const created = await saveSkillGroup(fresh, { peripheralID: 5000, skillGroupPeripheralName: "Again", serviceLevelThreshold: 10 });
    expect(created.body.code).toBe(0);
    expect(await findId(fresh, "CUCM_PG_1.Again")).toBe(5200);
  });

  test("the clock refuses to go backwards", async () => {
    expect((await control("POST", "clock", { advanceSeconds: -5 })).status).toBe(400);
    const moved = await control("POST", "clock", { advanceSeconds: 90 });
    expect(moved.body.offsetSeconds).toBe(90);
  });
});
