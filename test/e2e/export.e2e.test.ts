/**
 * `contact-center export` against the seeded emulator tenant (CCE, Oracle CX, UC portal), run in
 * process as a user would run it, with the connection in the environment: the export is
 * deterministic, valid, and round-trips: `up` of the exported file through the real CLI adopts
 * every object without creating, changing or duplicating anything, a `preview` after it plans
 * nothing, and exporting again gives the same bytes.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { main } from "../../cli/main";
import { CommandIo } from "../../cli/command";
import { loadContactCenter } from "../../config/load";
import { cceDemoCredentials } from "../../emulator/cce/tenant";
import { oracleDemoCredentials } from "../../emulator/oracle/tenant";
import { ucportalDemoTenants, ucportalDemoTokens } from "../../emulator";
import { UcPortalApi } from "../support/ucportal";
import { createTestStack, oracleConfig, ucportalConfig, useCceEmulator } from "./harness";

const emulator = useCceEmulator();
const { admin } = cceDemoCredentials;
const { salesCloudUser } = oracleDemoCredentials;

const CONNECTION_VARIABLES = [
  "CCE_URL", "CCE_USERNAME", "CCE_PASSWORD", "CCE_TENANT_ID", "ORACLE_URL", "ORACLE_USERNAME", "ORACLE_PASSWORD", "RISKCC_URL", "RISKCC_USERNAME", "RISKCC_PASSWORD",
  "UCPORTAL_URL", "UCPORTAL_TOKEN", "UCPORTAL_CUSTOMER_ID", "UCPORTAL_VERSION",
];
const saved: Record<string, string | undefined> = {};
let scratch: string;

beforeEach(() => {
  for (const name of CONNECTION_VARIABLES) {
    saved[name] = process.env[name];
    delete process.env[name];
  }
  Object.assign(process.env, {
    CCE_URL: `${emulator.url}/portal/services`,
    CCE_USERNAME: admin.username,
    CCE_PASSWORD: admin.password,
    ORACLE_URL: emulator.url,
    ORACLE_USERNAME: salesCloudUser.username,
    ORACLE_PASSWORD: salesCloudUser.password,
    UCPORTAL_URL: `${emulator.url}/ucportal`,
    UCPORTAL_TOKEN: ucportalDemoTokens.acme,
    UCPORTAL_CUSTOMER_ID: ucportalDemoTenants.acme,
  });
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-export-"));
});

afterEach(() => {
  for (const name of CONNECTION_VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** Runs `contact-center export <args>` in process, collecting what a user would see. */
async function runExport(...args: string[]) {
  const seen = { out: "", err: "", progress: [] as string[] };
  const io: CommandIo = {
    out: (text) => (seen.out += text),
    err: (text) => (seen.err += text),
    progress: (text) => seen.progress.push(text),
  };
  // Through main, as the command line runs it (a usage error is printed there, with the help).
  const code = await main(["export", ...args], io);
  return { code, ...seen };
}

/** Every call that writes (creates or changes an object), by the emulator's call counts. */
async function writingCalls(): Promise<Record<string, number>> {
  const { byEndpoint } = await emulator.control.calls();
  const writes = /cloneUser|saveSkillGroup|updateUser|setUserStatus|enableDisable|resetPassword|saveSkillsToAgent|saveAttributesToAgent|updateAgentAttributes|updatePrecisionQueue|(POST|PATCH|DELETE) \/crmRestApi|(POST|PATCH|PUT|DELETE) \/ucportal/;
  return Object.fromEntries(Object.entries(byEndpoint).filter(([endpoint]) => writes.test(endpoint)));
}

test("two exports of an unchanged tenant are byte-identical, sorted, by name, adopted, without secrets", async () => {
  const first = await runExport();
  const second = await runExport();

  expect(first.code).toBe(0);
  expect(first.err).toBe("");
  expect(second.out).toBe(first.out);

  const file = parse(first.out);
  expect(Object.keys(file)).toEqual(["$schema", "cce", "oracle", "ucportal"]);
  expect(file.cce.skillGroups.map((g: { peripheral: string; name: string }) => `${g.peripheral}.${g.name}`)).toEqual([
    "CUCM_PG_1.Sales",
    "CUCM_PG_1.Support",
    "MR_PG_1.Chat_Support",
  ]);
  const alice = file.cce.users.find((u: { loginName: string }) => u.loginName === "alice@DEM");
  expect(alice).toEqual({
    loginName: "alice@DEM",
    template: "alice@DEM",
    userType: "agent",
    firstName: "Alice",
    lastName: "Archer",
    email: "alice@dem.cce.example",
    phone: "55510020",
    agentId: "1002",
    agentEnterpriseName: "Alice_Archer",
    ssoEnabled: false,
    adopt: true,
    deletionPolicy: "retain",
    platform: "CUCM_PG_1",
    site: "HQ",
    department: "Sales",
    billingUnit: "BU_Sales",
    roleGroup: "Agent",
    apmProfile: "Sales_Profile",
    team: "Team_Sales",
    deskSettings: "Sales_Desk",
    skillGroups: ["Sales", "Support"],
    attributes: { Sales_Skill: 8, Spanish: true },
  });
  expect(file.cce.precisionQueues.map((q: { queueName: string }) => q.queueName)).toEqual(["PQ_Billing", "PQ_Sales"]);
  expect(file.oracle.resourceUsers.every((u: { adopt: boolean }) => u.adopt === true)).toBe(true);
  // Customer users by e-mail, with the roles the portal holds; the reseller-level user is left out, with a note.
  expect(file.ucportal.customerUsers.map((u: { email: string }) => u.email)).toEqual(["alice.martin@acme.example", "bob.chen@acme.example", "carol.diaz@acme.example"]);
  expect(file.ucportal.customerUsers[1]).toEqual({
    displayName: "Bob Chen",
    email: "bob.chen@acme.example",
    roles: ["customer.user", "customer.user.acd", "customer.user.pbx", "customer.user.uc", "customer.user.uc.softphone"],
    primaryTenant: "cust-acme",
    devices: ["acme-sp-201"],
    adopt: true,
    deletionPolicy: "retain",
  });
  expect(first.progress).toContainEqual(expect.stringMatching(/^note: customer user support@northwind-reseller\.example left out: it is configured at the reseller level/));
  // No password of the tenant, nor of the connection, in the file or the progress.
  for (const secret of [admin.password, salesCloudUser.password, ucportalDemoTokens.acme, "Alice-2026!", "Bob-2026!"]) {
    expect(first.out).not.toContain(secret);
    expect(first.progress.join("\n")).not.toContain(secret);
  }
  expect(first.out).not.toContain("passwordSecret");
});

test("round trip: up of the export adopts everything and creates nothing, preview then plans nothing, a new export is identical", async () => {
  // GIVEN customer users holding roles the portal added by itself: Dave gets customer.user.pbx
  // (he is on the phone system), and Carol's l3 licence makes the portal add the realtime add-on
  // to every PBX user. Exported as live roles, they must cause no diff.
  const portal = new UcPortalApi(emulator.url);
  expect((await portal.createUser({ displayName: "Dave Evans", email: "dave.evans@acme.example", roles: ["customer.user"] })).status).toBe(201);
  const carol = await portal.findByEmail("carol.diaz@acme.example");
  expect((await portal.patchUser(carol.id, { roles: ["customer.user", "customer.user.pbx", "customer.user.supervisorl3"] })).status).toBe(200);
  expect((await portal.findByEmail("dave.evans@acme.example")).roles.sort()).toEqual(["customer.user", "customer.user.pbx", "customer.user.pbx.realtime"]);

  const out = path.join(scratch, "tenant.yaml");
  const exported = await runExport("--out", out);
  expect(exported.code).toBe(0);
  expect(exported.out).toBe("");
  expect(exported.progress.at(-1)).toBe(`wrote 3 skillGroup, 9 user, 2 precisionQueue, 6 resourceUser, 4 customerUser to ${out}`);
  const before = fs.readFileSync(out, "utf8");
  const exportedDave = parse(before).ucportal.customerUsers.find((u: { email: string }) => u.email === "dave.evans@acme.example");
  expect(exportedDave.roles).toEqual(["customer.user", "customer.user.pbx", "customer.user.pbx.realtime"]);

  const loaded = await loadContactCenter(out);
  expect(loaded.problems).toEqual([]);

  await emulator.control.resetCalls();
  const t = await createTestStack("yaml-file", {
    ...emulator.config(),
    ...oracleConfig(emulator.url, salesCloudUser.username, salesCloudUser.password),
    ...ucportalConfig(emulator.url, ucportalDemoTenants.acme, ucportalDemoTokens.acme),
    file: { value: out },
  });
  try {
    const up = await t.stack.up();
    // Adoption is a "create" for the engine: the stack, the declaration guard, 3 groups, 9 users, 5 agents' attributes, 2 queues,
    // 6 resource users, 4 customer users.
    expect(up.summary.resourceChanges).toEqual({ create: 31 });
    // Nothing created or changed, not even re-saved: every agent already holds its attributes' values.
    expect(await writingCalls()).toEqual({});

    const preview = await t.stack.preview();
    for (const op of ["create", "update", "delete", "replace"]) expect(preview.changeSummary).not.toHaveProperty(op);

    // Adopting changed nothing in the tenant: the next export is the same file.
    const again = await runExport();
    expect(again.out).toBe(before);
  } finally {
    await t.cleanup();
  }
});

test("filters: include by kind and glob, exclude after include; a user keeps no partial skill-group list", async () => {
  const { code, out, progress } = await runExport("--include", "user:*@DEM", "--include=skillGroup:CUCM_PG_1.*", "--exclude", "user:tmpl.*");

  expect(code).toBe(0);
  const file = parse(out);
  expect(Object.keys(file.cce)).toEqual(["skillGroups", "users"]);
  expect(file.oracle).toBeUndefined();
  expect(file.ucportal).toBeUndefined();
  expect(file.cce.users.map((u: { loginName: string }) => u.loginName)).toEqual(["admin@DEM", "alice@DEM", "bob@DEM", "carol@DEM", "disabled@DEM"]);
  const carol = file.cce.users.find((u: { loginName: string }) => u.loginName === "carol@DEM");
  expect(carol.skillGroups).toBeUndefined();
  expect(progress).toContain(
    "note: user carol@DEM: skillGroups left out (not managed): the user is in skill groups this export does not declare (MR_PG_1.Chat_Support)",
  );
});

test("a system without a connection is skipped with a note; bad options fail with a message", async () => {
  delete process.env.ORACLE_URL;
  delete process.env.ORACLE_USERNAME;
  delete process.env.ORACLE_PASSWORD;
  const cceOnly = await runExport("--include", "precisionQueue", "--include", "resourceUser");
  expect(cceOnly.code).toBe(0);
  expect(cceOnly.progress).toContain("Oracle CX: skipped, not configured (oracle:* stack config or ORACLE_URL, ORACLE_USERNAME, ORACLE_PASSWORD)");
  expect(Object.keys(parse(cceOnly.out))).toEqual(["$schema", "cce"]);

  for (const name of ["UCPORTAL_URL", "UCPORTAL_TOKEN", "UCPORTAL_CUSTOMER_ID"]) delete process.env[name];
  const noPortal = await runExport("--include", "customerUser");
  expect(noPortal.code).toBe(0);
  expect(noPortal.progress).toContain("UC portal: skipped, not configured (ucportal:* stack config or UCPORTAL_URL, UCPORTAL_TOKEN, UCPORTAL_CUSTOMER_ID)");
  process.env.UCPORTAL_CUSTOMER_ID = ucportalDemoTenants.acme;
  const halfPortal = await runExport("--include", "customerUser");
  expect(halfPortal.code).toBe(1);
  expect(halfPortal.err).toContain("missing ucportal:url (or UCPORTAL_URL), ucportal:token (or UCPORTAL_TOKEN");

  delete process.env.CCE_PASSWORD;
  const halfConfigured = await runExport();
  expect(halfConfigured.code).toBe(1);
  expect(halfConfigured.err).toContain("missing cce:password (or CCE_PASSWORD");

  const tempAllows = await runExport("--include", "tempAllow");
  expect(tempAllows.code).toBe(1);
  expect(tempAllows.err).toContain("tempAllow cannot be exported: risk-cc has no read API");
});

test("--stack reads the connection from the stack's config through the Automation API, secrets decrypted and never printed", async () => {
  const t = await createTestStack("yaml-file", { ...emulator.config(), ...ucportalConfig(emulator.url, ucportalDemoTenants.acme, ucportalDemoTokens.acme) });
  const workspace = t.stack.workspace;
  const pulumiVariables = {
    PULUMI_BACKEND_URL: `file://${t.backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
    PULUMI_HOME: workspace.pulumiHome!,
    PULUMI_SKIP_UPDATE_CHECK: "true",
  };
  const before = Object.fromEntries(Object.keys(pulumiVariables).map((name) => [name, process.env[name]]));
  for (const name of CONNECTION_VARIABLES) delete process.env[name];
  Object.assign(process.env, pulumiVariables);
  try {
    const { code, out, err, progress } = await runExport("--stack", "test", "--cwd", workspace.workDir, "--include", "skillGroup", "--include", "customerUser");

    expect(err).toBe("");
    expect(code).toBe(0);
    expect(progress[0]).toBe("reading the config of stack test");
    expect(parse(out).cce.skillGroups).toHaveLength(3);
    // ucportal:token is a secret in the stack: decrypted to connect.
    expect(parse(out).ucportal.customerUsers).toHaveLength(3);
    // Resource users are filtered out: Oracle is not even looked at.
    expect(progress.filter((line) => line.startsWith("Oracle"))).toEqual([]);
    expect(`${out}${err}${progress.join("\n")}`).not.toContain(admin.password);
    expect(`${out}${err}${progress.join("\n")}`).not.toContain(ucportalDemoTokens.acme);
  } finally {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await t.cleanup();
  }
});
