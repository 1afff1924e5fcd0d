#!/usr/bin/env node
/**
 * `contact-center`: the command-line tool for configuration kept as a YAML file.
 *   contact-center validate <file|folder>   offline checks, with file, line and column
 *   contact-center drift                    what differs between the live tenant and the file
 *   contact-center export                   the YAML that declares a live tenant
 *   contact-center probe memberships        whether one call answers a platform's memberships
 *   contact-center allow-delete             let the next up delete named objects that cannot be restored
 *   contact-center recover                  after a killed run: settle its pending creates and stale lock
 *   contact-center shards <preview|up|...> a sharded declaration as one stack per shard, in one run
 *   contact-center conformance              what the provider relies on, checked read-only against the live systems
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Command, CommandIo, paintersOf, processIo, UsageError } from "./command";

/** Loaded lazily so `--help` and `validate` do not pay for the Automation API. */
const commands: Record<string, () => Command> = {
  validate: () => require("./validate").validateCommand,
  drift: () => require("./drift").driftCommand,
  export: () => require("./export").exportCommand,
  probe: () => require("./probe").probeCommand,
  "allow-delete": () => require("./allow-delete").allowDeleteCommand,
  recover: () => require("./recover").recoverCommand,
  conformance: () => require("./conformance").conformanceCommand,
  shards: () => require("./shards").shardsCommand,
};

const SUMMARIES: Record<string, string> = {
  validate: "check a contact-center YAML file (or folder) offline: no credentials, no calls",
  drift: "report what differs between the live tenant and the declared file (refreshing preview)",
  export: "write the YAML that declares a live tenant, ready to adopt on the first up",
  probe: "ask the live CCE portal a question the documents leave open (read-only)",
  "allow-delete": "let the next up delete named objects whose deletion cannot be undone",
  recover: "after a killed run: record what it created, clear its pending operations and stale lock",
  conformance: "check, read-only, what the provider relies on against the live vendor systems (run it first)",
  shards: "reconcile a sharded declaration as one stack per shard: preview, up, refresh, drift, destroy, move",
};

function usage(): string {
  return [
    "usage: contact-center <command> [options]",
    "",
    "commands:",
    ...Object.keys(commands).map((name) => `  ${name.padEnd(13)} ${SUMMARIES[name]}`),
    "",
    "`contact-center <command> --help` describes a command; `contact-center --version` prints the version.",
  ].join("\n");
}

/** The package's version, from the package.json above this file (cli/ in the source, dist/cli/ built). */
function version(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
  }
  return "unknown";
}

export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.out(usage());
    return name ? 0 : 1;
  }
  if (name === "--version" || name === "-V") {
    io.out(version());
    return 0;
  }
  const load = commands[name];
  if (!load) {
    io.err(`contact-center: unknown command "${name}"\n\n${usage()}`);
    return 1;
  }
  const command = load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const red = (text: string) => paintersOf(io).err(text, "red");
    if (error instanceof UsageError) {
      io.err(`${red(`contact-center ${name}:`)} ${error.message}\n\n${command.help}`);
      return 1;
    }
    io.err(`${red(`contact-center ${name}:`)} ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/**
 * Resolves once what was written to `stream` has been handed to the system. A pipe is written
 * asynchronously: `process.exit` right after a large report (a sharded plan of 10,000 objects is
 * a megabyte) would cut it short, and a pipeline reading the totals line would miss it.
 */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then(async (code) => {
      await Promise.all([drained(process.stdout), drained(process.stderr)]);
      return code;
    })
    .then((code) => process.exit(code));
}
