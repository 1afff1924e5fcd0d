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

/** Splits `--name value`, `--name=value` and `--flag` from positional arguments. */
export function parseArgs(args: string[], flags: readonly string[] = []): { positional: string[]; options: Record<string, string | true> } {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) options[name] = inline;
    else if (flags.includes(name) || i + 1 >= args.length || args[i + 1].startsWith("--")) options[name] = true;
    else options[name] = args[++i];
  }
  return { positional, options };
}
