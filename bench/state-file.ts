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
