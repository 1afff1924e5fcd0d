/**
 * A killed run, through the real CLI: `pulumi up` of a 51-object file (every vendor), its whole
 * process group killed with SIGKILL at several points of the create, each time followed by
 * `contact-center recover`. Checked after each kill: the processes the CLI started (language
 * host, program, dynamic providers: process groups of their own, which the kill does not reach)
 * end within seconds and no vendor call comes after; recovery leaves no pending operation and
 * no lock. At the end a plain `up` converges, and every declared object exists exactly once in
 * its vendor system, held by the stack under the id the vendor gives it: no duplicate, no orphan.
 * The same holds without checkpoints (PULUMI_SKIP_CHECKPOINTS) when the file adopts.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { type BenchTenant, tenantFor, total, yamlFor } from "../../bench/workload";
import { logoutAll } from "../../provider/cce/client";
import { expectEachDeclaredOnceAndHeld } from "../support/vendor-census";
import { allVendorsConfig, contactCenter, createTestStack, expectConverged, filesUnder, TestStack, useCceEmulator } from "./harness";

const emulator = useCceEmulator();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Kill points: the writes a round lets through before its kill (early in the skill groups and
 * users, in the middle, and among the last creates). The calls in flight at a kill are answered
 * too, so a round writes more than its kill point, and later rounds have less left to do.
 */
const KILL_AFTER_WRITES = [4, 15, 10];
/** The recovery and the runs look for late commits this long (the emulator commits within its latency). */
const LATE_COMMIT_SECONDS = "5";

afterAll(() => logoutAll());

function runEnv(t: TestStack, marker: string): NodeJS.ProcessEnv {
  const workspace = t.stack.workspace;
  return { ...process.env, ...workspace.envVars, PULUMI_HOME: workspace.pulumiHome!, PCC_KILLED_RUN_MARKER: marker, CONTACT_CENTER_LATE_COMMIT_SECONDS: LATE_COMMIT_SECONDS };
}

/** `pulumi up` as a pipeline starts it, in a process group of its own so the test can kill the group. */
function startUp(t: TestStack, marker: string, env: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => string; exited: () => boolean } {
  const child = spawn("pulumi", ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", "test"], {
    cwd: t.stack.workspace.workDir,
    env: { ...runEnv(t, marker), ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let exited = false;
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  child.on("exit", () => (exited = true));
  return { child, output: () => output, exited: () => exited };
}

/** The processes still running with the run's marker in their environment (Linux /proc). */
function processesOf(marker: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/environ`, "latin1").includes(`PCC_KILLED_RUN_MARKER=${marker}`)) continue;
      found.push(`${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").replace(/\0/g, " ").slice(0, 120)}`);
    } catch {
      // ended meanwhile, or not ours to read
    }
  }
  return found;
}

const writesSince = async (seq: number) => (await emulator.control.journal()).filter((call) => call.seq > seq && call.write).length;
const lastSeq = async () => (await emulator.control.journal()).at(-1)?.seq ?? 0;

/**
 * No duplicate, no orphan: every declared object of `tenant` exists once in its vendor system,
 * under the id the stack holds, and the stack holds each attribute, queue and temporary allow.
 */
async function expectTenantOnceAndHeld(t: TestStack, tenant: BenchTenant, config: ConfigMap): Promise<void> {
  const state = (await t.stack.exportStack()).deployment.resources as { type: string; id?: string }[];
  const declared = { cce: { skillGroups: tenant.skillGroups, users: tenant.users }, oracle: { resourceUsers: tenant.resourceUsers }, ucportal: { customerUsers: tenant.customerUsers } };
  await expectEachDeclaredOnceAndHeld(config, declared, state);
  const held = (type: string) => state.filter((r) => r.type.endsWith(`:${type}`));
  expect(held("AgentAttribute")).toHaveLength(tenant.mix.attributes);
  expect(held("PrecisionQueue")).toHaveLength(tenant.mix.precisionQueues);
  expect(held("TempAllow")).toHaveLength(tenant.mix.tempAllows);
}

/**
 * Starts an `up`, kills its whole process group once the vendors have taken `killAfter` writes,
 * and checks what a kill must leave: every process the run started ends within seconds, nothing
 * is written after the calls in flight are answered, and the run's CCE session was logged out.
 */
async function killUpAfterWrites(t: TestStack, round: string, killAfter: number, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const marker = `${round}-${process.pid}`;
  const start = await lastSeq();
  const run = startUp(t, marker, env);
  while ((await writesSince(start)) < killAfter) {
    if (run.exited()) throw new Error(`${round}: the up ended before its kill point (${killAfter} writes):\n${run.output()}`);
    await sleep(25);
  }
  process.kill(-run.child.pid!, "SIGKILL");
  const killedAt = Date.now();
  const atKill = await lastSeq();
  // Calls in flight at the kill are answered within the emulator's latency; later ones were sent after it.
  await sleep(500);
  const inFlightAnswered = await lastSeq();

  let left = processesOf(marker);
  while (left.length > 0 && Date.now() - killedAt < 20_000) {
    await sleep(250);
    left = processesOf(marker);
  }
  expect(left).toEqual([]);
  console.log(`${round}: killed after ${await writesSince(start)} writes; every process of the run gone ${Date.now() - killedAt} ms after the kill`);
  const quiet = await lastSeq();
  await sleep(2_000);
  expect(await lastSeq()).toBe(quiet);
  const after = (await emulator.control.journal()).filter((call) => call.seq > atKill);
  expect(after.filter((call) => call.seq > inFlightAnswered && call.write).map((call) => `${call.method} ${call.path}`)).toEqual([]);
  expect(after.some((call) => call.path.endsWith("/login/logout"))).toBe(true);
}

test("a 51-object up killed three times is recovered each time by contact-center recover; the next up converges with no duplicate and no orphan", async () => {
  const tenant = tenantFor(51);
  expect(total(tenant.mix)).toBe(51);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-killed-"));
  const file = path.join(work, "contact-center.yaml");
  fs.writeFileSync(file, yamlFor(tenant));
  const config = { ...allVendorsConfig(emulator.url, emulator.config()), file: { value: file }, agentPassword: { value: "Killed-Run-2026!", secret: true } };
  const t = await createTestStack("yaml-file", config);
  // Slow enough that a kill lands in the middle of the create.
  await emulator.control.configure({ latencyMs: 60 });
  let recorded = 0;
  try {
    for (const [round, killAfter] of KILL_AFTER_WRITES.entries()) {
      // WHEN the CLI's whole process group is killed THEN everything it started stops
      await killUpAfterWrites(t, `round-${round}`, killAfter);

      // A kill can land while Pulumi's file backend rewrites a metadata file in place (seen once in
      // five runs here: every later command failed with "failed to load checkpoint: EOF"). Round 0
      // plays that moment for sure: the stack's metadata file cut to nothing.
      if (round === 0) {
        const metadata = filesUnder(t.backendDir).filter((file) => file.endsWith(`${path.sep}test.json.attrs`));
        expect(metadata).toHaveLength(1);
        fs.writeFileSync(metadata[0], "");
      }

      // WHEN the stack is recovered THEN it says what it did, and nothing is pending or locked
      const recovery = await contactCenter(t, ["recover", "--stack", "test"], { CONTACT_CENTER_LATE_COMMIT_SECONDS: LATE_COMMIT_SECONDS });
      expect({ code: recovery.code, stderr: recovery.code === 0 ? "" : recovery.stderr }).toEqual({ code: 0, stderr: "" });
      expect(recovery.stderr).toContain("removing the stack's lock: the run that took it no longer runs");
      if (round === 0) expect(recovery.stderr).toContain("repaired the file backend: removed .pulumi/stacks/e2e-yaml-file/test.json.attrs");
      recorded += recovery.stdout.split("\n").filter((line) => line.startsWith("recorded")).length;
      expect(recovery.stdout).toMatch(/recovered: the next `pulumi up` finishes what the killed run left undone|nothing was pending/);
      expect((await t.stack.exportStack()).deployment.pending_operations ?? []).toEqual([]);
      // A second recovery finds nothing to do (and no lock).
      const again = await contactCenter(t, ["recover", "--stack", "test"], { CONTACT_CENTER_LATE_COMMIT_SECONDS: LATE_COMMIT_SECONDS });
      expect({ code: again.code, stdout: again.stdout.trim() }).toEqual({ code: 0, stdout: "nothing was pending: the next `pulumi up` can run" });
    }
    // At least one kill landed after a create was committed and before the engine heard of it.
    expect(recorded).toBeGreaterThan(0);

    // WHEN the next up runs THEN it finishes the job and converges
    await emulator.control.configure({ latencyMs: 0 });
    await t.stack.up();
    await expectConverged(t);

    // AND every declared object exists once in its vendor system, under the id the stack holds
    await expectTenantOnceAndHeld(t, tenant, config);
  } finally {
    await emulator.control.configure({ latencyMs: 0 });
    await t.cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  }
}, 900_000);

/**
 * docs/pipeline.md ("Large tenants: checkpoints") offers PULUMI_SKIP_CHECKPOINTS for a large
 * first import with `adopt: true`: the state is then written only when a run ends, so a killed
 * run leaves objects in the vendors that no state holds. This proves that use safe: killed
 * twice, each time followed by `recover` (which has nothing pending to settle, only the lock),
 * the next run without checkpoints takes over what the killed runs created, and every declared
 * object is once in its vendor system and held by the stack.
 */
test("without checkpoints, a 51-object import with adopt: true killed twice converges on the next run, with no duplicate and no orphan", async () => {
  const tenant = tenantFor(51);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-unchecked-"));
  const file = path.join(work, "contact-center.yaml");
  fs.writeFileSync(file, yamlFor(tenant, { adopt: true }));
  const config = { ...allVendorsConfig(emulator.url, emulator.config()), file: { value: file }, agentPassword: { value: "Killed-Run-2026!", secret: true } };
  const t = await createTestStack("yaml-file", config);
  const withoutCheckpoints = { PULUMI_SKIP_CHECKPOINTS: "true" };
  await emulator.control.configure({ latencyMs: 60 });
  try {
    for (const [round, killAfter] of [8, 20].entries()) {
      await killUpAfterWrites(t, `unchecked-${round}`, killAfter, withoutCheckpoints);
      // The killed run wrote no state: only its lock is left, and recover removes it.
      expect((await t.stack.exportStack()).deployment.resources ?? []).toEqual([]);
      const recovery = await contactCenter(t, ["recover", "--stack", "test"], { CONTACT_CENTER_LATE_COMMIT_SECONDS: LATE_COMMIT_SECONDS });
      expect({ code: recovery.code, stderr: recovery.code === 0 ? "" : recovery.stderr }).toEqual({ code: 0, stderr: "" });
      expect(recovery.stderr).toContain("removing the stack's lock: the run that took it no longer runs");
    }
    // WHEN the next run (still without checkpoints) goes to the end THEN it takes them over
    await emulator.control.configure({ latencyMs: 0 });
    const up = startUp(t, `unchecked-final-${process.pid}`, withoutCheckpoints);
    const code = await new Promise<number | null>((resolve) => up.child.on("exit", resolve));
    expect({ code, output: code === 0 ? "" : up.output() }).toEqual({ code: 0, output: "" });
    await expectConverged(t);

    await expectTenantOnceAndHeld(t, tenant, config);
  } finally {
    await emulator.control.configure({ latencyMs: 0 });
    await t.cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  }
}, 900_000);
