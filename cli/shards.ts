/**
 * `contact-center shards <preview|up|refresh|drift|destroy|move> --stack <name>`: a sharded
 * declaration (`shards:` in the file) reconciled as one stack per shard, `<name>.groups-1`,
 * `<name>.part-1`..., driven through the Automation API with a bounded pool.
 *
 * The stack `<name>` holds the configuration (connections, secrets, `file`), as for an
 * unsharded declaration; the driver copies it to every shard's stack before a run, with
 * `contact-center:shard` naming the shard, so a shard is configured in one place. Skill-group
 * shards are applied before the others (users join groups) and destroyed after them. The
 * output is one plan (or one drift report) for the whole declaration, and one exit code.
 *
 * An object recorded in another stack than the one its key hashes to (the counts changed, or
 * the declaration was one stack before) is moved by `move`, which moves its record between the
 * stacks' states (`pulumi state move`) with no vendor call: it is never deleted and recreated.
 * The other commands refuse to run while such moves are pending, so that a plan is always the
 * plan of the stacks as they will be applied.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ConfigMap, EngineEvent, LocalWorkspace as Workspace, Stack, StepEventMetadata } from "@pulumi/pulumi/automation";
import { buildDriftReport, compareText, driftJson, driftMarkdown, kindOfType, nameOfUrn } from "../config/drift-report";
import { Kind, KINDS } from "../config/format";
import { formatProblem, loadContactCenter } from "../config/load";
import { isGroupShard, ShardCounts, shardCounts, shardNames, shardOf } from "../config/shards";
import { createReadSnapshot } from "../provider/core/read-snapshot";
import { registerSecret } from "../provider/core/secrets";
import { Command, CommandIo, loadAutomationApi, paintersOf, parseCommandArgs, STACK_OPTIONS, UsageError } from "./command";
import { cliError, previewWithRefresh, write } from "./drift";
import { recoverStack } from "./recover";

const SUBCOMMANDS = ["preview", "up", "refresh", "drift", "destroy", "move", "recover"] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

/** Stacks run at once unless --concurrency says otherwise: each is a CLI, a language host and a provider. */
const DEFAULT_CONCURRENCY = 4;

/** The stack of a shard. `.` cannot be in a declaration's shard names, so no two bases share a shard stack. */
export const shardStackName = (base: string, shard: string) => `${base}.${shard}`;

export const shardsCommand: Command = {
  name: "shards",
  summary: "reconcile a sharded declaration as one stack per shard: preview, up, refresh, drift, destroy, move, recover",
  help: [
    "usage: contact-center shards <preview|up|refresh|drift|destroy|move|recover> --stack <name>",
    "                             [--cwd <dir>] [--concurrency <n>] [--parallel <n>] [--only <shard>...]",
    "                             [--refresh] [--markdown <file>] [--json <file>] [--dry-run] [--force]",
    "",
    "Runs a declaration that sets `shards:` as one stack per shard, <name>.groups-1...,",
    "<name>.part-1..., through the Automation API, and prints one plan (or one drift report)",
    "for the whole declaration. Stack <name> holds the configuration (connections, secrets,",
    "`file`); it is copied to each shard's stack, created when missing, before every run.",
    "Skill-group shards are applied first and destroyed last. An object's shard is a hash of",
    "its kind and key: adding objects never moves others.",
    "",
    "  preview   the plan of every shard, as one list (changes nothing)",
    "  up        apply: skill-group shards, then the others",
    "  refresh   read the live objects into every shard's state",
    "  drift     what differs between the live tenant and the declaration (as `drift`), all shards",
    "  destroy   delete every object of every shard: other shards first, skill groups last",
    "  move      after a change of the shard counts (or from one stack to shards): move each",
    "            object's record to its new shard's state; no vendor call, nothing recreated",
    "  recover   after a killed run: `contact-center recover` of the base stack and of every",
    "            shard's, one after the other (objects a killed up created are recorded, stale",
    "            locks removed); then the next up finishes the work",
    "",
    "preview, up, refresh and drift refuse to run while moves are pending, and say so.",
    "",
    "options:",
    "  --stack <name>         the stack holding the configuration (required)",
    "  --cwd <dir>            the Pulumi project folder, holding Pulumi.yaml (default: .)",
    `  --concurrency <n>      shard stacks run at once (default: ${DEFAULT_CONCURRENCY})`,
    "  --parallel <n>         resource operations at once within each stack (default: pulumi's)",
    "  --only <shard>         run this shard alone (repeatable), e.g. for one job of a matrix;",
    "                         the order between shards is then the pipeline's to keep",
    "  --markdown <file>      drift: write the Markdown report to <file> (default: standard output)",
    "  --json <file>          drift: write the JSON report to <file>; `-` for standard output",
    "  --refresh              preview, up: read the live objects first, so that what was changed",
    "                         by hand is planned and restored (as pulumi's --refresh)",
    "  --dry-run              move: list the moves, make none",
    "  --force                recover: remove a lock whose holder cannot be shown to be gone",
    "",
    "The backend, passphrase and connections come from the environment, as for the pulumi CLI.",
    "",
    "exit codes: 0 success (drift: no drift), 2 drift found, 1 failure (the error is printed)",
    "",
    "example: contact-center shards up --stack acme --cwd infra --concurrency 4",
  ].join("\n"),
  async run(args, io) {
    const [subcommand, ...rest] = args;
    if (!SUBCOMMANDS.includes(subcommand as Subcommand)) {
      throw new UsageError(subcommand ? `unknown shards command "${subcommand}": one of ${SUBCOMMANDS.join(", ")}` : `name one of ${SUBCOMMANDS.join(", ")}`);
    }
    const { positional, options } = parseCommandArgs(rest, {
      ...STACK_OPTIONS,
      concurrency: { type: "string" },
      parallel: { type: "string" },
      only: { type: "string", multiple: true },
      markdown: { type: "string" },
      json: { type: "string" },
      "dry-run": { type: "boolean" },
      refresh: { type: "boolean" },
      force: { type: "boolean" },
    });
    if (positional.length > 0) throw new UsageError(`unexpected ${positional.join(" ")}`);
    if (!options.stack) throw new UsageError("--stack <name> is required");
    const whole = (name: string, value: string | undefined, fallback?: number) => {
      if (value === undefined) return fallback;
      const n = Number(value);
      if (!(Number.isInteger(n) && n > 0)) throw new UsageError(`--${name} must be a positive whole number, got "${value}"`);
      return n;
    };
    const driver = await ShardDriver.open({
      base: options.stack,
      workDir: path.resolve(options.cwd ?? "."),
      concurrency: whole("concurrency", options.concurrency, DEFAULT_CONCURRENCY)!,
      parallel: whole("parallel", options.parallel),
      refresh: options.refresh === true,
      io,
    });
    if (options.only) {
      const unknown = options.only.filter((shard) => !driver.shards.includes(shard));
      if (unknown.length > 0) throw new UsageError(`--only ${unknown.join(", ")}: not a shard of the declaration (${driver.shards.join(", ")})`);
    }
    const selected = (shards: string[]) => (options.only ? shards.filter((shard) => options.only!.includes(shard)) : shards);

    if (subcommand === "move") return driver.move(io, options["dry-run"] === true);
    if (subcommand === "recover") return driver.recover(selected(await driver.existingShards()), options.only === undefined, options.force === true, io);
    if (subcommand === "destroy") return driver.destroy(selected(await driver.existingShards()), io);
    const pending = await driver.pendingMoves();
    if (pending.length > 0) {
      io.err(
        `contact-center shards ${subcommand}: ${pending.length} object(s) are recorded in another stack than their shard, e.g.\n` +
          pending.slice(0, 5).map((m) => `  ${m.kind} ${m.key}: in ${m.from}, shard ${m.to}`).join("\n") +
          `\nRun \`contact-center shards move --stack ${options.stack}\` first: it moves their records between the stacks' states, with no vendor call.`,
      );
      return 1;
    }
    const shards = selected(driver.shards);
    if (subcommand === "drift") return driver.drift(shards, io, { markdown: options.markdown, json: options.json });
    return driver.apply(subcommand as "preview" | "up" | "refresh", shards, io);
  },
};

interface DriverOptions {
  base: string;
  workDir: string;
  concurrency: number;
  parallel?: number;
  /** preview and up: refresh first, so that what changed by hand is planned and restored. */
  refresh?: boolean;
  io: CommandIo;
}

/** One object's record in a stack's state that belongs in another stack. */
export interface PendingMove {
  kind: string;
  key: string;
  urn: string;
  from: string;
  to: string;
}

/** A step of a plan or an apply, as the combined report lists it. */
interface PlanLine {
  op: string;
  kind: string;
  key: string;
  shard: string;
  fields: string[];
}

const VENDOR_KINDS = new Set<string>([...Object.keys(KINDS), "attribute"]);

class ShardDriver {
  private constructor(
    private readonly options: DriverOptions,
    private readonly workspace: Workspace,
    private readonly config: ConfigMap,
    readonly counts: ShardCounts,
    readonly shards: string[],
  ) {}

  /** Reads the base stack's configuration and the declaration it names; refuses an unsharded one. */
  static async open(options: DriverOptions): Promise<ShardDriver> {
    const { LocalWorkspace } = await loadAutomationApi();
    const { base, workDir, io } = options;
    io.progress(`reading the config of stack ${base}`);
    const workspace = await LocalWorkspace.create({ workDir, secretsProvider: (await readSecretsProvider(workDir, base)) ?? undefined });
    const stacks = await workspace.listStacks();
    if (!stacks.some((s) => s.name === base)) throw new Error(`stack "${base}" does not exist in this backend: create it and set its configuration (pulumi stack init ${base})`);
    const config = await workspace.getAllConfig(base);
    // Decrypted here: registered so that no message of this run can show them.
    for (const entry of Object.values(config)) if (entry.secret) registerSecret(entry.value);
    const project = (await workspace.projectSettings()).name;
    const fileSetting = config[`${project}:file`]?.value;
    const file = path.resolve(workDir, fileSetting ?? "contact-center.yaml");
    const loaded = await loadContactCenter(file);
    if (!loaded.config) throw new Error(`${file} has ${loaded.problems.length} problem(s):\n${loaded.problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
    const counts = shardCounts(loaded.config);
    if (!counts) throw new Error(`${file} sets no shards: run it as one stack with pulumi, or add shards: { objects: <n> } to it`);
    return new ShardDriver(options, workspace, config, counts, shardNames(counts));
  }

  private stackName(shard: string) {
    return shardStackName(this.options.base, shard);
  }

  /** The shard's stack, created when missing, with the base stack's configuration and its shard. */
  private async shardStack(shard: string): Promise<Stack> {
    const { Stack } = await loadAutomationApi();
    const stack = await Stack.createOrSelect(this.stackName(shard), this.workspace);
    const wanted: ConfigMap = { ...this.config, "contact-center:shard": { value: shard } };
    const present = await stack.getAllConfig();
    const stale = Object.keys(present).filter((key) => !(key in wanted));
    if (stale.length > 0) await stack.removeAllConfig(stale);
    const changed = Object.entries(wanted).filter(([key, entry]) => present[key]?.value !== entry.value || !!present[key]?.secret !== !!entry.secret);
    if (changed.length > 0) await stack.setAllConfig(Object.fromEntries(changed));
    return stack;
  }

  /** The shard stacks of this base that exist, declared or left over from larger counts, in apply order. */
  async existingShards(): Promise<string[]> {
    const prefix = `${this.options.base}.`;
    const names = (await this.workspace.listStacks()).map((s) => s.name).filter((name) => name.startsWith(prefix));
    const shards = names.map((name) => name.slice(prefix.length)).filter((shard) => /^(groups|part)-\d+$/.test(shard));
    const order = (shard: string) => [isGroupShard(shard) ? 0 : 1, Number(shard.split("-")[1])];
    return shards.sort((a, b) => order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1]);
  }

  /** The vendor objects each existing stack of this base records (the base itself included), by stack. */
  private async recorded(): Promise<Map<string, Array<{ kind: string; key: string; urn: string }>>> {
    const { Stack } = await loadAutomationApi();
    const stacks = [this.options.base, ...(await this.existingShards()).map((shard) => this.stackName(shard))];
    const recorded = new Map<string, Array<{ kind: string; key: string; urn: string }>>();
    await pool(stacks, this.options.concurrency, async (name) => {
      const state = await (await Stack.select(name, this.workspace)).exportStack();
      const resources = (state.deployment?.resources ?? []) as Array<{ urn: string; type: string; custom?: boolean }>;
      recorded.set(
        name,
        resources.filter((r) => r.custom && VENDOR_KINDS.has(kindOfType(r.type))).map((r) => ({ kind: kindOfType(r.type), key: nameOfUrn(r.urn), urn: r.urn })),
      );
    });
    return recorded;
  }

  /** The shard an object's record belongs in: its own key's, an attribute its user's. */
  private shardOfRecord(kind: string, key: string): string {
    if (kind === "attribute") return shardOf("user", key.slice(0, key.lastIndexOf("/")), this.counts);
    return shardOf(kind as Kind, key, this.counts);
  }

  /**
   * Every record in a stack other than its shard's. A record present both in its shard and
   * elsewhere (a move killed between its two writes) is a pending move too: `move` drops the
   * other copy, as the shard holds it already.
   */
  async pendingMoves(recorded?: Map<string, Array<{ kind: string; key: string; urn: string }>>): Promise<PendingMove[]> {
    const moves: PendingMove[] = [];
    for (const [stack, records] of recorded ?? (await this.recorded())) {
      for (const { kind, key, urn } of records) {
        const to = this.shardOfRecord(kind, key);
        if (stack !== this.stackName(to)) moves.push({ kind, key, urn, from: stack, to });
      }
    }
    return moves.sort((a, b) => compareText(a.from, b.from) || compareText(a.kind, b.kind) || compareText(a.key, b.key));
  }

  async move(io: CommandIo, dryRun: boolean): Promise<number> {
    // Each stack's state is exported once: for the moves, and for the copies already in place.
    const inShard = await this.recorded();
    const moves = await this.pendingMoves(inShard);
    if (moves.length === 0) {
      io.out("No moves: every object is recorded in its shard's stack.");
      return 0;
    }
    io.out(`${moves.length} object(s) ${dryRun ? "would move" : "move"} between stacks (their records only: no vendor call):`);
    for (const m of moves) io.out(`  ${m.kind} ${m.key}: ${m.from} → ${this.stackName(m.to)}`);
    if (dryRun) return 0;
    const batches = new Map<string, PendingMove[]>();
    for (const m of moves) batches.set(`${m.from}\u0000${m.to}`, [...(batches.get(`${m.from}\u0000${m.to}`) ?? []), m]);
    // One stack's state is written by one command at a time: batches run one after the other.
    for (const batch of batches.values()) {
      const { from, to } = batch[0];
      const dest = this.stackName(to);
      await this.shardStack(to);
      // Already in their shard (a move killed between its two writes): only the stray copy goes.
      const there = new Set((inShard.get(dest) ?? []).map((r) => r.urn.replace(`urn:pulumi:${dest}::`, "")));
      const copies = batch.filter((m) => there.has(m.urn.replace(`urn:pulumi:${from}::`, "")));
      const toMove = batch.filter((m) => !copies.includes(m));
      io.progress(`moving ${toMove.length} record(s) from ${from} to ${dest}${copies.length > 0 ? `, dropping ${copies.length} copied already` : ""}`);
      await this.moveRecords(from, dest, toMove.map((m) => m.urn), copies.map((m) => m.urn));
    }
    const left = await this.pendingMoves();
    if (left.length > 0) throw new Error(`${left.length} record(s) are still outside their shard after the moves, e.g. ${left[0].kind} ${left[0].key} in ${left[0].from}`);
    io.out(`Moved: every object is recorded in its shard's stack.`);
    return 0;
  }

  /** preview, up or refresh of each shard; up applies skill-group shards first. */
  async apply(operation: "preview" | "up" | "refresh", shards: string[], io: CommandIo): Promise<number> {
    const waves = operation === "up" ? [shards.filter(isGroupShard), shards.filter((s) => !isGroupShard(s))] : [shards];
    const lines: PlanLine[] = [];
    const unchanged = { count: 0 };
    const failures: string[] = [];
    let stoppedBefore: number | undefined;
    for (const [index, wave] of waves.entries()) {
      // One snapshot per wave: the users' wave reads the skill groups as the first wave left them.
      await withReadSnapshot(() => pool(wave, this.options.concurrency, async (shard) => {
        const stack = await this.shardStack(shard);
        io.progress(`${operation} of ${this.stackName(shard)}…`);
        const errors: string[] = [];
        const onEvent = (event: EngineEvent) => {
          const diagnostic = event.diagnosticEvent;
          if (diagnostic?.severity === "error") errors.push(diagnostic.message.trim());
          const step = event.resourcePreEvent?.metadata;
          // A refresh's changes are in its outputs events (refreshReporting).
          if (!step || operation === "refresh" || step.op === "refresh" || !VENDOR_KINDS.has(kindOfType(step.type))) return;
          if (step.op === "same" || step.op === "read") {
            unchanged.count++;
            return;
          }
          lines.push({ op: step.op, kind: kindOfType(step.type), key: nameOfUrn(step.urn), shard, fields: step.op === "create" ? [] : changedFields(step) });
        };
        try {
          const options = { parallel: this.options.parallel, refresh: this.options.refresh, onEvent };
          if (operation === "preview") await stack.preview(options);
          else if (operation === "up") await stack.up(options);
          else await refreshReporting(stack, options, lines, shard, unchanged);
        } catch (error) {
          failures.push(`${this.stackName(shard)}:\n${(errors.length > 0 ? [...new Set(errors)].join("\n") : cliError(error)).replace(/^/gm, "  ")}`);
        }
      }));
      if (failures.length > 0) {
        stoppedBefore = index + 1 < waves.length && waves[index + 1].length > 0 ? index + 1 : undefined;
        break;
      }
    }
    io.out(planReport(this.options.base, operation, lines, unchanged.count, shards.length));
    if (failures.length > 0) {
      const skipped = stoppedBefore !== undefined ? ` (${waves[stoppedBefore].join(", ")} did not run: their users need the skill groups)` : "";
      io.err(`${paintersOf(io).err(`contact-center shards ${operation}:`, "red")} ${failures.length} shard(s) failed${skipped}:\n${failures.join("\n")}`);
      return 1;
    }
    return 0;
  }

  /**
   * After a killed run: each stack recovered as `contact-center recover` does it, one at a time
   * (the recoveries share this process's vendor sessions, which each logs out at its end). The
   * base stack too, unless --only names shards: a single stack killed before its move to shards.
   */
  async recover(shards: string[], withBase: boolean, force: boolean, io: CommandIo): Promise<number> {
    const stacks = [...(withBase ? [this.options.base] : []), ...shards.map((shard) => this.stackName(shard))];
    const failed: string[] = [];
    const next = `contact-center shards up --stack ${this.options.base}`;
    for (const stackName of stacks) {
      const own = prefixed(io, `${stackName}: `);
      const code = await recoverStack({ stackName, workDir: this.options.workDir, force, next }, own).catch((error: unknown) => {
        own.err(`contact-center recover: ${cliError(error)}`);
        return 1;
      });
      if (code !== 0) failed.push(stackName);
    }
    if (failed.length > 0) {
      io.err(`${paintersOf(io).err("contact-center shards recover:", "red")} ${failed.length} of ${stacks.length} stack(s) not recovered: ${failed.join(", ")}`);
      return 1;
    }
    io.out(`recovered ${stacks.length} stack(s): the next \`${next}\` finishes what the killed run left undone`);
    return 0;
  }

  /** One drift report over every shard: their refreshing previews' events, read as one stack's. */
  async drift(shards: string[], io: CommandIo, to: { markdown?: string; json?: string }): Promise<number> {
    const events: EngineEvent[] = [];
    const failures: string[] = [];
    await withReadSnapshot(() =>
      pool(shards, this.options.concurrency, async (shard) => {
        await this.shardStack(shard);
        const result = await previewWithRefresh({ stackName: this.stackName(shard), workDir: this.options.workDir, parallel: this.options.parallel }, io);
        if ("error" in result) failures.push(`${this.stackName(shard)}:\n${result.error}`);
        else events.push(...result.events);
      }),
    );
    if (failures.length > 0) {
      io.err(`contact-center shards drift: the refreshing preview of ${failures.length} shard(s) failed:\n${failures.join("\n")}`);
      return 1;
    }
    const report = buildDriftReport(this.options.base, events);
    const markdownTo = to.markdown ?? (to.json === "-" ? undefined : "-");
    if (markdownTo) write(markdownTo, driftMarkdown(report), io);
    if (to.json) write(to.json, driftJson(report), io);
    io.progress(report.drift ? `drift: ${report.summary.objects} object(s) differ from the declaration` : "no drift");
    return report.drift ? 2 : 0;
  }

  /** Destroys the shards' stacks: the others first, skill groups last (users leave groups before these go). */
  async destroy(shards: string[], io: CommandIo): Promise<number> {
    const lines: PlanLine[] = [];
    const failures: string[] = [];
    for (const wave of [shards.filter((s) => !isGroupShard(s)), shards.filter(isGroupShard)]) {
      await pool(wave, this.options.concurrency, async (shard) => {
        const stack = await this.shardStack(shard);
        io.progress(`destroy of ${this.stackName(shard)}…`);
        try {
          await stack.destroy({
            parallel: this.options.parallel,
            onEvent: (event) => {
              const step = event.resourcePreEvent?.metadata;
              if (step && step.op === "delete" && VENDOR_KINDS.has(kindOfType(step.type))) lines.push({ op: "delete", kind: kindOfType(step.type), key: nameOfUrn(step.urn), shard, fields: [] });
            },
          });
        } catch (error) {
          failures.push(`${this.stackName(shard)}:\n${cliError(error).replace(/^/gm, "  ")}`);
        }
      });
      if (failures.length > 0) break;
    }
    io.out(planReport(this.options.base, "destroy", lines, 0, shards.length));
    if (failures.length > 0) {
      io.err(`contact-center shards destroy: ${failures.length} shard(s) failed:\n${failures.join("\n")}`);
      return 1;
    }
    return 0;
  }

  /**
   * Moves records from one stack's state to another's: the destination is written first, then
   * the source, so a run killed in between leaves a copy in both (which the next `move` drops
   * from the source), never none. The states travel decrypted through pipes, never a file,
   * and each stack encrypts them again with its own secrets provider. (`pulumi state move`
   * refuses a destination that has the dynamic provider already, which every shard has.)
   */
  private async moveRecords(from: string, dest: string, moving: string[], dropping: string[]): Promise<void> {
    const source = await this.exportDecrypted(from);
    if (moving.length > 0) {
      const target = await this.exportDecrypted(dest);
      target.deployment.resources = moveResources(source.deployment.resources ?? [], target.deployment.resources ?? [], new Set(moving), from, dest);
      await this.pulumi(["stack", "import", "--stack", dest], JSON.stringify(target));
    }
    const gone = new Set([...moving, ...dropping]);
    source.deployment.resources = (source.deployment.resources ?? []).filter((r) => !gone.has(r.urn));
    await this.pulumi(["stack", "import", "--stack", from], JSON.stringify(source));
  }

  private async exportDecrypted(stack: string): Promise<UntypedDeployment> {
    const exported = JSON.parse(await this.pulumi(["stack", "export", "--show-secrets", "--stack", stack])) as UntypedDeployment;
    exported.deployment ??= {};
    return exported;
  }

  /** The pulumi CLI in the project folder, with this process's environment (backend, passphrase); `input` on its standard input. */
  private pulumi(args: string[], input?: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        "pulumi",
        [...args, "--non-interactive"],
        { cwd: this.options.workDir, env: { ...process.env, ...this.workspace.envVars }, maxBuffer: 1024 * 1024 * 1024 },
        (error, stdout, stderr) => (error ? reject(new Error(`pulumi ${args.slice(0, 2).join(" ")} failed:\n${cliError(new Error(stderr))}`)) : resolve(stdout)),
      );
      child.stdin?.end(input ?? "");
    });
  }
}

interface StateResource {
  urn: string;
  type: string;
  custom?: boolean;
  parent?: string;
  provider?: string;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
  [field: string]: unknown;
}
interface UntypedDeployment {
  version?: number;
  deployment: { resources?: StateResource[]; [field: string]: unknown };
}

/**
 * The destination's resources with `moving` (URNs of the source) added: their URNs named for
 * the destination stack, their parent its root (or a moved parent), their provider the
 * destination's own of that name (or a copy), and dependencies kept only within the moved set
 * (objects of one shard depend on nothing in another).
 */
export function moveResources(source: StateResource[], target: StateResource[], moving: ReadonlySet<string>, from: string, dest: string): StateResource[] {
  const rename = (urn: string) => urn.replace(`urn:pulumi:${from}::`, `urn:pulumi:${dest}::`);
  const result = [...target];
  const sourceRoot = source.find((r) => r.type === "pulumi:pulumi:Stack");
  let root = result.find((r) => r.type === "pulumi:pulumi:Stack");
  if (!root) {
    const project = (sourceRoot?.urn ?? [...moving][0]).split("::")[1];
    root = { ...(sourceRoot ?? {}), urn: `urn:pulumi:${dest}::${project}::pulumi:pulumi:Stack::${project}-${dest}`, type: "pulumi:pulumi:Stack", custom: false, outputs: {} };
    result.unshift(root);
  }
  // Providers by `<urn>::<id>` reference, as resources name them.
  const providerRef = (r: StateResource) => `${r.urn}::${r.id}`;
  const providers = new Map<string, string>();
  const mapProvider = (reference: string) => {
    const known = providers.get(reference);
    if (known) return known;
    const providerUrn = reference.slice(0, reference.lastIndexOf("::"));
    const existing = result.find((r) => r.urn === rename(providerUrn));
    let mapped: string;
    if (existing) mapped = providerRef(existing);
    else {
      const original = source.find((r) => r.urn === providerUrn);
      if (!original) throw new Error(`the provider ${providerUrn} of a moved record is not in the source stack`);
      const copy = { ...original, urn: rename(providerUrn), parent: original.parent ? root!.urn : undefined };
      result.splice(result.indexOf(root!) + 1, 0, copy);
      mapped = providerRef(copy);
    }
    providers.set(reference, mapped);
    return mapped;
  };
  const within = (urns: string[] | undefined) => (urns ?? []).filter((urn) => moving.has(urn)).map(rename);
  for (const resource of source.filter((r) => moving.has(r.urn))) {
    result.push({
      ...resource,
      urn: rename(resource.urn),
      parent: resource.parent && moving.has(resource.parent) ? rename(resource.parent) : root.urn,
      ...(resource.provider ? { provider: mapProvider(resource.provider) } : {}),
      dependencies: within(resource.dependencies),
      propertyDependencies: Object.fromEntries(Object.entries(resource.propertyDependencies ?? {}).map(([key, urns]) => [key, within(urns)])),
    });
  }
  return result;
}

/** Every line the io writes, prefixed (the shard's stack, where several stacks report in turn). */
function prefixed(io: CommandIo, prefix: string): CommandIo {
  const each = (write: (text: string) => void) => (text: string) => write(text.replace(/^/gm, prefix));
  return { out: each((text) => io.out(text)), err: each((text) => io.err(text)), progress: each((text) => io.progress(text)), colour: io.colour };
}

/**
 * Runs `work` with one read snapshot shared by the provider processes it starts (through the
 * environment the CLI passes on to them): the shards' refreshes list each kind of the tenant
 * once between them, not once per shard, and their creates read the reference lists (sites,
 * peripherals, skill groups, attribute definitions) once. Removed after, with its key.
 */
async function withReadSnapshot<T>(work: () => Promise<T>): Promise<T> {
  const { snapshot, env } = await createReadSnapshot(os.tmpdir());
  Object.assign(process.env, env);
  try {
    return await work();
  } finally {
    for (const name of Object.keys(env)) delete process.env[name];
    await fs.promises.rm(snapshot.dir, { recursive: true, force: true });
  }
}

/**
 * A refresh, reporting what it changed in the state. The engine reports each refreshed object
 * once, as its outputs event: `same`, `update` (its live values differ) or `delete` (gone).
 */
async function refreshReporting(stack: Stack, options: { parallel?: number; onEvent: (e: EngineEvent) => void }, lines: PlanLine[], shard: string, unchanged: { count: number }) {
  await stack.refresh({
    parallel: options.parallel,
    onEvent: (event) => {
      options.onEvent(event);
      const outputs = event.resOutputsEvent?.metadata;
      if (!outputs || !VENDOR_KINDS.has(kindOfType(outputs.type))) return;
      if (outputs.op === "same") unchanged.count++;
      else lines.push({ op: outputs.op === "delete" ? "gone" : "refreshed", kind: kindOfType(outputs.type), key: nameOfUrn(outputs.urn), shard, fields: outputs.diffs ?? [] });
    },
  });
}

/** The inputs a step changes: the provider's own list when it gave one, else those whose old and new values differ (secrets are masked alike). */
function changedFields(step: StepEventMetadata): string[] {
  if (step.diffs && step.diffs.length > 0) return step.diffs;
  const [olds, news] = [step.old?.inputs ?? {}, step.new?.inputs ?? {}];
  return [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => k !== "__provider" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
}

const SIGN: Record<string, string> = { create: "+", update: "~", replace: "+-", "create-replacement": "+-", "delete-replaced": "+-", delete: "-", refreshed: "~", gone: "-" };
const VERB: Record<string, string> = { preview: "Plan", up: "Applied", refresh: "Refreshed", destroy: "Destroyed" };

/** The combined report: one line per object step, sorted by kind and key, then the totals. */
export function planReport(base: string, operation: string, lines: PlanLine[], unchanged: number, shardCount: number): string {
  // A replacement is several steps of one object: shown once.
  const seen = new Set<string>();
  const shown = lines
    .map((l) => (["create-replacement", "delete-replaced"].includes(l.op) ? { ...l, op: "replace" } : l))
    .filter((l) => {
      const id = `${l.op} ${l.kind} ${l.key} ${l.shard}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort((a, b) => compareText(a.kind, b.kind) || compareText(a.key, b.key) || compareText(a.shard, b.shard));
  const out = [`${VERB[operation]} for ${base} (${shardCount} shard${shardCount === 1 ? "" : "s"}):`];
  for (const l of shown) out.push(`  ${(SIGN[l.op] ?? " ").padEnd(2)} ${l.op.padEnd(9)} ${l.kind} ${l.key}  [${l.shard}]${l.fields.length > 0 ? `  (${[...l.fields].sort().join(", ")})` : ""}`);
  const totals = new Map<string, number>();
  for (const l of shown) totals.set(l.op, (totals.get(l.op) ?? 0) + 1);
  const summary = [...totals].sort(([a], [b]) => compareText(a, b)).map(([op, n]) => `${n} ${op}`);
  out.push(`${shown.length === 0 ? "No changes" : summary.join(", ")}; ${unchanged} unchanged.`);
  return out.join("\n");
}

/** Runs `work` on each item, at most `limit` at once. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(runners);
}

/** The base stack's secrets provider when its settings file names one, for the shards to share. */
async function readSecretsProvider(workDir: string, base: string): Promise<string | undefined> {
  for (const extension of ["yaml", "yml", "json"]) {
    const file = path.join(workDir, `Pulumi.${base}.${extension}`);
    if (!fs.existsSync(file)) continue;
    const match = /^secretsprovider:\s*(\S+)/m.exec(fs.readFileSync(file, "utf8"));
    if (match && match[1] !== "passphrase") return match[1];
  }
  return undefined;
}

