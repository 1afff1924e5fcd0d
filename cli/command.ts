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
}

export const processIo: CommandIo = {
  out: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  progress: (text) => process.stderr.write(`${text}\n`),
};

/** How a command takes its options: node:util's own spec. */
export type OptionSpec = Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>;

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
