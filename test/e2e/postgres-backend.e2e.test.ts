/**
 * Stacks on Pulumi's PostgreSQL state backend (`postgres://`), the shared backend a team's
 * pipelines and people use at once: a real server, started here in a temporary folder.
 * - The reconcile converges there as it does on a file backend, and the state in the
 *   database holds no secret.
 * - Two `up` of one stack at once: the backend's lock refuses the second, the first completes,
 *   and the refused change applies on its re-run, with nothing lost or duplicated.
 * - A stack moved there from a file backend (docs/state-backends.md) plans no change.
 * - A run killed half-way leaves its lock in the database; `contact-center recover` settles the
 *   stack, and the next `up` converges with every group once.
 */
import * as fs from "node:fs";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { cceDemoCredentials } from "../../emulator/cce/tenant";
import { type PostgresServer, startPostgres } from "../support/postgres";
import { createTestStack, expectConverged, expectNotWrittenInPlaintext, type StateBackend, type TestStack, useCceEmulator } from "./harness";
import { killUpAfterWrites, recoverKilledRun } from "./kill";

const cce = useCceEmulator();
let server: PostgresServer;
/** This test's database on the server. */
let database: string;
let backend: StateBackend;

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());
beforeEach(() => {
  const fresh = server.newBackend();
  database = fresh.database;
  backend = { url: fresh.url, text: () => backendText(database) };
});

/**
 * Every row of the backend's table as stored, and each blob decoded: the backend keeps a file
 * (state, backup, history, lock) as `{"data": "<Base64>"}` in a json column.
 */
function backendText(db: string): string {
  const rows = server.query(db, "SELECT key || E'\\t' || (data->>'data') FROM pulumi_state").split("\n").filter((row) => row !== "");
  return rows.map((row) => `${row}\n${Buffer.from(row.slice(row.indexOf("\t") + 1), "base64").toString("utf8")}`).join("\n");
}

/** A stack of the skill-groups program declaring `groups`, its state in the PostgreSQL server. */
function stackDeclaring(groups: Record<string, object>): Promise<TestStack> {
  return createTestStack("skill-groups", { ...cce.config(), groups: { value: JSON.stringify(groups) } }, { backend });
}

const group = (name: string) => ({ peripheralId: 5000, name, description: `${name} on postgres` });

/** The backend's rows whose key contains `part` (stack states are under .pulumi/stacks/, locks under .pulumi/locks/). */
const rowKeys = (part: string) =>
  server
    .query(database, `SELECT key FROM pulumi_state WHERE key LIKE '%${part}%' ORDER BY key`)
    .split("\n")
    .filter((key) => key !== "");

test("a stack on the PostgreSQL backend converges, keeps its state in the database without secrets, and destroys", async () => {
  const t = await stackDeclaring({ sales: group("PG_Sales"), support: group("PG_Support") });
  try {
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 3 });
    await expectConverged(t);

    // The state is in the database, not on disk: the stack's row holds both groups.
    expect(rowKeys("/stacks/")).toEqual(expect.arrayContaining([expect.stringMatching(/\/test\.json$/)]));
    expect(fs.readdirSync(t.backendDir)).toEqual([]);
    // (Checked as booleans: a failure prints no state.)
    const state = t.stateText();
    expect(["PG_Sales", "PG_Support"].filter((name) => !state.includes(name))).toEqual([]);
    expectNotWrittenInPlaintext(t, [cceDemoCredentials.admin.password]);

    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges).toMatchObject({ delete: 3 });
    expect((await t.stack.exportStack()).deployment.resources ?? []).toEqual([]);
  } finally {
    await t.cleanup();
  }
});

test("two up of one stack at once: the lock refuses the second, the first completes, and the second's change applies on its re-run", async () => {
  const first = { sales: group("PG_Lock_Sales"), support: group("PG_Lock_Support") };
  const t = await stackDeclaring(first);
  try {
    // A second pipeline on another checkout of the same project and stack, one group more.
    const otherDir = `${t.stack.workspace.workDir}-other`;
    fs.cpSync(t.stack.workspace.workDir, otherDir, { recursive: true });
    const other = await LocalWorkspace.selectStack(
      { stackName: "test", workDir: otherDir },
      { pulumiHome: t.stack.workspace.pulumiHome, envVars: t.stack.workspace.envVars },
    );
    await other.setConfig("groups", { value: JSON.stringify({ ...first, billing: group("PG_Lock_Billing") }) });

    // Slow calls keep the first `up` running while the second starts.
    await cce.control.configure({ latencyMs: 2000 });
    let secondUp: Promise<PromiseSettledResult<unknown>> | undefined;
    const firstUp = t.stack.up({
      onEvent: (event) => {
        // The first holds the lock once it plans its first group.
        if (!secondUp && event.resourcePreEvent?.metadata.type.endsWith("cce:SkillGroup")) {
          secondUp = Promise.allSettled([other.up()]).then(([result]) => result);
        }
      },
    });
    const firstResult = await firstUp;
    const secondResult = await secondUp!;

    expect(firstResult.summary.resourceChanges).toMatchObject({ create: 3 });
    expect(secondResult.status).toBe("rejected");
    expect(String((secondResult as PromiseRejectedResult).reason)).toMatch(/currently locked by 1 lock/);
    // The first run's lock is gone with it, and the refused run created nothing.
    expect(rowKeys("/locks/")).toEqual([]);
    for (const name of ["PG_Lock_Sales", "PG_Lock_Support"]) expect(await cce.portal.skillGroupsNamed(cce.session, name)).toHaveLength(1);
    expect(await cce.portal.skillGroupsNamed(cce.session, "PG_Lock_Billing")).toEqual([]);

    // The refused change is not lost: its re-run applies exactly it.
    await cce.control.configure({ latencyMs: 0 });
    const rerun = await other.up();
    expect(rerun.summary.resourceChanges).toMatchObject({ create: 1, same: 3 });
    for (const name of ["PG_Lock_Sales", "PG_Lock_Support", "PG_Lock_Billing"]) expect(await cce.portal.skillGroupsNamed(cce.session, name)).toHaveLength(1);
    const resources = (await other.exportStack()).deployment.resources ?? [];
    expect(resources.filter((r: { type: string }) => r.type.endsWith("cce:SkillGroup"))).toHaveLength(3);

    // Both checkouts now agree with the tenant: the first one's declaration (without billing)
    // would delete billing, so it is brought up to date first, as a pipeline pulls main.
    await t.stack.setConfig("groups", { value: JSON.stringify({ ...first, billing: group("PG_Lock_Billing") }) });
    await expectConverged(t);
    fs.rmSync(otherDir, { recursive: true, force: true });
  } finally {
    await t.cleanup();
  }
});

test("a stack moved from a file backend to PostgreSQL (stack export, stack import) plans no change there", async () => {
  const groups = { sales: group("PG_Moved_Sales") };
  const onFiles = await createTestStack("skill-groups", { ...cce.config(), groups: { value: JSON.stringify(groups) } });
  const onPostgres = await stackDeclaring(groups);
  try {
    await onFiles.stack.up();
    // The export shows the secrets in clear; the import encrypts them with the new stack's key.
    await onPostgres.stack.importStack(await onFiles.stack.exportStack());
    await expectConverged(onPostgres);
    expect(await cce.portal.skillGroupsNamed(cce.session, "PG_Moved_Sales")).toHaveLength(1);
    expect(onPostgres.stateText().includes("PG_Moved_Sales")).toBe(true);
    expectNotWrittenInPlaintext(onPostgres, [cceDemoCredentials.admin.password]);
  } finally {
    await onFiles.cleanup();
    await onPostgres.cleanup();
  }
});

test("a run killed half-way on the PostgreSQL backend is recovered by contact-center recover, and the next up converges with every group once", async () => {
  const groups = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`g${i}`, group(`PG_Killed_${i}`)]));
  const t = await stackDeclaring(groups);
  try {
    await cce.control.configure({ latencyMs: 150 });
    await killUpAfterWrites(cce.control, t, "postgres", 4);
    // The killed run's lock is a row of the database.
    expect(rowKeys("/locks/")).toHaveLength(1);

    await recoverKilledRun(t);
    expect(rowKeys("/locks/")).toEqual([]);
    expect((await t.stack.exportStack()).deployment.pending_operations ?? []).toEqual([]);

    await cce.control.configure({ latencyMs: 0 });
    await t.stack.up();
    await expectConverged(t);
    for (const { name } of Object.values(groups)) expect([name, (await cce.portal.skillGroupsNamed(cce.session, name)).length]).toEqual([name, 1]);
    const held = ((await t.stack.exportStack()).deployment.resources ?? []).filter((r: { type: string }) => r.type.endsWith("cce:SkillGroup"));
    expect(held).toHaveLength(12);
  } finally {
    await t.cleanup();
  }
});
