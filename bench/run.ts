/**
 * `npm run bench`: the cost of a reconcile as the configuration grows.
 *
 * For each size N it starts the bundled emulator (per-call latency, CCE session cap), writes
 * the tenant of N objects as a contact-center file (bench/workload.ts) and applies it through
 * the real Pulumi CLI with the Automation API (the YAML program, `declareContactCenterFromFile`;
 * a `file://` backend and a temporary PULUMI_HOME; connections in environment variables, as the
 * demo does): a create `up`, a no-op `preview`, a no-op `up`, a `refresh`, an `up` of the file
 * with about 10% of the objects changed, and a `destroy`. Around each step it resets and reads
 * the emulator's call counters and measures the wall time and the state file. Then, on a reset
 * emulator, it runs the baseline (bench/baseline.ts) through the same steps. Then the engine
 * floor (bench/floor.ts): the same steps for N dynamic resources whose provider calls nothing.
 * Each step records the peak memory of the CLI and of the program (bench/memory.ts), and the
 * report shows how each step's time grows between sizes.
 *
 *   npm run bench -- [--sizes 100,1000] [--latency 20] [--session-cap 5] [--parallel 10]
 *                    [--out bench/results/latest.json] [--no-baseline] [--no-floor] [--skip-checkpoints]
 *                    [--no-tenant] [--shard-size 500] [--concurrency 4] [--from "10% up"] [--to "10% up"]
 *                    [--span 5000:7500]
 *
 * --skip-checkpoints runs the CLI with PULUMI_SKIP_CHECKPOINTS=true: the file backend writes
 * the state once at the end of a run instead of after every resource step.
 *
 * --shard-size K declares the tenant with `shards:` for stacks of about K objects and runs every
 * step through `contact-center shards` (the built CLI), --concurrency stacks at once: the state
 * and memory are then those of all the shards, and the time includes the driver's own work. The
 * floor then runs as many stacks of the same sizes, in the same waves, as many at once.
 *
 * --from <step> measures from that step on (tenant and floor): the steps before it that change
 * the stack run unmeasured without checkpoints, only to set it up, and the others are skipped
 * (bench/report.ts, roleOf). A single stack of 10,000 takes hours per step; this measures
 * its later steps without the hours of its create. --to <step> measures up to that step, and
 * skips those after it.
 *
 * --no-tenant runs the floor alone. With it, --span FROM:TO measures a part of the floor's
 * --from step, in one stack: a create that grows the stack from FROM resources (set up without
 * checkpoints) to TO, or a destroy of FROM resources stopped with Ctrl-C once TO are left (0: the
 * whole destroy). Parts that meet add up to the step: the floor of a single stack of 10,000 takes
 * about 9 hours, and a session of this machine 3.
 *
 *   node dist/bench/run.js --render bench/results/latest.json   (re-renders a results file)
 *
 * Writes the JSON file and a Markdown file beside it (same name, .md), and prints the table.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { EngineEvent, LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { demoConnectionEnv, startEmulator } from "../emulator";
import { BaselineState, baselineCreate, baselineDestroy, baselineRefresh, baselineUpdate } from "./baseline";
import { BenchResults, SizeResult, StepName, StepResult, classify, markdownReport, markdownTable, roleOf } from "./report";
import { withoutCheckpoints } from "./checkpoints";
import { type FloorRun, runFloor, splitEvenly } from "./floor";
import { MARKER_VARIABLE, sampleMemory } from "./memory";
import { type Options, parseArgs } from "./options";
import { watchProgress } from "./progress";
import { scratchFolders, stateOf, stateOfStacks, stacksNamed } from "./state-file";
import { changedCount, shardsFor, tenantFor, total, yamlFor, type BenchTenant } from "./workload";

const repoRoot = path.resolve(__dirname, "../..");
const AGENT_PASSWORD = "Bench-Agent-2026!";

const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

class Control {
  constructor(readonly url: string) {}
  private async call(method: string, what: string): Promise<any> {
    const response = await fetch(`${this.url}/_emulator/${what}`, { method });
    if (!response.ok) throw new Error(`emulator ${method} ${what}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  }
  resetCalls = () => this.call("POST", "calls/reset");
  calls = async () => classify((await this.call("GET", "calls")).byEndpoint as Record<string, number>);
  reset = () => this.call("POST", "reset");
}

function changesOf(summary: Record<string, number> | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(summary ?? {}).filter(([op]) => op !== "same"));
}

/**
 * Runs every step at size N: the tenant's, then the floor's. `save` receives the result after
 * each step, marked `unfinished` until the size is done, so a run cut short (a 10,000-object
 * single stack takes hours) keeps the steps it measured.
 */
async function runSize(n: number, options: Options, pulumiVersion: { value: string }, save: (partial: SizeResult) => void): Promise<SizeResult> {
  const sizeStarted = Date.now();
  const before = tenantFor(n);
  const result: SizeResult = { n, mix: { ...before.mix }, changed: changedCount(n), steps: [], totalMs: 0 };
  const saveSoFar = () => save({ ...result, totalMs: Date.now() - sizeStarted, unfinished: true });
  const shards = options.shardSize ? shardsFor(before.mix, options.shardSize) : undefined;
  try {
    if (options.tenant) await runTenant(before, options, result, shards, pulumiVersion, saveSoFar);
    if (options.floor) {
      // Sharded, the floor's stacks are the tenant's shards' sizes, run in the same waves.
      const layout = shards && {
        groups: splitEvenly(before.mix.skillGroups, shards.skillGroups),
        parts: splitEvenly(total(before.mix) - before.mix.skillGroups, shards.objects),
        concurrency: options.concurrency,
      };
      log(`engine floor: ${n} resources that call nothing${layout ? `, in ${layout.groups.length + layout.parts.length} stacks, ${layout.concurrency} at once` : ""}`);
      const progress = (floor: FloorRun) => {
        result.floor = floor.steps;
        if (Object.keys(floor.setUpMs).length > 0) result.floorSetUpMs = floor.setUpMs;
        pulumiVersion.value ||= floor.pulumiVersion;
        saveSoFar();
      };
      progress(await runFloor(n, repoRoot, log, { parallel: options.parallel, skipCheckpoints: options.skipCheckpoints, layout, from: options.from, to: options.to, span: options.span, progress }));
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    log(`N = ${n} failed: ${result.error.split("\n").slice(0, 20).join("\n")}`);
  }
  result.totalMs = Date.now() - sizeStarted;
  log(`N = ${n} done in ${(result.totalMs / 60000).toFixed(1)} min`);
  return result;
}

/** The tenant's steps at size N (`before`, the tenant the size declares), after its baseline's, on an emulator of their own: into `result`. */
async function runTenant(
  before: BenchTenant,
  options: Options,
  result: SizeResult,
  shards: ReturnType<typeof shardsFor> | undefined,
  pulumiVersion: { value: string },
  saveSoFar: () => void,
): Promise<void> {
  const n = result.n;
  const after = tenantFor(n, { changed: true });
  log(`N = ${total(before.mix)}: ${JSON.stringify(before.mix)}; the 10% step changes ${result.changed} objects`);

  const emulator = await startEmulator({ port: 0, latencyMs: options.latencyMs, sessionCap: options.sessionCap });
  const control = new Control(emulator.url);
  const env = demoConnectionEnv(emulator.url);

  const folders = scratchFolders(repoRoot, `n${n}`);
  const { workDir, backendDir, pulumiHome } = folders;
  const project = "contact-center-bench";
  const stackName = `n${n}`;
  /** Marks the CLI's processes of this size, for the memory sampler. */
  const run = `tenant-${n}-${process.pid}`;
  const yamlFile = path.join(workDir, "contact-center.yaml");
  try {
    // ---- the baseline first, on the seeded tenant; then a reset for the CLI run.
    const baselines = new Map<StepName, { wallMs: number; calls: ReturnType<typeof classify> }>();
    if (options.baseline) {
      const measure = async (step: StepName, work: () => Promise<unknown>) => {
        await control.resetCalls();
        const started = Date.now();
        await work();
        const wallMs = Date.now() - started;
        const calls = await control.calls();
        baselines.set(step, { wallMs, calls });
        log(`  baseline ${step}: ${(wallMs / 1000).toFixed(1)} s, ${calls.total} calls`);
      };
      log("baseline");
      let state: BaselineState | undefined;
      await measure("create up", async () => (state = await baselineCreate(before, env, options.parallel, AGENT_PASSWORD)));
      await measure("no-op preview", async () => undefined);
      await measure("no-op up", async () => undefined);
      await measure("refresh", () => baselineRefresh(before, state!, env, options.parallel));
      await measure("10% up", () => baselineUpdate(before, after, state!, env, options.parallel));
      await measure("destroy", () => baselineDestroy(after, state!, env, options.parallel));
      await control.reset();
    }

    // ---- the real CLI.
    fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\ndescription: The tenant of ${n} objects that npm run bench applies.\n`);
    fs.writeFileSync(path.join(workDir, "package.json"), JSON.stringify({ name: project, private: true, main: "index.js" }, null, 2));
    fs.writeFileSync(
      path.join(workDir, "index.js"),
      [
        "// The YAML program: the benchmark's tenant is contact-center.yaml beside it.",
        'const path = require("node:path");',
        'const { declareContactCenterFromFile } = require("pulumi-contact-center");',
        'module.exports = declareContactCenterFromFile(path.join(__dirname, "contact-center.yaml"));',
        "",
      ].join("\n"),
    );
    if (shards) log(`sharded: ${shards.skillGroups} skill-group shard(s) and ${shards.objects} other(s), ${options.concurrency} at once`);
    fs.writeFileSync(yamlFile, yamlFor(before, { shards }));

    const stack: Stack = await LocalWorkspace.createOrSelectStack(
      { stackName, workDir },
      {
        pulumiHome,
        envVars: { PULUMI_BACKEND_URL: `file://${backendDir}`, PULUMI_CONFIG_PASSPHRASE: "bench-passphrase", PULUMI_SKIP_UPDATE_CHECK: "true",
          // The last step destroys everything, customer users included (irreversible: allowed here).
          CONTACT_CENTER_ALLOW_IRREVERSIBLE_DELETION: "1",
          [MARKER_VARIABLE]: run,
          ...(options.skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}),
          ...env,
        },
      },
    );
    pulumiVersion.value = stack.workspace.pulumiVersion;
    await stack.setConfig("agentPassword", { value: AGENT_PASSWORD, secret: true });

    const step = async (name: StepName, work: (onEvent: (e: EngineEvent) => void) => Promise<Record<string, number> | undefined>) => {
      const role = roleOf(name, options.from, options.to);
      if (role === "skip") return;
      if (role === "set up") {
        log(`pulumi ${name}, to set the stack up: without checkpoints, not measured`);
        const started = Date.now();
        await withoutCheckpoints([stack], () => work(() => undefined));
        result.setUp = [...(result.setUp ?? []), name];
        result.setUpMs = { ...result.setUpMs, [name]: Date.now() - started };
        saveSoFar();
        return;
      }
      log(`pulumi ${name}`);
      await control.resetCalls();
      const watch = watchProgress(name, n, log);
      const memory = sampleMemory(run);
      const started = Date.now();
      let changes: Record<string, number> | undefined;
      try {
        changes = await work(watch.onEvent);
      } finally {
        watch.stop();
      }
      const wallMs = Date.now() - started;
      const calls = await control.calls();
      const record: StepResult = {
        step: name,
        wallMs,
        calls,
        changes: changesOf(changes),
        state: shards ? stateOfStacks(backendDir, project, stacksNamed(backendDir, project, `${stackName}.`)) : stateOf(backendDir, project, stackName),
        baseline: baselines.get(name),
        memory: memory.stop(),
      };
      result.steps.push(record);
      saveSoFar();
      log(
        `  ${name}: ${(wallMs / 1000).toFixed(1)} s, ${calls.logins} logins, ${calls.reads} reads, ${calls.writes} writes; ` +
          `changes ${JSON.stringify(record.changes)}; state ${record.state?.bytesPerResource ?? "–"} B/resource`,
      );
    };
    const parallel = options.parallel;
    if (shards) {
      const driver = (command: string) => async () => runShards(stack, command, parallel, options.concurrency);
      await step("create up", driver("up"));
      await step("no-op preview", driver("preview"));
      await step("no-op up", driver("up"));
      await step("refresh", driver("refresh"));
      fs.writeFileSync(yamlFile, yamlFor(after, { shards }));
      await step("10% up", driver("up"));
      await step("destroy", driver("destroy"));
    } else {
    await step("create up", async (onEvent) => (await stack.up({ parallel, onEvent, color: "never" })).summary.resourceChanges);
    await step("no-op preview", async (onEvent) => (await stack.preview({ parallel, onEvent, color: "never" })).changeSummary);
    await step("no-op up", async (onEvent) => (await stack.up({ parallel, onEvent, color: "never" })).summary.resourceChanges);
    await step("refresh", async (onEvent) => (await stack.refresh({ parallel, onEvent, color: "never" })).summary.resourceChanges);
    fs.writeFileSync(yamlFile, yamlFor(after));
    await step("10% up", async (onEvent) => (await stack.up({ parallel, onEvent, color: "never" })).summary.resourceChanges);
    await step("destroy", async (onEvent) => (await stack.destroy({ parallel, onEvent, color: "never" })).summary.resourceChanges);
    }
  } finally {
    await emulator.close();
    folders.remove();
  }
}

/**
 * One step of a sharded tenant: the built `contact-center shards <command>` in the stack's
 * folder and environment. Its changes are the totals line of its combined report.
 */
function runShards(stack: Stack, command: string, parallel: number, concurrency: number): Promise<Record<string, number>> {
  const { workDir, pulumiHome, envVars } = stack.workspace as LocalWorkspace;
  const args = [path.join(repoRoot, "dist/cli/main.js"), "shards", command, "--stack", stack.name, "--cwd", workDir, "--parallel", String(parallel), "--concurrency", String(concurrency)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: workDir, env: { ...process.env, ...envVars, PULUMI_HOME: pulumiHome! }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`contact-center shards ${command} exited ${code}:\n${stderr.slice(-4000)}`));
      // "2 create, 1 update; 15 unchanged." or "No changes; 15 unchanged."
      const totals = stdout.trim().split("\n").pop() ?? "";
      const changes = Object.fromEntries([...totals.split(";")[0].matchAll(/(\d+) ([a-z-]+)/g)].map((m) => [m[2], Number(m[1])]));
      const unchanged = /(\d+) unchanged/.exec(totals);
      resolve({ ...changes, ...(unchanged ? { same: Number(unchanged[1]) } : {}) });
    });
  });
}

/** Writes the JSON and, beside it, the Markdown report. */
function writeResults(out: string, results: BenchResults): void {
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  fs.writeFileSync(out.replace(/\.json$/, "") + ".md", `${markdownReport(results)}\n`);
}

/** Re-classes the calls of a results file (e.g. after a change of endpointOf) and rewrites both files. */
function render(file: string): void {
  const out = path.resolve(repoRoot, file);
  const results = JSON.parse(fs.readFileSync(out, "utf8")) as BenchResults;
  for (const size of results.sizes) {
    for (const step of size.steps) {
      step.calls = classify(step.calls.byEndpoint);
      if (step.baseline) step.baseline.calls = classify(step.baseline.calls.byEndpoint);
    }
  }
  writeResults(out, results);
  console.log(markdownTable(results));
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.render) return render(options.render);
  const pulumiVersion = { value: "" };
  const results: BenchResults = {
    date: new Date().toISOString(),
    settings: {
      sizes: options.sizes, latencyMs: options.latencyMs, sessionCap: options.sessionCap, parallel: options.parallel, skipCheckpoints: options.skipCheckpoints,
      ...(options.shardSize ? { shardSize: options.shardSize, concurrency: options.concurrency } : {}),
      ...(options.from ? { from: options.from } : {}),
      ...(options.to ? { to: options.to } : {}),
      ...(options.span ? { span: options.span } : {}),
      ...(options.tenant ? {} : { tenant: false }),
    },
    environment: { node: process.version, pulumi: "", cpus: os.cpus().length, platform: `${os.platform()} ${os.arch()}` },
    sizes: [],
  };
  const out = path.resolve(repoRoot, options.out);
  const write = () => {
    results.environment.pulumi = pulumiVersion.value;
    writeResults(out, results);
  };
  for (const n of options.sizes) {
    const index = results.sizes.length;
    // After each step and each size, so a long run leaves what it has.
    const save = (size: SizeResult) => {
      results.sizes[index] = size;
      write();
    };
    save(await runSize(n, options, pulumiVersion, save));
  }
  console.log(`\n${markdownTable(results)}\n\nwrote ${path.relative(repoRoot, out)} and its .md`);
  if (results.sizes.some((s) => s.error)) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
