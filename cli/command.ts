import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs as parseNodeArgs } from "node:util";

/**
 * What every subcommand of the `contact-center` tool provides. `run` returns the exit code:
 * 0 success, 1 failure, and what the command documents beyond that (drift: 2).
 */
export interface Command {
  name: string;
  /** One line for the tool's --help. */
  summary: string;
  /** The command's own --help text: usage, options, exit codes, an example. */
  help: string;
  run(args: string[], io: CommandIo): Promise<number>;
}

/** Where a command writes: injectable so tests read what a user would see. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  /** Progress on long runs; goes to stderr so stdout stays clean for reports. */
  progress(text: string): void;
  /** Colour for what goes to stdout and stderr (plain text where colour is not wanted). */
  colour?: { out: Painter; err: Painter };
}

export type Painter = (text: string, colour: "red" | "green") => string;
const plain: Painter = (text) => text;
/** The painters of an io, plain when it has none (tests, captured output). */
export const paintersOf = (io: CommandIo) => io.colour ?? { out: plain, err: plain };

/** How often progress is written when standard error is not a terminal (a pipeline's log). */
export const PROGRESS_INTERVAL_MS = 5_000;

/** Where progress goes, and whether it is a terminal: injectable for tests. */
export interface ProgressSink {
  write(text: string): void;
  isTTY: boolean;
  columns?: number;
}

/**
 * Progress as people read it. On a terminal, one live line rewritten in place (a run of 10,000
 * objects is one line, not 10,000). Anywhere else (a CI log), each new phase as it starts (a
 * message whose first word differs from the last one's: "selecting...", "refreshing 4
 * resource(s)", "comparing...") and, within a phase, the latest message at most every few
 * seconds, plus whatever was pending when the command prints its result or ends. Results and
 * errors end a live line first, so they never mix with it.
 */
export class ProgressLine {
  private live = false;
  private lastWritten = -Infinity;
  private lastPhase: string | undefined;
  private pending: string | undefined;

  constructor(
    private readonly sink: ProgressSink,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}

  show(text: string): void {
    if (this.sink.isTTY) {
      const width = Math.max(20, (this.sink.columns ?? 80) - 1);
      this.sink.write(`\r\x1b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      this.live = true;
      return;
    }
    const phase = text.split(" ")[0];
    if (phase === this.lastPhase && this.now() - this.lastWritten < this.intervalMs) {
      this.pending = text;
      return;
    }
    if (phase !== this.lastPhase && this.pending !== undefined) this.write(this.pending);
    this.write(text);
  }

  /** Before other output: the live line is cleared, a pending message written. */
  settle(): void {
    if (this.live) this.sink.write("\r\x1b[2K");
    this.live = false;
    if (this.pending !== undefined) this.write(this.pending);
  }

  private write(text: string): void {
    this.pending = undefined;
    this.lastPhase = text.split(" ")[0];
    this.lastWritten = this.now();
    this.sink.write(`${text}\n`);
  }
}

/**
 * Colour for a terminal that wants it: never when NO_COLOR is set (https://no-color.org), TERM
 * is dumb, or the stream is not a terminal (a file, a pipe, a CI log).
 */
export function colourFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Painter {
  const on = stream.isTTY === true && !env.NO_COLOR && env.TERM !== "dumb";
  const codes = { red: 31, green: 32 } as const;
  return (text, colour) => (on ? `\x1b[${codes[colour]}m${text}\x1b[0m` : text);
}

const progressLine = new ProgressLine({
  write: (text) => process.stderr.write(text),
  get isTTY() {
    return process.stderr.isTTY === true;
  },
  get columns() {
    return process.stderr.columns;
  },
});
process.on("exit", () => progressLine.settle());

export const processIo: CommandIo = {
  out: (text) => {
    progressLine.settle();
    process.stdout.write(text.endsWith("\n") ? text : `${text}\n`);
  },
  err: (text) => {
    progressLine.settle();
    process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
  },
  progress: (text) => progressLine.show(text),
  colour: { out: colourFor(process.stdout), err: colourFor(process.stderr) },
};

/** How a command takes its options: node:util's own spec. */
export type OptionSpec = Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>;

/** The options of every command that reads a stack: `--stack <name>` and the project folder `--cwd <dir>`. */
export const STACK_OPTIONS = { stack: { type: "string" }, cwd: { type: "string" } } as const;

/** A command line a command cannot take: main prints it with the command's --help, exit 1. */
export class UsageError extends Error {}

type Parsed<S extends OptionSpec> = {
  [K in keyof S]?: S[K]["type"] extends "boolean" ? boolean : S[K]["multiple"] extends true ? string[] : string;
};

/**
 * Every command's arguments, read one way (node:util `parseArgs`, strict): an unknown option,
 * an option without its value and a value given to a flag are refused, naming the option.
 * `-` is a positional (standard input, where a command takes a file).
 */
export function parseCommandArgs<S extends OptionSpec>(args: string[], spec: S): { options: Parsed<S>; positional: string[] } {
  try {
    const { values, positionals } = parseNodeArgs({ args, options: spec, allowPositionals: true, strict: true });
    return { options: values as Parsed<S>, positional: positionals };
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    const option = /'(-[^' ]*)/.exec(message)?.[1];
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`unknown option ${option}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      throw new UsageError(/argument missing|ambiguous/.test(message) ? `${option} needs a value` : `${option} takes no value`);
    }
    throw new UsageError(message);
  }
}

/**
 * The Automation API these commands use runs the Pulumi CLI found on PATH; without one it
 * fails with a bare `spawn pulumi ENOENT`. Checked before, and said plainly.
 */
export async function loadAutomationApi(env: NodeJS.ProcessEnv = process.env): Promise<typeof import("@pulumi/pulumi/automation")> {
  const names = process.platform === "win32" ? ["pulumi.exe", "pulumi.cmd"] : ["pulumi"];
  const onPath = (env.PATH ?? "").split(path.delimiter).some((dir) => dir !== "" && names.some((name) => fs.existsSync(path.join(dir, name))));
  if (!onPath) {
    throw new Error(
      "the Pulumi CLI (`pulumi`) is not on PATH, and this command runs it: install it (https://www.pulumi.com/docs/iac/download-install/), " +
        "or put the folder that holds it on PATH, then run the command again",
    );
  }
  // Loaded only here: the Automation API is heavy, and --help and argument errors do not need it.
  return import("@pulumi/pulumi/automation");
}
