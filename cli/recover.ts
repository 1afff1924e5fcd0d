/**
 * `contact-center recover --stack <name>`: the one command to run after a run was killed.
 *
 * A killed `pulumi up` leaves its lock, and a *pending create* for each object it had started
 * to create: the engine cannot know whether the vendor made it. Run plainly, the next `up`
 * would create those again ("already exists") or leave them orphaned. Recovery settles each
 * one with the vendor's own answer:
 *
 * 0. on a file backend, a metadata file the kill left truncated is removed (file-backend-repair.ts);
 * 1. every pending create is looked up by its natural key (login name, e-mail, group name),
 *    with the resource's own code (`recoverCreated` of its lifecycle module); one not found
 *    is looked for again until the late-commit window has passed since the run's last state
 *    write, so a create the server commits late is still found;
 * 2. the objects found are recorded in the state with their ids, the pending operations are
 *    cleared (`pulumi stack import`: Pulumi's `refresh --import-pending-creates` is not used
 *    because the 3.259 engine drops the resource it is meant to import; see docs/reliability.md);
 * 3. a stale lock (its process gone, on this machine) is removed with `pulumi cancel` first;
 *    a lock held by a live run, or by another machine, is left alone unless `--force`;
 * 4. the recorded objects are refreshed (`pulumi refresh --target`), so their outputs and
 *    live values come from the provider's own read.
 *
 * The next `pulumi up` then finishes whatever the killed run left undone, creating nothing twice.
 */
import * as os from "node:os";
import * as path from "node:path";
import { describeUrn } from "../config/drift-report";
import type { ConfigSource } from "../provider/core/connection";
import { findLateCommit, lateCommitWindowMs } from "../provider/core/late-commit";
import { LIFECYCLE_MODULES, lifecycleOfSource } from "../provider/core/lifecycle-provider";
import { logoutAll } from "../provider/cce/client";
import { Command, CommandIo, loadAutomationApi, parseCommandArgs, STACK_OPTIONS, UsageError } from "./command";
import { backendUrlOf, fileBackendRoot, repairTruncatedMetadata } from "./file-backend-repair";
import { stackConfig } from "./stack-config";

interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  [key: string]: unknown;
}
interface PendingOperation {
  resource: StateResource;
  type: string;
}
interface Checkpoint {
  manifest?: { time?: string };
  resources?: StateResource[];
  pending_operations?: PendingOperation[];
  [key: string]: unknown;
}
type Recovering = { recoverCreated?: (config: ConfigSource | undefined, inputs: never) => Promise<{ id: string; outs: object } | undefined> };

/** What recovery did with one pending operation. */
export interface Settled {
  urn: string;
  operation: string;
  outcome: "recorded" | "not-created" | "repeat" | "unknown-provider";
  id?: string;
}

/** The lifecycle module that serves a resource, from the provider source its state holds. */
function lifecycleOf(resource: StateResource): Recovering | undefined {
  const lifecycle = lifecycleOfSource(resource.inputs?.__provider);
  return lifecycle === undefined ? undefined : (require(path.join(__dirname, "../provider", LIFECYCLE_MODULES[lifecycle])) as Recovering);
}

/** The holders a locked stack's error names (file and other DIY backends): `created by user@host (pid N)`. */
export function lockHolders(message: string): { host: string; pid: number }[] | undefined {
  if (!/currently locked/.test(message)) return undefined;
  return [...message.matchAll(/created by \S*?@(\S+) \(pid (\d+)\)/g)].map((m) => ({ host: m[1], pid: Number(m[2]) }));
}

/** Whether a process runs on this machine with this pid (one of another user counts: it runs). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Why the lock must stay, or undefined when every holder is a process gone from this machine. */
export function whyLockStays(message: string, hostname = os.hostname(), isAlive = alive): string | undefined {
  const holders = lockHolders(message);
  if (holders === undefined || holders.length === 0) return "the backend says another run holds the stack, and does not say which process";
  const live = holders.filter((h) => h.host !== hostname || isAlive(h.pid));
  if (live.length === 0) return undefined;
  return live.map((h) => (h.host === hostname ? `process ${h.pid} on this machine is still running` : `it was taken on ${h.host} (pid ${h.pid}), which cannot be checked from here`)).join("; ");
}

export const recoverCommand: Command = {
  name: "recover",
  summary: "after a killed run: record what it created, clear its pending operations and stale lock",
  help: [
    "usage: contact-center recover --stack <name> [--cwd <dir>] [--force]",
    "",
    "Run this after a `pulumi up` was killed (a crash, a cancelled pipeline, kill -9) and before",
    "the next one. The killed run left pending creates: objects it had started to create. Each",
    "is looked up in its vendor system by its natural key (a CCE user's login name, a skill",
    "group's name on its peripheral, an e-mail for Oracle and UC-portal users); one found is",
    "recorded in the stack with its id, one not found is left for the next up to create. Other",
    "pending operations (updates, deletes) are cleared: the next up repeats them. A lock left by",
    "a process that no longer runs on this machine is removed. Then the recorded objects are",
    "refreshed. Running it when nothing is pending changes nothing but a stale lock.",
    "",
    "An object not found is looked for until CONTACT_CENTER_LATE_COMMIT_SECONDS (60 s) have",
    "passed since the killed run last wrote its state, in case the server commits it late.",
    "",
    "options:",
    "  --stack <name>   the stack (required)",
    "  --cwd <dir>      the Pulumi project folder, holding Pulumi.yaml (default: .)",
    "  --force          remove the stack's lock even when its holder cannot be shown to be gone",
    "                   (taken on another machine, or by a backend that does not say); only when",
    "                   you know no run is going",
    "",
    "The backend, the passphrase and the vendor connections come from the environment and the",
    "stack config, as for `pulumi up`.",
    "",
    "exit codes: 0 recovered (or nothing to recover), 1 failure (nothing was changed unless it says so)",
    "",
    "example: contact-center recover --stack prod && pulumi up --stack prod",
  ].join("\n"),
  async run(args, io) {
    const { positional, options } = parseCommandArgs(args, { ...STACK_OPTIONS, force: { type: "boolean" } });
    const stackName = options.stack;
    if (!stackName) throw new UsageError("--stack <name> is required");
    if (positional.length > 0) throw new UsageError(`unexpected ${positional.join(" ")}`);
    const workDir = path.resolve(options.cwd ?? ".");
    return recoverStack({ stackName, workDir, force: options.force === true }, io);
  },
};

/**
 * Settles what a killed run left in one stack (the command's work; `shards recover` runs it per
 * shard). `next`: the command that finishes the killed run, as the closing line names it
 * (`pulumi up` unless told).
 */
export async function recoverStack(opts: { stackName: string; workDir: string; force: boolean; next?: string }, io: CommandIo): Promise<number> {
  const backendRoot = fileBackendRoot(backendUrlOf(opts.workDir), opts.workDir);
  for (const file of backendRoot ? repairTruncatedMetadata(backendRoot) : []) {
    io.progress(`repaired the file backend: removed ${path.relative(backendRoot!, file)}, a metadata file the killed run left truncated`);
  }
  const { LocalWorkspace } = await loadAutomationApi();
  const stack = await LocalWorkspace.selectStack({ stackName: opts.stackName, workDir: opts.workDir });
  const exported = await stack.exportStack();
  const checkpoint = (exported.deployment ?? {}) as Checkpoint;
  const pending = checkpoint.pending_operations ?? [];
  io.progress(`stack ${opts.stackName}: ${pending.length} pending operation(s) from an interrupted run`);

  const config = pending.some((op) => op.type === "creating") ? await stackConfig(opts.stackName, opts.workDir, io) : undefined;
  const lastWrite = Date.parse(checkpoint.manifest?.time ?? "") || 0;
  const settled: Settled[] = [];
  const recorded: StateResource[] = [];
  try {
    for (const op of pending) {
      const settle = await settleOne(op, config, lastWrite, io);
      settled.push(settle);
      if (settle.outcome === "recorded") recorded.push(settle.resource);
    }
  } finally {
    // The look-ups' CCE session, freed before the refresh logs in on its own.
    await logoutAll();
  }

  // The state as it should be: what was found recorded, no pending operation left.
  const next = { ...exported, deployment: { ...checkpoint, resources: [...(checkpoint.resources ?? []), ...recorded], pending_operations: [] } };
  const written = await writeState(stack, next, exported, opts.force, io);
  if (written !== 0) return written;

  for (const s of settled) io.out(reportLine(s));
  if (recorded.length > 0) {
    io.progress(`refreshing the ${recorded.length} recorded object(s) from their vendor systems`);
    try {
      await stack.refresh({ target: recorded.map((r) => r.urn), onOutput: (text) => io.progress(text.replace(/\n$/, "")) });
    } catch (error) {
      io.err(
        `contact-center recover: the objects are recorded, but refreshing them failed: ${firstLine(error)}. ` +
          `Run \`pulumi refresh --stack ${opts.stackName} --yes\` before the next up.`,
      );
      return 1;
    }
  }
  const finish = opts.next ?? "pulumi up";
  io.out(pending.length === 0 ? `nothing was pending: the next \`${finish}\` can run` : `recovered: the next \`${finish}\` finishes what the killed run left undone`);
  return 0;
}

async function settleOne(op: PendingOperation, config: ConfigSource | undefined, lastWrite: number, io: CommandIo): Promise<Settled & { resource: StateResource }> {
  const resource = op.resource;
  const base = { urn: resource.urn, operation: op.type, resource };
  if (op.type !== "creating") return { ...base, outcome: "repeat" };
  const lifecycle = lifecycleOf(resource);
  if (!lifecycle) return { ...base, outcome: "unknown-provider" };
  if (!lifecycle.recoverCreated) return { ...base, outcome: "repeat" };
  const inputs = resource.inputs as never;
  const windowMs = Math.max(0, lastWrite + lateCommitWindowMs() - Date.now());
  io.progress(`looking for ${describeUrn(resource.urn)}`);
  const found = await findLateCommit(describeUrn(resource.urn), () => lifecycle.recoverCreated!(config, inputs), windowMs);
  if (!found) return { ...base, outcome: "not-created" };
  // The declaration as the killed run checked it, and outputs as its create would have given
  // them (secret inputs stay as the state holds them, encrypted); the refresh completes them.
  const { __provider, ...rest } = resource.inputs ?? {};
  return {
    ...base,
    outcome: "recorded",
    id: found.id,
    resource: { ...resource, id: found.id, outputs: { ...rest, ...found.outs, __provider } },
  };
}

/**
 * Imports the recovered state. A stale lock is cancelled and the import tried again; any other
 * failure, or a lock that may be live, changes nothing. The state is exported again right
 * before, so a run that ended meanwhile is never overwritten.
 */
async function writeState(
  stack: import("@pulumi/pulumi/automation").Stack,
  next: import("@pulumi/pulumi/automation").Deployment,
  exported: import("@pulumi/pulumi/automation").Deployment,
  force: boolean,
  io: CommandIo,
): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const now = await stack.exportStack();
    if (JSON.stringify(now.deployment) !== JSON.stringify(exported.deployment)) {
      io.err("contact-center recover: the stack's state changed while recovering (is another run going?); nothing was changed. Run recover again.");
      return 1;
    }
    try {
      await stack.importStack(next);
      return 0;
    } catch (error) {
      const message = String((error as Error).message ?? error);
      const locked = /currently locked|another update is currently in progress/i.test(message);
      if (!locked || attempt > 0) {
        io.err(`contact-center recover: writing the state failed; nothing was changed: ${firstLine(error)}`);
        return 1;
      }
      const stays = force ? undefined : whyLockStays(message);
      if (stays !== undefined) {
        io.err(
          `contact-center recover: the stack is locked and the lock may be live: ${stays}. Nothing was changed. ` +
            "Wait for that run to end; if you know it is gone, run recover again with --force.",
        );
        return 1;
      }
      io.progress(force ? "removing the stack's lock (--force)" : "removing the stack's lock: the run that took it no longer runs");
      await stack.cancel();
    }
  }
}

function reportLine(s: Settled): string {
  const what = describeUrn(s.urn);
  switch (s.outcome) {
    case "recorded":
      return `recorded  ${what} (id ${s.id}): the killed run created it`;
    case "not-created":
      return `cleared   ${what}: not in the vendor system; the next up creates it`;
    case "repeat":
      return s.operation === "creating"
        ? `cleared   ${what}: its create makes no new object; the next up does it again`
        : `cleared   ${what}: interrupted while ${s.operation}; the next up repeats what remains`;
    case "unknown-provider":
      return `cleared   ${what}: not a contact-center resource; check by hand whether it was created`;
  }
}

function firstLine(error: unknown): string {
  const text = String((error as Error)?.message ?? error);
  const stderr = /stderr: ([\s\S]*)/.exec(text)?.[1] ?? text;
  return stderr.split("\n").map((l) => l.trim()).filter(Boolean).slice(0, 3).join(" ");
}
