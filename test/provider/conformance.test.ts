/**
 * `contact-center conformance` against the emulator: every check passes as the emulator plays
 * the documents (risk-cc, which has no read, untested); and each variant that plays another
 * server makes the check of that assumption differ, with the evidence, writing nothing.
 */
import { main } from "../../cli/main";
import { cceDemoCredentials } from "../../emulator/cce/tenant";
import { ucportalDemoTenants, ucportalDemoTokens } from "../../emulator";
import type { Variant } from "../../emulator/variants";
import { conformanceCommand, exitCodeOf, runConformance } from "../../cli/conformance";
import { logoutAll } from "../../provider/cce/client";
import { clearSharedReads } from "../../provider/core/shared-read";
import { captureIo } from "../support/command-io";
import { EmulatorControl, useEmulatorLifecycle } from "../support/portal";

const emulator = useEmulatorLifecycle();
const control = () => new EmulatorControl(emulator.url());
const env = (): NodeJS.ProcessEnv => ({
  CCE_URL: `${emulator.url()}/portal/services`,
  CCE_USERNAME: cceDemoCredentials.admin.username,
  CCE_PASSWORD: cceDemoCredentials.admin.password,
  ORACLE_URL: emulator.url(),
  ORACLE_USERNAME: "sales_cloud_user",
  ORACLE_PASSWORD: "Sales-Cloud-2026!",
  UCPORTAL_URL: `${emulator.url()}/ucportal`,
  UCPORTAL_TOKEN: ucportalDemoTokens.acme,
  UCPORTAL_CUSTOMER_ID: ucportalDemoTenants.acme,
  RISKCC_URL: emulator.url(),
  RISKCC_USERNAME: "riskcc-admin",
  RISKCC_PASSWORD: "RiskCC-Demo-2026!",
});
const verdicts = (results: { id: string; verdict: string }[]) => Object.fromEntries(results.map((r) => [r.id, r.verdict]));

beforeEach(() => clearSharedReads());
afterEach(() => logoutAll());

test("as the emulator plays the documents, every check passes but risk-cc's revocation, which a read cannot show; nothing is written", async () => {
  await control().resetCalls();
  const { results, skipped } = await runConformance(undefined, env(), captureIo().io);
  expect(skipped).toEqual([]);
  expect(results.filter((r) => r.verdict !== "PASS").map((r) => `${r.id} ${r.verdict}`)).toEqual(["riskcc.revocation UNTESTED"]);
  expect(results.find((r) => r.id === "cce.page-size-zero")!.evidence).toMatch(/^every row for pageSize 0, as many as in pages of 100: getUsers \d+, getSkillGroups \d+, getAllAttributes \d+, getAllPrecisionQueues \d+, getAllSites \d+, /);
  expect(results.find((r) => r.id === "cce.relation-codes")!.evidence).toMatch(/^\d+ queue\(s\) read; every spelled relation agrees: attributeRelation 1 = "==", /);
  expect(results.find((r) => r.id === "cce.agent-skill-target-id")!.evidence).toMatch(/^for \d+ agent\(s\), getUsers' agentId equals getAllAgents' skillTargetId$/);
  expect(results.find((r) => r.id === "cce.session-end")!.evidence).toMatch(/^a logged-out session was answered HTTP_401; the login set the cookies JSESSIONID, all sent back$/);
  expect(exitCodeOf(results)).toBe(4);
  expect((await control().journal()).filter((call) => call.write && !call.path.includes("/login/"))).toEqual([]);
});

test.each<[Variant, string, RegExp]>([
  ["ucportal-ignores-email-filter", "ucportal.email-filter", /also answered \d+ other user\(s\): \?email= is ignored/],
  ["ucportal-ignores-offset", "ucportal.paging", /offsets 0 and 1 both answer user .*: offset is ignored/],
  ["ucportal-no-roles", "ucportal.users", /roles: expected an array, got nothing/],
  ["oracle-ignores-q", "oracle.q-filter", /also answered .*: q is ignored/],
  ["oracle-no-self-link", "oracle.resource-users", /links: expected a self link/],
  ["cce-agents-without-ids", "cce.agents", /agents\[0\]\.skillTargetId: expected a number/],
  ["cce-skill-group-details-short", "cce.skill-groups", /they cannot be paired/],
  ["cce-relation-codes-from-zero", "cce.relation-codes", /attributeRelation 0 as "==" \(this provider writes that as 1\)/],
  ["cce-user-agent-id-is-peripheral-number", "cce.agent-skill-target-id", /getUsers' agentId is not getAllAgents' skillTargetId for .*@DEM \(\d+ vs \d+\)/],
  ["cce-page-size-zero-pages", "cce.page-size-zero", /protected\/users\/getUsers answered .*: asked for every row \(pageSize 0\), it answered page 1 of \d+ \(pagingInfo\.totalElements \d+\)/],
])("variant %s: the check %s differs, saying what was seen", async (variant, id, evidence) => {
  await control().configure({ variants: [variant] });
  const { results } = await runConformance(undefined, env(), captureIo().io);
  const result = results.find((r) => r.id === id)!;
  expect(result.verdict).toBe("DIFF");
  expect(result.evidence).toMatch(evidence);
  expect(exitCodeOf(results)).toBe(3);
});

test.each<[Variant, RegExp]>([
  ["cce-expiry-as-200", /answered USER_NOT_AUTHENTICATED/],
  ["cce-expiry-as-redirect", /answered HTTP_302 \(a redirect to \/portal\/login\.jsp\)/],
  ["cce-load-balancer-cookie", /the cookies JSESSIONID, AWSALB, all sent back/],
])("variant %s, which the provider handles: the session check passes and says how the portal behaves", async (variant, evidence) => {
  await control().configure({ variants: [variant] });
  const { results } = await runConformance(undefined, env(), captureIo().io);
  const session = results.find((r) => r.id === "cce.session-end")!;
  expect(session.verdict).toBe("PASS");
  expect(session.evidence).toMatch(evidence);
  expect(verdicts(results)["cce.users"]).toBe("PASS");
});

test("the command: Markdown or JSON, vendors without a connection named as skipped, options checked", async () => {
  const saved = { ...process.env };
  Object.assign(process.env, env());
  for (const key of Object.keys(process.env).filter((k) => k.startsWith("RISKCC_"))) delete process.env[key];
  try {
    const markdown = captureIo();
    expect(await conformanceCommand.run([], markdown.io)).toBe(0);
    const report = markdown.out.join("\n");
    expect(report).toMatch(/^\| check \| verdict \| assumption \| evidence \|\n\|---\|---\|---\|---\|\n\| cce\.session-end \| PASS \|/);
    expect(report).toContain("risk-cc: not checked (");
    expect(report).toMatch(/\d+ passed, 0 differ, 0 untested$/);

    const json = captureIo();
    expect(await conformanceCommand.run(["--format", "json"], json.io)).toBe(0);
    const parsed = JSON.parse(json.out.join("\n"));
    expect(parsed.results.every((r: { verdict: string }) => r.verdict === "PASS")).toBe(true);
    expect(parsed.skipped.map((s: { vendor: string }) => s.vendor)).toEqual(["risk-cc"]);

    const bad = captureIo();
    expect(await main(["conformance", "--formt", "json"], bad.io)).toBe(1);
    expect(bad.err.join("\n")).toMatch(/^contact-center conformance: unknown option --formt\n\nusage: contact-center conformance/);
    const badFormat = captureIo();
    expect(await main(["conformance", "--format", "yaml"], badFormat.io)).toBe(1);
    expect(badFormat.err.join("\n")).toMatch(/^contact-center conformance: --format is markdown or json, got "yaml"/);
  } finally {
    process.env = saved;
  }
});

test("--sandbox: a throwaway object of each kind through the provider's own lifecycle; what the vendor cannot remove is listed, the rest is gone", async () => {
  const saved = { ...process.env };
  Object.assign(process.env, env());
  try {
    const run = captureIo();
    const code = await conformanceCommand.run(["--format", "json", "--sandbox", "zz_ci", "--cce-template", "tmpl.agent@DEM"], run.io);
    const report = JSON.parse(run.out.join("\n"));
    const sandbox = report.results.filter((r: { id: string }) => r.id.includes(".sandbox."));
    expect(sandbox.map((r: { id: string; verdict: string; evidence: string }) => [r.id, r.verdict, r.evidence])).toEqual([
      ["cce.sandbox.skill-group", "PASS", expect.stringMatching(/^created \d+, read, updated description, removed \(the portal has no delete call/)],
      ["cce.sandbox.user", "PASS", expect.stringMatching(/^created \d+, read, updated lastName, removed, and gone$/)],
      ["ucportal.sandbox.user", "PASS", expect.stringMatching(/^created \S+, read, updated displayName, removed, and gone$/)],
      ["oracle.sandbox.resource-user", "PASS", "created ZZ_CI_CONF, read, updated lastName, removed (Oracle keeps resource users: it is end-dated)"],
    ]);
    expect(report.leftBehind).toEqual([
      expect.stringMatching(/^CCE skill group \d+: the portal has no delete call for skill groups: remove it in ICM$/),
      "Oracle CX resource user ZZ_CI_CONF: Oracle keeps resource users: it is end-dated",
    ]);
    // risk-cc's revocation stays untested: exit 4.
    expect(code).toBe(4);
    // The UC portal user is gone from the portal itself (the CCE user was found gone by the provider's own read).
    const users = await fetch(`${emulator.url()}/ucportal/v1/customers/${ucportalDemoTenants.acme}/users?email=zz_ci.conformance@acme.example`, {
      headers: { authorization: `Bearer ${ucportalDemoTokens.acme}` },
    }).then((r) => r.json() as Promise<{ items: unknown[] }>);
    expect(users.items).toEqual([]);
  } finally {
    process.env = saved;
  }
});
