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
import { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { pool, shardStackName } from "../cli/shards";
import { MARKER_VARIABLE, sampleMemory } from "./memory";
import { withoutCheckpoints } from "./checkpoints";
import { type FloorStep, type StepName, roleOf } from "./report";
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

/**
 * Runs the floor's steps for `n` resources: one stack, or (with `layout`) the tenant's shards'
 * layout. Returns each step's wall time, the state (summed over the stacks) and peak memory.
 * With `from`, the steps before it set the stacks up or are skipped, as the tenant's are.
 */
export async function runFloor(
  n: number,
  repoRoot: string,
  parallel: number,
  skipCheckpoints: boolean,
  log: (message: string) => void,
  layout?: FloorLayout,
  from?: StepName,
): Promise<FloorStep[]> {
  const folders = scratchFolders(repoRoot, `floor${n}`);
  const { workDir, backendDir, pulumiHome } = folders;
  const project = "contact-center-bench-floor";
  const run = `floor-${n}-${process.pid}`;
  const concurrency = layout?.concurrency ?? 1;
  const steps: FloorStep[] = [];
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
    if (!layout) parts.push(await openStack(`floor${n}`, n));
    for (const [i, count] of (layout?.parts ?? []).entries()) parts.push(await openStack(shardStackName(`floor${n}`, `part-${i + 1}`), count));
    const stacks = [...groups, ...parts];
    // The waves `contact-center shards` runs: skill groups before their users on up, after on destroy.
    const inWaves = async (waves: Stack[][], work: (stack: Stack) => Promise<unknown>) => {
      for (const wave of waves) await pool(wave, concurrency, async (stack) => void (await work(stack)));
    };
    const step = async (name: StepName, work: () => Promise<unknown>) => {
      const role = roleOf(name, from);
      if (role === "skip") return;
      if (role === "set up") {
        log(`  floor ${name}, to set the stacks up: without checkpoints, not measured`);
        await withoutCheckpoints(stacks, work);
        return;
      }
      const memory = sampleMemory(run);
      const started = Date.now();
      try {
        await work();
      } finally {
        const peak = memory.stop();
        const state = stateOfStacks(backendDir, project, stacks.map((stack) => stack.name));
        steps.push({ step: name, wallMs: Date.now() - started, state, memory: peak });
      }
      log(`  floor ${name}: ${(steps.at(-1)!.wallMs / 1000).toFixed(1)} s`);
    };
    const options = { parallel, color: "never" as const };
    await step("create up", () => inWaves([groups, parts], (stack) => stack.up(options)));
    await step("no-op preview", () => inWaves([stacks], (stack) => stack.preview(options)));
    await step("no-op up", () => inWaves([groups, parts], (stack) => stack.up(options)));
    await step("refresh", () => inWaves([stacks], (stack) => stack.refresh(options)));
    for (const stack of stacks) await stack.setConfig("changed", { value: "true" });
    await step("10% up", () => inWaves([groups, parts], (stack) => stack.up(options)));
    await step("destroy", () => inWaves([parts, groups], (stack) => stack.destroy(options)));
  } finally {
    folders.remove();
  }
  return steps;
}
