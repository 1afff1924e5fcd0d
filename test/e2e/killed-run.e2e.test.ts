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
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { type BenchTenant, tenantFor, total, yamlFor } from "../../bench/workload";
import { logoutAll } from "../../provider/cce/client";
import { expectEachDeclaredOnceAndHeld } from "../support/vendor-census";
import { allVendorsConfig, createTestStack, expectConverged, filesUnder, TestStack, useCceEmulator } from "./harness";
import { killUpAfterWrites, recover, recoverKilledRun, startUp } from "./kill";

const emulator = useCceEmulator();
/**
 * Kill points: the writes a round lets through before its kill (early in the skill groups and
 * users, in the middle, and among the last creates). The calls in flight at a kill are answered
 * too, so a round writes more than its kill point, and later rounds have less left to do.
 */
const KILL_AFTER_WRITES = [4, 15, 10];

afterAll(() => logoutAll());

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
 * Runs `body` on a stack of the YAML program declaring the 51-object bench tenant (every
 * vendor), `adopt: true` on every kind that can adopt when asked, with emulator latency slow
 * enough that a kill lands in the middle of a create; then removes it all.
 */
async function withTenantStack(options: { adopt?: boolean }, body: (t: TestStack, tenant: BenchTenant, config: ConfigMap) => Promise<void>): Promise<void> {
  const tenant = tenantFor(51);
  expect(total(tenant.mix)).toBe(51);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-killed-"));
  const file = path.join(work, "contact-center.yaml");
  fs.writeFileSync(file, yamlFor(tenant, options));
  const config = { ...allVendorsConfig(emulator.url, emulator.config()), file: { value: file }, agentPassword: { value: "Killed-Run-2026!", secret: true } };
  const t = await createTestStack("yaml-file", config);
  await emulator.control.configure({ latencyMs: 60 });
  try {
    await body(t, tenant, config);
  } finally {
    await emulator.control.configure({ latencyMs: 0 });
    await t.cleanup();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

test("a 51-object up killed three times is recovered each time by contact-center recover; the next up converges with no duplicate and no orphan", () =>
  withTenantStack({}, async (t, tenant, config) => {
    let recorded = 0;
    for (const [round, killAfter] of KILL_AFTER_WRITES.entries()) {
      // WHEN the CLI's whole process group is killed THEN everything it started stops
      await killUpAfterWrites(emulator.control, t, `round-${round}`, killAfter);

      // A kill can land while Pulumi's file backend rewrites a metadata file in place (seen once in
      // five runs here: every later command failed with "failed to load checkpoint: EOF"). Round 0
      // plays that moment for sure: the stack's metadata file cut to nothing.
      if (round === 0) {
        const metadata = filesUnder(t.backendDir).filter((file) => file.endsWith(`${path.sep}test.json.attrs`));
        expect(metadata).toHaveLength(1);
        fs.writeFileSync(metadata[0], "");
      }

      // WHEN the stack is recovered THEN it says what it did, and nothing is pending or locked
      const recovery = await recoverKilledRun(t);
      if (round === 0) expect(recovery.stderr).toContain("repaired the file backend: removed .pulumi/stacks/e2e-yaml-file/test.json.attrs");
      recorded += recovery.stdout.split("\n").filter((line) => line.startsWith("recorded")).length;
      expect(recovery.stdout).toMatch(/recovered: the next `pulumi up` finishes what the killed run left undone|nothing was pending/);
      expect((await t.stack.exportStack()).deployment.pending_operations ?? []).toEqual([]);
      // A second recovery finds nothing to do (and no lock).
      const again = await recover(t);
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
  }), 900_000);

/**
 * docs/pipeline.md ("Large tenants: checkpoints") offers PULUMI_SKIP_CHECKPOINTS for a large
 * first import with `adopt: true`: the state is then written only when a run ends, so a killed
 * run leaves objects in the vendors that no state holds. This proves that use safe: killed
 * twice, each time followed by `recover` (which has nothing pending to settle, only the lock),
 * the next run without checkpoints takes over what the killed runs created, and every declared
 * object is once in its vendor system and held by the stack.
 */
test("without checkpoints, a 51-object import with adopt: true killed twice converges on the next run, with no duplicate and no orphan", () =>
  withTenantStack({ adopt: true }, async (t, tenant, config) => {
    const withoutCheckpoints = { PULUMI_SKIP_CHECKPOINTS: "true" };
    for (const [round, killAfter] of [8, 20].entries()) {
      await killUpAfterWrites(emulator.control, t, `unchecked-${round}`, killAfter, withoutCheckpoints);
      // The killed run wrote no state: only its lock is left, and recover removes it.
      expect((await t.stack.exportStack()).deployment.resources ?? []).toEqual([]);
      await recoverKilledRun(t);
    }
    // WHEN the next run (still without checkpoints) goes to the end THEN it takes them over
    await emulator.control.configure({ latencyMs: 0 });
    const up = startUp(t, `unchecked-final-${process.pid}`, withoutCheckpoints);
    const code = await new Promise<number | null>((resolve) => up.child.on("exit", resolve));
    expect({ code, output: code === 0 ? "" : up.output() }).toEqual({ code: 0, output: "" });
    await expectConverged(t);

    await expectTenantOnceAndHeld(t, tenant, config);
  }), 900_000);
