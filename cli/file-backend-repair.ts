/**
 * What a killed run can leave broken in Pulumi's file backend (`file://`), and its repair.
 *
 * The backend writes each state file atomically (a temporary file, then a rename), but beside
 * it a metadata file `<name>.attrs` (content type, checksum) that it truncates and then writes
 * in place (gocloud.dev's fileblob, which Pulumi 3.259 uses). A kill between the two leaves an
 * empty `.attrs`, and every later command on the stack fails with `failed to load checkpoint:
 * EOF`. A missing `.attrs` is read as "no metadata", which is what the state files need, so
 * the repair removes each one that is empty or not JSON. Nothing else is touched.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

/** The backend URL a Pulumi command in `workDir` uses: the environment, the project file, then the login. */
export function backendUrlOf(workDir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PULUMI_BACKEND_URL) return env.PULUMI_BACKEND_URL;
  for (const name of ["Pulumi.yaml", "Pulumi.yml"]) {
    const file = path.join(workDir, name);
    if (!fs.existsSync(file)) continue;
    const url = (parse(fs.readFileSync(file, "utf8")) as { backend?: { url?: unknown } } | null)?.backend?.url;
    if (typeof url === "string") return url;
  }
  const home = env.PULUMI_HOME ?? path.join(env.HOME ?? "", ".pulumi");
  try {
    const current = (JSON.parse(fs.readFileSync(path.join(home, "credentials.json"), "utf8")) as { current?: unknown }).current;
    return typeof current === "string" ? current : undefined;
  } catch {
    return undefined;
  }
}

/** The folder a `file://` backend keeps its `.pulumi` folder in, or undefined for any other backend. */
export function fileBackendRoot(url: string | undefined, workDir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!url?.startsWith("file://")) return undefined;
  const location = url.slice("file://".length).replace(/\?.*$/, "");
  if (location === "~" || location.startsWith("~/")) return path.join(env.HOME ?? "", location.slice(1));
  return path.resolve(workDir, location);
}

/** Removes every metadata file under `<root>/.pulumi` that a kill left truncated; returns them. */
export function repairTruncatedMetadata(root: string): string[] {
  const removed: string[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile() && entry.name.endsWith(".attrs") && !isJson(full)) {
        fs.rmSync(full);
        removed.push(full);
      }
    }
  };
  const state = path.join(root, ".pulumi");
  if (fs.existsSync(state)) visit(state);
  return removed;
}

function isJson(file: string): boolean {
  try {
    JSON.parse(fs.readFileSync(file, "utf8"));
    return true;
  } catch {
    return false;
  }
}
