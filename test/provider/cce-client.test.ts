/**
 * The CCE client against the emulator over real HTTP: one shared session, one re-login on
 * expiry, retries only where they are safe, vendor constants in every failure.
 */
import { startEmulator } from "../../emulator";
import { cceDemoCredentials } from "../../emulator/cce/tenant";
import { CceClient, logoutAll } from "../../provider/cce/client";
import { listSkillGroups, saveSkillGroup } from "../../provider/cce/skill-groups-api";
import { isApiError, isTransportError } from "../../provider/core/errors";
import { EmulatorControl, Portal } from "../support/portal";

let emulator: { url: string; close(): Promise<void> };
let control: EmulatorControl;
const fastRetry = { attempts: 4, baseDelayMs: 10, maxDelayMs: 2_000, maxRetryAfterMs: 2_000, timeoutMs: 5_000 };

const clientFor = (who: { username: string; password: string }, tenantId?: string) =>
  new CceClient({ url: `${emulator.url}/portal/services`, username: who.username, password: who.password, tenantId }, fastRetry);

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  control = new EmulatorControl(emulator.url);
});
afterAll(async () => emulator.close());
beforeEach(async () => control.reset());
afterEach(async () => logoutAll());

test("concurrent calls from many clients share one login", async () => {
  const results = await Promise.all(Array.from({ length: 10 }, () => listSkillGroups(clientFor(cceDemoCredentials.admin))));
  expect(results.every((r) => r.length === 3)).toBe(true);
  expect(await control.logins()).toBe(1);
});

test("an expired session is replaced by exactly one new login, and the call succeeds", async () => {
  await listSkillGroups(clientFor(cceDemoCredentials.admin));
  await control.fault({ kind: "expire-sessions" });
  const results = await Promise.all(Array.from({ length: 5 }, () => listSkillGroups(clientFor(cceDemoCredentials.admin))));
  expect(results.map((r) => r.length)).toEqual([3, 3, 3, 3, 3]);
  expect(await control.logins()).toBe(2);
});

test("a session that ends again while the call is repeated is replaced again; one that keeps ending fails the call, saying why", async () => {
  // (The fault answers 401 without ending the emulator's sessions: no cap for them to fill.)
  await control.configure({ sessionCap: 0 });
  const client = clientFor(cceDemoCredentials.admin);
  await listSkillGroups(client);
  // The portal answers 401 twice: the session ended, and ended again after the first new login.
  await control.fault({ endpoint: "skills/getSkillGroups", kind: "status", status: 401, count: 2 });
  expect(await listSkillGroups(client)).toHaveLength(3);
  expect(await control.logins()).toBe(3);

  await control.fault({ endpoint: "skills/getSkillGroups", kind: "status", status: 401, count: 10 });
  const error = await listSkillGroups(client).catch((e) => e);
  expect(error.message).toBe(
    "CCE protected/skills/getSkillGroups failed: HTTP_401: the session ended again after each of 3 new logins within this call: something ends this user's sessions as fast as they start (another tool logging in as the same user under a session cap of 1?)",
  );
});

test("a tenant that allows one session per user is said before it bites; a login refused for the cap says why and what to do", async () => {
  await control.configure({ sessionCap: 1 });
  // Someone (or a killed run) holds the one session the admin may have.
  const portal = new Portal(`${emulator.url}/portal/services`);
  const held = await portal.login(cceDemoCredentials.admin.username, cceDemoCredentials.admin.password);
  process.env.CONTACT_CENTER_SESSION_WAIT_SECONDS = "0";
  const refused = await listSkillGroups(clientFor(cceDemoCredentials.admin))
    .catch((e) => e)
    .finally(() => delete process.env.CONTACT_CENTER_SESSION_WAIT_SECONDS);
  expect(refused.message).toContain("login/login failed: AUTHORIZE_USER_TO_TENANT_FAILED_USER_ALREADY_LOGGED_ON_ANOTHER_SESSION");
  expect(refused.message).toContain("a run killed, or a login whose answer was lost, keeps its session until it idles out, 30 minutes");
  await portal.logout(held);

  const warned: string[] = [];
  const write = jest.spyOn(process.stderr, "write").mockImplementation((line) => (warned.push(String(line)), true));
  try {
    await listSkillGroups(clientFor(cceDemoCredentials.admin));
  } finally {
    write.mockRestore();
  }
  expect(warned).toEqual([expect.stringContaining("CCE: the tenant DEM allows this user one session at a time (maxAllowedConnectionsToTenant 1).")]);
});

test("a login refused for the cap waits, saying so, for the session that holds it to end", async () => {
  await control.configure({ sessionCap: 1 });
  const portal = new Portal(`${emulator.url}/portal/services`);
  const held = await portal.login(cceDemoCredentials.admin.username, cceDemoCredentials.admin.password);
  // The holder (say, this run's own program, done with its look-ups) logs out a moment later.
  setTimeout(() => void portal.logout(held), 1_500);
  const said: string[] = [];
  const write = jest.spyOn(process.stderr, "write").mockImplementation((line) => (said.push(String(line)), true));
  let groups;
  try {
    groups = await listSkillGroups(clientFor(cceDemoCredentials.admin));
  } finally {
    write.mockRestore();
  }
  expect(groups).toHaveLength(3);
  expect(said[0]).toBe("CCE: every session this user may have on the tenant is taken; waiting up to 30 s for one to end (CONTACT_CENTER_SESSION_WAIT_SECONDS)\n");
  // It tried again (a refused login is answered 200 with code -1): more than one login, one line said.
  expect((await control.journal()).filter((c) => c.path.endsWith("login/login")).length).toBeGreaterThanOrEqual(2);
  expect(said.filter((line) => line.includes("waiting up to"))).toHaveLength(1);
});

test("the groups read are this tenant's only", async () => {
  const dem = await listSkillGroups(clientFor(cceDemoCredentials.admin));
  const lab = await listSkillGroups(clientFor(cceDemoCredentials.labAdmin));
  expect(dem.map((g) => g.name).sort()).toEqual(["Chat_Support", "Sales", "Support"]);
  expect(lab.map((g) => g.name)).toEqual(["Lab_Queue"]);
});

test("a partner user is authorized to the tenant named by tenantId", async () => {
  const lab = await listSkillGroups(clientFor(cceDemoCredentials.partner, "LAB"));
  expect(lab.map((g) => g.name)).toEqual(["Lab_Queue"]);
});

test("a partner user without tenantId is told which tenants to choose from", async () => {
  const error = await listSkillGroups(clientFor(cceDemoCredentials.partner)).catch((e) => e);
  expect(isApiError(error)).toBe(true);
  expect(error.constant).toBe("TENANT_SELECTION_REQUIRED");
  expect(error.message).toContain("set cce:tenantId to one of: DEM (1001), LAB (1002)");
});

test("a wrong password surfaces the vendor constant and meaning, never the password", async () => {
  const error = await listSkillGroups(clientFor({ username: "admin@DEM", password: "Wrong-Password-1" })).catch((e) => e);
  expect(error.constant).toBe("LDAP_AUTHENTICATION_FAILED");
  expect(error.message).toBe(
    "CCE login/login failed: LDAP_AUTHENTICATION_FAILED: Authentication failed because the password is invalid.",
  );
  expect(error.message).not.toContain("Wrong-Password-1");
});

test("a user name without a tenant code is refused with INVALID_LOGIN_NAME_NOT_IN_EXPECTED_FORMAT", async () => {
  const error = await listSkillGroups(clientFor({ username: "admin", password: "x-y-z-w" })).catch((e) => e);
  expect(error.constant).toBe("INVALID_LOGIN_NAME_NOT_IN_EXPECTED_FORMAT");
});

test("429 with Retry-After is waited out and retried, for writes too", async () => {
  const client = clientFor(cceDemoCredentials.admin);
  await listSkillGroups(client);
  await control.fault({ endpoint: "skills/saveSkillGroup", kind: "rate-limit", retryAfterSeconds: 1, count: 1 });
  await control.resetCalls();
  const started = Date.now();
  await saveSkillGroup(client, { peripheralId: 5000, name: "Rate_Limited", description: "", serviceLevelThreshold: -1 });
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  expect((await control.calls()).byEndpoint["POST /portal/services/protected/skills/saveSkillGroup"]).toBe(2);
  expect((await listSkillGroups(client, { peripheralName: "Rate_Limited" })).length).toBe(1);
});

test("a 500 is retried for a read", async () => {
  const client = clientFor(cceDemoCredentials.admin);
  await listSkillGroups(client);
  await control.fault({ endpoint: "skills/getSkillGroups", kind: "status", status: 500, count: 2 });
  expect((await listSkillGroups(client)).length).toBe(3);
});

test("a 500 on a create is not retried blindly: it fails as ambiguous", async () => {
  const client = clientFor(cceDemoCredentials.admin);
  await listSkillGroups(client);
  await control.fault({ endpoint: "skills/saveSkillGroup", kind: "status", status: 500, count: 1 });
  await control.resetCalls();
  const error = await saveSkillGroup(client, { peripheralId: 5000, name: "Once_Only", description: "", serviceLevelThreshold: -1 }).catch((e) => e);
  expect(isTransportError(error)).toBe(true);
  expect(error.ambiguous).toBe(true);
  expect((await control.calls()).byEndpoint["POST /portal/services/protected/skills/saveSkillGroup"]).toBe(1);
});

test("a vendor refusal carries the constant: a duplicate name", async () => {
  const error = await saveSkillGroup(clientFor(cceDemoCredentials.admin), {
    peripheralId: 5000,
    name: "Sales",
    description: "",
    serviceLevelThreshold: -1,
  }).catch((e) => e);
  expect(error.constant).toBe("SKILL_GROUPS_ALREADY_EXISTS_ERROR");
  expect(error.message).toContain("A skill group with this name already exists on the peripheral.");
});
