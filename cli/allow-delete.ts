/**
 * `contact-center allow-delete --stack <name> <kind> <key> ...`: the explicit opt-in for deletes
 * that cannot be undone. A CCE user under deletionPolicy "delete" and a UC-portal customer user
 * are protected in the stack (Pulumi's `protect`), so a plan that deletes one fails its preview.
 * This lifts the protection of exactly the objects named, with `pulumi state unprotect`, so that
 * the next `pulumi up` may delete them; an object still declared is protected again by that run.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { describeUrn, kindOfType, nameOfUrn } from "../config/drift-report";
import { Command, CommandIo, loadAutomationApi, parseCommandArgs, STACK_OPTIONS, UsageError } from "./command";

interface StateResource {
  urn: string;
  type: string;
  protect?: boolean;
}

export const allowDeleteCommand: Command = {
  name: "allow-delete",
  summary: "allow the next up to delete named objects whose deletion cannot be undone",
  help: [
    "usage: contact-center allow-delete --stack <name> [--cwd <dir>] <kind> <key> [<kind> <key> ...]",
    "",
    "Deleting a CCE user under deletionPolicy \"delete\", or a UC-portal customer user, cannot be",
    "undone, so the stack protects them: a plan that would delete one fails its preview. This",
    "lifts the protection of exactly the objects named (`pulumi state unprotect`), so that the",
    "next `pulumi up` deletes them once they are no longer declared. An object still declared",
    "is protected again by that run. To allow every such delete of a stack instead, set stack",
    "config contact-center:allowIrreversibleDeletion to true.",
    "",
    "Kinds and keys as the file and drift reports name them: user <loginName>, customerUser <email>.",
    "The backend and passphrase come from the environment, as for the pulumi CLI.",
    "",
    "options:",
    "  --stack <name>   the stack (required)",
    "  --cwd <dir>      the Pulumi project folder, holding Pulumi.yaml (default: .)",
    "",
    "exit codes: 0 unprotected, 1 failure (an object the stack does not hold, or pulumi failed)",
    "",
    "example: contact-center allow-delete --stack prod customerUser dana@acme.example",
  ].join("\n"),
  async run(args, io) {
    const { positional, options } = parseCommandArgs(args, STACK_OPTIONS);
    const stackName = options.stack;
    if (!stackName) throw new UsageError("--stack <name> is required");
    if (positional.length === 0 || positional.length % 2 !== 0) throw new UsageError("objects are named in pairs: <kind> <key> [<kind> <key> ...]");
    const workDir = path.resolve(options.cwd ?? ".");
    const wanted = Array.from({ length: positional.length / 2 }, (_, i) => ({ kind: positional[2 * i], key: positional[2 * i + 1] }));

    const { LocalWorkspace } = await loadAutomationApi();
    const stack = await LocalWorkspace.selectStack({ stackName, workDir });
    const resources = ((await stack.exportStack()).deployment?.resources ?? []) as StateResource[];
    const urns: string[] = [];
    for (const { kind, key } of wanted) {
      const found = resources.find((r) => kindOfType(r.type) === kind && nameOfUrn(r.urn) === key);
      if (!found) {
        const protectedOnes = resources.filter((r) => r.protect).map((r) => describeUrn(r.urn));
        io.err(`contact-center allow-delete: stack "${stackName}" holds no ${kind} "${key}"; its protected objects: ${protectedOnes.join(", ") || "none"}`);
        return 1;
      }
      if (!found.protect) io.progress(`${kind} ${key} is not protected: the next up may already delete it`);
      else urns.push(found.urn);
    }
    for (const urn of urns) {
      const code = await pulumi(["state", "unprotect", urn, "--stack", stackName, "--yes", "--non-interactive"], workDir, io);
      if (code !== 0) return 1;
      io.out(`unprotected ${describeUrn(urn)}: the next \`pulumi up\` deletes it, irreversibly, if it is no longer declared`);
    }
    return 0;
  },
};

/** Runs the Pulumi CLI, its output to standard error; the exit code, or 1 with why when it cannot start. */
function pulumi(args: string[], cwd: string, io: CommandIo): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("pulumi", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    const relay = (chunk: Buffer) => io.progress(chunk.toString("utf8").replace(/\n$/, ""));
    child.stdout.on("data", relay);
    child.stderr.on("data", relay);
    child.on("error", (error: NodeJS.ErrnoException) => {
      io.err(error.code === "ENOENT" ? "contact-center allow-delete: the Pulumi CLI (pulumi) is not on PATH: install it (https://www.pulumi.com/docs/install/)" : `contact-center allow-delete: ${error.message}`);
      resolve(1);
    });
    child.on("close", (code) => resolve(code ?? 1));
  });
}
