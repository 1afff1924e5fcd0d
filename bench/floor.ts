/**
 * The engine floor: what the same Pulumi CLI costs for N dynamic resources whose provider calls
 * nothing (the SDK's own `pulumi.dynamic.Resource`, 12 string properties each), through the same
 * steps as the benchmark's tenant. What the tenant costs above it is the provider's; the floor
 * itself is the engine's (checkpoints, the program, the provider host).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { MARKER_VARIABLE, sampleMemory } from "./memory";
import type { FloorStep, StepName } from "./report";
import { scratchFolders, stateOf } from "./state-file";

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

export async function runFloor(n: number, repoRoot: string, parallel: number, skipCheckpoints: boolean, log: (message: string) => void): Promise<FloorStep[]> {
  const folders = scratchFolders(repoRoot, `floor${n}`);
  const { workDir, backendDir, pulumiHome } = folders;
  const project = "contact-center-bench-floor";
  const stackName = `floor${n}`;
  const run = `floor-${n}-${process.pid}`;
  const steps: FloorStep[] = [];
  try {
    fs.writeFileSync(path.join(workDir, "Pulumi.yaml"), `name: ${project}\nruntime: nodejs\ndescription: The engine floor of npm run bench.\n`);
    fs.writeFileSync(path.join(workDir, "package.json"), JSON.stringify({ name: project, private: true, main: "index.js" }));
    fs.writeFileSync(path.join(workDir, "index.js"), PROGRAM);
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName, workDir },
      {
        pulumiHome,
        envVars: {
          PULUMI_BACKEND_URL: `file://${backendDir}`,
          PULUMI_CONFIG_PASSPHRASE: "bench-passphrase",
          PULUMI_SKIP_UPDATE_CHECK: "true",
          [MARKER_VARIABLE]: run,
          ...(skipCheckpoints ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {}),
        },
      },
    );
    await stack.setConfig("count", { value: String(n) });
    const step = async (name: StepName, work: () => Promise<unknown>) => {
      const memory = sampleMemory(run);
      const started = Date.now();
      try {
        await work();
      } finally {
        const peak = memory.stop();
        steps.push({ step: name, wallMs: Date.now() - started, state: stateOf(backendDir, project, stackName), memory: peak });
      }
      log(`  floor ${name}: ${(steps.at(-1)!.wallMs / 1000).toFixed(1)} s`);
    };
    await step("create up", () => stack.up({ parallel, color: "never" }));
    await step("no-op preview", () => stack.preview({ parallel, color: "never" }));
    await step("no-op up", () => stack.up({ parallel, color: "never" }));
    await step("refresh", () => stack.refresh({ parallel, color: "never" }));
    await stack.setConfig("changed", { value: "true" });
    await step("10% up", () => stack.up({ parallel, color: "never" }));
    await step("destroy", () => stack.destroy({ parallel, color: "never" }));
  } finally {
    folders.remove();
  }
  return steps;
}
