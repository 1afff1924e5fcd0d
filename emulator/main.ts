#!/usr/bin/env node
/**
 * Command line: `node dist/emulator/main.js --port N [--latency MS] [--session-cap N] [--variant NAME ...]`
 * (variants: emulator/variants.ts; `--variant list` prints them).
 * Binds 127.0.0.1 (port 0 = any free port), prints one JSON line with the URLs and the demo
 * login once ready, and runs until SIGINT or SIGTERM.
 */
import { CCE_BASE_PATH, cceDemoCredentials, startEmulator } from "./index";
import { VARIANT_NAMES, VARIANTS, Variant } from "./variants";

interface CliOptions {
  port: number;
  latencyMs?: number;
  sessionCap?: number;
  variants?: Variant[];
}

const FLAGS: Record<string, "port" | "latencyMs" | "sessionCap"> = { "--port": "port", "--latency": "latencyMs", "--session-cap": "sessionCap" };

/** Parses the arguments; throws with a usage line on anything it does not understand. */
export function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { port: 0 };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split("=", 2) as [string, string | undefined];
    if (flag === "--variant") {
      const name = inline ?? argv[++i];
      if (!(VARIANT_NAMES as string[]).includes(name ?? "")) {
        throw new Error(`--variant must be one of:\n${VARIANT_NAMES.map((v) => `  ${v}: ${VARIANTS[v]}`).join("\n")}\ngot '${name ?? ""}'`);
      }
      options.variants = [...(options.variants ?? []), name as Variant];
      continue;
    }
    const key = FLAGS[flag];
    if (!key) throw new Error(`unknown argument '${argv[i]}'`);
    const value = inline ?? argv[++i];
    if (value === undefined || !/^\d+$/.test(value)) throw new Error(`${flag} needs a whole number >= 0, got '${value ?? ""}'`);
    options[key] = Number(value);
  }
  if (options.port > 65535) throw new Error(`--port must be 0 to 65535, got ${options.port}`);
  return options;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.some((arg, i) => arg === "--variant=list" || (arg === "--variant" && argv[i + 1] === "list"))) {
    process.stdout.write(`${VARIANT_NAMES.map((v) => `${v}: ${VARIANTS[v]}`).join("\n")}\n`);
    return;
  }
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: main.js --port N [--latency MS] [--session-cap N] [--variant NAME ...]\n`);
    process.exit(2);
  }
  const emulator = await startEmulator({ ...options, host: "127.0.0.1" });
  const { username, password } = cceDemoCredentials.admin;
  // Exactly one line, so a parent process can read it and go.
  process.stdout.write(`${JSON.stringify({ url: emulator.url, cce: { url: `${emulator.url}${CCE_BASE_PATH}`, username, password } })}\n`);

  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`emulator failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
}
