import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { StepResult } from "./report";

/** Bytes of the stack's state file and the number of resources in it (the stack and providers left out). */
export function stateOf(backendDir: string, project: string, stackName: string): StepResult["state"] {
  const file = path.join(backendDir, ".pulumi", "stacks", project, `${stackName}.json`);
  if (!fs.existsSync(file)) return undefined;
  const text = fs.readFileSync(file, "utf8");
  const resources = ((JSON.parse(text).checkpoint?.latest?.resources ?? []) as { type: string }[]).filter(
    (r) => r.type !== "pulumi:pulumi:Stack" && !r.type.startsWith("pulumi:providers:"),
  ).length;
  const bytes = Buffer.byteLength(text);
  return { bytes, resources, bytesPerResource: resources > 0 ? Math.round(bytes / resources) : null };
}

/** The states of several stacks (a sharded tenant's) as one: bytes and resources summed. */
export function stateOfStacks(backendDir: string, project: string, stackNames: string[]): StepResult["state"] {
  const states = stackNames.map((name) => stateOf(backendDir, project, name)).filter((state) => state !== undefined);
  if (states.length === 0) return undefined;
  const bytes = states.reduce((sum, state) => sum + state.bytes, 0);
  const resources = states.reduce((sum, state) => sum + state.resources, 0);
  return { bytes, resources, bytesPerResource: resources > 0 ? Math.round(bytes / resources) : null };
}

/** The stacks of a file backend's project whose names begin with `prefix`. */
export function stacksNamed(backendDir: string, project: string, prefix: string): string[] {
  const dir = path.join(backendDir, ".pulumi", "stacks", project);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((file) => file.startsWith(prefix) && file.endsWith(".json")).map((file) => file.slice(0, -".json".length));
}

/** The folders of one benchmark stack: the program (inside the repo, so it resolves the package), a file backend and a PULUMI_HOME. */
export function scratchFolders(repoRoot: string, name: string): { workDir: string; backendDir: string; pulumiHome: string; remove(): void } {
  const scratch = path.join(repoRoot, ".bench-work");
  fs.mkdirSync(scratch, { recursive: true });
  const folders = {
    workDir: fs.mkdtempSync(path.join(scratch, `${name}-`)),
    backendDir: fs.mkdtempSync(path.join(os.tmpdir(), `pcc-bench-${name}-backend-`)),
    pulumiHome: fs.mkdtempSync(path.join(os.tmpdir(), `pcc-bench-${name}-home-`)),
  };
  return { ...folders, remove: () => Object.values(folders).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })) };
}
