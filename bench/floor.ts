/**
 * The engine floor: what the same Pulumi CLI costs for N dynamic resources whose provider calls
 * nothing (the SDK's own `pulumi.dynamic.Resource`, 12 string properties each), through the same
 * steps as the benchmark's tenant. What the tenant costs above it is the provider's; the floor
 * itself is the engine's (checkpoints, the program, the provider host).
 *
 * Sharded (`--shard-size`), the floor is laid out as the tenant's shards are: as many stacks, of
 * the same sizes on average, run through the Automation API in the same waves (the skill-group
 * stacks first on `up`, last on `destroy`) with the same number at once. What the tenant costs
 * above that is the provider's and `contact-center shards`' own work.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { EngineEvent, LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { pool, shardStackName } from "../cli/shards";
import { MARKER_VARIABLE, sampleMemory } from "./memory";
import { watchProgress } from "./progress";
import { withoutCheckpoints } from "./checkpoints";
import { type FloorStep, type Span, type StepName, roleOf } from "./report";
import { scratchFolders, stateOfStacks } from "./state-file";

const PROGRAM = `// N resources whose provider calls nothing: stack config count, and changed (the 10% step).
const pulumi = require("@pulumi/pulumi");
const config = new pulumi.Config();
const count = config.requireNumber("count");
const changed = config.getBoolean("changed") ?? false;
const provider = {
  async create(inputs) { return { id: inputs.p01, outs: inputs }; },
  async diff(id, olds, news) {
    const changes = Object.keys(news).some((k) => k !== "__provider" && olds[k] !== news[k]);
    return { changes };
  },
  async update(id, olds, news) { return { outs: news }; },
  async read(id, props) { return { id, props }; },
  async delete() {},
};
for (let i = 0; i < count; i++) {
  const props = {};
  for (let p = 1; p <= 12; p++) props["p" + String(p).padStart(2, "0")] = "floor-" + i + "-" + p;
  if (changed && i % 10 === 0) props.p12 = "floor-" + i + "-changed";
  new pulumi.dynamic.Resource(provider, "r" + i, props);
}
`;

/** The floor's stacks as the tenant's shards: resources per stack, skill-group stacks apart. */
export interface FloorLayout {
  /** Resources of each skill-group stack (applied first, destroyed last). */
  groups: number[];
  /** Resources of each other stack. */
  parts: number[];
  /** Stacks run at once. */
  concurrency: number;
}

/** `total` split into `stacks` near-equal whole parts (a shard's size varies around its mean too). */
export function splitEvenly(total: number, stacks: number): number[] {
  return Array.from({ length: stacks }, (_, i) => Math.floor(total / stacks) + (i < total % stacks ? 1 : 0));
}

/** How the floor runs: as run.ts's options say, for the floor. */
export interface FloorOptions {
  parallel: number;
  skipCheckpoints: boolean;
  /** Sharded: the tenant's shards' layout. */
  layout?: FloorLayout;
  /** The steps measured (roleOf). */
  from?: StepName;
  to?: StepName;
  /**
   * Only a part of the `from` step, in one stack: a create that grows the stack from `span.from`
   * resources (set up without checkpoints) to `span.to`, or a destroy of a stack of `span.from`
   * stopped, as Ctrl-C stops it, once `span.to` are left (0: to the end).
   */
  span?: Span;
  /** Receives the steps so far after each one, so that a run cut short keeps them. */
  progress?: (run: FloorRun) => void;
}

/** What every floor command is run with: the engine's events go to a progress line. */
interface RunOptions {
  parallel: number;
  color: "never";
  onEvent?: (event: EngineEvent) => void;
}

export interface FloorRun {
  steps: FloorStep[];
  /** The steps run without checkpoints only to set the stack up, and their wall times. */
  setUpMs: Partial<Record<StepName, number>>;
  pulumiVersion: string;
}

/**
 * Runs the floor's steps for `n` resources: one stack, or (with `layout`) the tenant's shards'
 * layout. Returns each step's wall time, the state (summed over the stacks) and peak memory.
 * With `from` and `to`, the steps before `from` set the stacks up or are skipped, as the
 * tenant's are, and those after `to` are skipped.
 */
export async function runFloor(n: number, repoRoot: string, log: (message: string) => void, options: FloorOptions): Promise<FloorRun> {
  const { parallel, skipCheckpoints, layout, from, to, span } = options;
  if (span && (layout || (from !== "create up" && from !== "destroy"))) throw new Error("a span measures part of the create or the destroy of one stack");
  const folders = scratchFolders(repoRoot, `floor${n}`);
  const { workDir, backendDir, pulumiHome } = folders;
  const project = "contact-center-bench-floor";
  const run = `floor-${n}-${process.pid}`;
  const concurrency = layout?.concurrency ?? 1;
  const result: FloorRun = { steps: [], setUpMs: {}, pulumiVersion: "" };
  try {
    fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\ndescription: The engine floor of npm run bench.\n`);
    fs.writeFileSync(path.join(workDir, "package.json"), JSON.stringify({ name: project, private: true, main: "index.js" }));
    fs.writeFileSync(path.join(workDir, "index.js"), PROGRAM);
    const envVars = {
      PULUMI_BACKEND_URL: `file://${backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: "bench-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      [MARKER_VARIABLE]: run,
      ...(skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}),
    };
    const openStack = async (stackName: string, count: number) => {
      const stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir }, { pulumiHome, envVars });
      await stack.setConfig("count", { value: String(count) });
      return stack;
    };
    // Named as the tenant's shards are: floorN.groups-1..., floorN.part-1...
    const groups: Stack[] = [];
    for (const [i, count] of (layout?.groups ?? []).entries()) groups.push(await openStack(shardStackName(`floor${n}`, `groups-${i + 1}`), count));
    const parts: Stack[] = [];
    // A span sets the stack up with the resources its part begins with.
    if (!layout) parts.push(await openStack(`floor${n}`, span?.from ?? n));
    for (const [i, count] of (layout?.parts ?? []).entries()) parts.push(await openStack(shardStackName(`floor${n}`, `part-${i + 1}`), count));
    const stacks = [...groups, ...parts];
    result.pulumiVersion = stacks[0].workspace.pulumiVersion;
    // The waves `contact-center shards` runs: skill groups before their users on up, after on destroy.
    const inWaves = async (waves: Stack[][], work: (stack: Stack) => Promise<unknown>) => {
      for (const wave of waves) await pool(wave, concurrency, async (stack) => void (await work(stack)));
    };
    const setUp = async (name: StepName, work: (runOptions: RunOptions) => Promise<unknown>) => {
      log(`  floor ${name}, to set the stacks up: without checkpoints, not measured`);
      const started = Date.now();
      await withoutCheckpoints(stacks, () => work({ parallel, color: "never" }));
      result.setUpMs[name] = Date.now() - started;
      options.progress?.(result);
    };
    // A part of the destroy: the deletes it makes before it is stopped.
    const spanDeletes = span ? span.from - span.to : 0;
    const step = async (name: StepName, work: (runOptions: RunOptions) => Promise<unknown>) => {
      const role = roleOf(name, from, to);
      if (role === "skip") return;
      if (role === "set up") return setUp(name, work);
      const before = span && stateOfStacks(backendDir, project, stacks.map((stack) => stack.name));
      const memory = sampleMemory(run);
      // Counted as engine events: a part of the create passes its sames on the way to span.to.
      const expected = !span ? n : name === "destroy" ? spanDeletes : span.to;
      const watch = watchProgress(`floor ${name}`, expected, log);
      const started = Date.now();
      try {
        await work({ parallel, color: "never", onEvent: watch.onEvent });
      } finally {
        watch.stop();
        const peak = memory.stop();
        const state = stateOfStacks(backendDir, project, stacks.map((stack) => stack.name));
        const measured: FloorStep = { step: name, wallMs: Date.now() - started, state, memory: peak };
        // The part measured, as the state files say: a stopped destroy ends a few deletes past its mark.
        if (span) measured.span = { from: before?.resources ?? 0, to: state?.resources ?? 0 };
        result.steps.push(measured);
        options.progress?.(result);
      }
      const last = result.steps.at(-1)!;
      log(`  floor ${name}${last.span ? ` (${last.span.from} → ${last.span.to} resources)` : ""}: ${(last.wallMs / 1000).toFixed(1)} s`);
    };
    // A part of the create grows the stack from span.from resources, set up first, to span.to.
    const createPart = span && from === "create up";
    if (createPart && span.from > 0) await setUp("create up", (runOptions) => parts[0].up(runOptions));
    await step("create up", async (runOptions) => {
      if (createPart) await parts[0].setConfig("count", { value: String(span.to) });
      await inWaves([groups, parts], (stack) => stack.up(runOptions));
    });
    await step("no-op preview", (runOptions) => inWaves([stacks], (stack) => stack.preview(runOptions)));
    await step("no-op up", (runOptions) => inWaves([groups, parts], (stack) => stack.up(runOptions)));
    await step("refresh", (runOptions) => inWaves([stacks], (stack) => stack.refresh(runOptions)));
    for (const stack of stacks) await stack.setConfig("changed", { value: "true" });
    await step("10% up", (runOptions) => inWaves([groups, parts], (stack) => stack.up(runOptions)));
    await step("destroy", (runOptions) =>
      span && span.to > 0 && roleOf("destroy", from, to) === "measure"
        ? destroyUntil(parts[0], spanDeletes, runOptions)
        : inWaves([parts, groups], (stack) => stack.destroy(runOptions)),
    );
  } finally {
    folders.remove();
  }
  return result;
}

/**
 * A destroy stopped once `deletes` resources are gone: Ctrl-C, as a person would press it (the
 * CLI lets the deletes under way finish, saves the state and exits). What it stops is the
 * destroy of a larger stack, part way.
 */
async function destroyUntil(stack: Stack, deletes: number, runOptions: RunOptions): Promise<void> {
  const abort = new AbortController();
  let deleted = 0;
  const onEvent = (event: EngineEvent) => {
    runOptions.onEvent?.(event);
    if (event.resOutputsEvent?.metadata.op === "delete" && ++deleted === deletes) abort.abort();
  };
  try {
    await stack.destroy({ ...runOptions, onEvent, signal: abort.signal });
  } catch (error) {
    if (!abort.signal.aborted) throw error;
  }
}
