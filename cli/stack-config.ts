/** Connections from a stack's config, for the commands that call vendors with `--stack`. */
import * as path from "node:path";
import type { ConfigSource } from "../provider/core/connection";
import { registerSecret } from "../provider/core/secrets";
import { CommandIo, loadAutomationApi } from "./command";

/** The stack config as a ConfigSource, through the Automation API; undefined without --stack/--cwd. */
export async function stackConfig(stackName: string | undefined, cwd: string | undefined, io: CommandIo): Promise<ConfigSource | undefined> {
  if (stackName === undefined && cwd === undefined) return undefined;
  const { LocalWorkspace } = await loadAutomationApi();
  const workspace = await LocalWorkspace.create({ workDir: path.resolve(cwd ?? ".") });
  const name = stackName ?? (await workspace.stack())?.name;
  if (!name) throw new Error(`no stack is selected in ${path.resolve(cwd ?? ".")}: pass --stack <name>`);
  io.progress(`reading the config of stack ${name}`);
  const all = await workspace.getAllConfig(name);
  // Decrypted here: registered so that no message of this run can show them.
  for (const entry of Object.values(all)) if (entry.secret) registerSecret(entry.value);
  return { get: (key) => all[key]?.value };
}
