/**
 * Speaks to the emulator the way a person or another tool would: raw HTTP, independent of
 * the provider's client. Used to make out-of-band changes and to read the emulator's
 * counters and fault controls.
 */
import { RunningEmulator, startEmulator } from "../../emulator";
import { cceDemoCredentials } from "../../emulator/cce/tenant";
import { logoutAll } from "../../provider/cce/client";
import type { JournalEntry } from "../../emulator/journal";
import type { Variant } from "../../emulator/variants";

const b64 = (value: string) => Buffer.from(value, "utf8").toString("base64");

export interface PortalSession {
  cookie: string;
  token: string;
}

export class EmulatorControl {
  constructor(readonly url: string) {}

  private async control(method: string, path: string, body?: unknown): Promise<any> {
    const response = await fetch(`${this.url}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`emulator ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  }

  calls(): Promise<{ total: number; byEndpoint: Record<string, number> }> {
    return this.control("GET", "calls");
  }
  resetCalls() {
    return this.control("POST", "calls/reset");
  }
  /** Every vendor call since the last reset, in order, bodies with secrets masked (emulator/journal.ts). */
  async journal(): Promise<JournalEntry[]> {
    return (await this.control("GET", "journal")).entries;
  }
  fault(spec: Record<string, unknown>) {
    return this.control("POST", "faults", spec);
  }
  clearFaults() {
    return this.control("DELETE", "faults");
  }
  configure(settings: { latencyMs?: number; sessionCap?: number; variants?: Variant[] }) {
    return this.control("POST", "config", settings);
  }
  reset() {
    return this.control("POST", "reset");
  }
  /** Deletes a skill group behind the portal's back, as an administrator could in ICM. */
  deleteSkillGroupByHand(skillTargetId: number) {
    return this.control("DELETE", `cce/skill-groups/${skillTargetId}`);
  }
  /** Whether the directory user's portal password is `password` (no portal call returns passwords). */
  async verifyPassword(loginNm: string, password: string): Promise<boolean> {
    return (await this.control("POST", "cce/users/verify-password", { loginNm, password })).matches;
  }
  async logins(): Promise<number> {
    return (await this.calls()).byEndpoint["POST /portal/services/login/login"] ?? 0;
  }
}

export class Portal {
  constructor(readonly servicesUrl: string) {}

  async login(username: string, password: string): Promise<PortalSession> {
    const response = await fetch(`${this.servicesUrl}/login/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: b64(username), password: b64(password) }),
    });
    const body = (await response.json()) as { code: number; codeMessage: string; userToken: string };
    if (body.code !== 0) throw new Error(`login failed: ${body.codeMessage}`);
    const cookie = /JSESSIONID=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1];
    if (!cookie) throw new Error("login answered no JSESSIONID cookie");
    return { cookie, token: body.userToken };
  }

  async logout(session: PortalSession): Promise<void> {
    const send = () => fetch(`${this.servicesUrl}/login/logout`, { headers: { cookie: `JSESSIONID=${session.cookie}` } });
    // A kept-alive connection the server closed while a test made no call (its keep-alive
    // timeout is 5 s) fails the first send with ECONNRESET; a new connection is made for the retry.
    await send().catch(send);
  }

  async call(session: PortalSession, endpoint: string, body: object): Promise<any> {
    const response = await fetch(`${this.servicesUrl}/${endpoint}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `JSESSIONID=${session.cookie}` },
      body: JSON.stringify({ ...body, authToken: session.token }),
    });
    return response.json();
  }

  /** The groups whose name is exactly `name`, as {skillTargetId, peripheralId, name, description, serviceLevelThreshold}. */
  async skillGroupsNamed(session: PortalSession, name: string) {
    const body = await this.call(session, "protected/skills/getSkillGroups", { peripheralName: name, pageSize: 0 });
    return (body.basicSkillGroupList as any[])
      .map((basic, i) => ({
        skillTargetId: basic.skillTargetId,
        peripheralId: basic.peripheralId,
        name: basic.skillName,
        description: body.skillGroupList[i].description,
        serviceLevelThreshold: body.skillGroupList[i].serviceLevelThreshold,
      }))
      .filter((g) => g.name === name);
  }

  /** The user of this login name as the portal holds it (UserAgentInfo), or undefined. */
  async userNamed(session: PortalSession, loginNm: string): Promise<any> {
    const body = await this.call(session, "protected/users/getUsers", { searchColumn: "loginNm", searchTerm: loginNm, searching: true, pageSize: 0 });
    if (body.codeMessage !== "GET_USERS_SUCCESS") throw new Error(`getUsers ${loginNm}: ${body.codeMessage}`);
    return (body.userAgentInfoList as any[]).find((u) => u.loginNm === loginNm);
  }

  /** The skill target ids of the groups the agent is assigned to, in order. */
  async assignedSkills(session: PortalSession, idProgramUser: number): Promise<number[]> {
    const body = await this.call(session, "protected/quickskills/getSkillsForAgent", { assigned: true, idProgramUser, pageSize: 0 });
    if (body.codeMessage !== "GET_SKILLS_FOR_AGENT_SUCCESS") throw new Error(`getSkillsForAgent ${idProgramUser}: ${body.codeMessage}`);
    return (body.basicSkillGroupList as any[]).map((g) => g.skillTargetId).sort((a, b) => a - b);
  }
}

/**
 * Starts the emulator for a test file and resets it before every test. Read `url()` inside
 * tests: the hooks set it. The per-vendor helpers (usePortalEmulator, useOracleEmulator,
 * useUcPortalEmulator) build their clients on it.
 */
export function useEmulatorLifecycle(): { url(): string } {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(() => emulator.close());
  beforeEach(() => new EmulatorControl(emulator.url).reset());
  return { url: () => emulator.url };
}

/** The CCE provider config (`cce:*`) of the emulator's demo administrator, as check() and friends receive it. */
export function cceAdminConfig(emulatorUrl: string): { get(key: string): string | undefined } {
  const values: Record<string, string> = {
    "cce:url": `${emulatorUrl}/portal/services`,
    "cce:username": cceDemoCredentials.admin.username,
    "cce:password": cceDemoCredentials.admin.password,
  };
  return { get: (key) => values[key] };
}

/** What a CCE provider test works with: the emulator, its control, an admin session, the provider config. */
export interface CceProviderHarness {
  url: string;
  control: EmulatorControl;
  portal: Portal;
  /** The demo administrator's session, open during each test, for arranging and checking behind the provider's back. */
  session: PortalSession;
  config: { get(key: string): string | undefined };
}

/**
 * Starts the emulator for a file of CCE provider tests: reset and an admin session before each
 * test (calls counted from there), the session closed and the provider's sessions logged out after.
 */
export function useCceProviderHarness(): CceProviderHarness {
  const h = {} as CceProviderHarness;
  // Started, closed and reset before each test by the shared lifecycle, whose hooks run first.
  const emulator = useEmulatorLifecycle();
  const { username, password } = cceDemoCredentials.admin;
  beforeAll(() => {
    h.url = emulator.url();
    h.control = new EmulatorControl(h.url);
    h.portal = new Portal(`${h.url}/portal/services`);
    h.config = cceAdminConfig(h.url);
  });
  beforeEach(async () => {
    h.session = await h.portal.login(username, password);
    await h.control.resetCalls();
  });
  afterEach(async () => {
    await h.portal.logout(h.session);
    await logoutAll();
  });
  return h;
}
