/**
 * A provider process must not outlive its engine. The CLI starts plugins in process groups of
 * their own (so that Ctrl-C reaches the CLI alone), so a `kill -9` of the CLI's group leaves the
 * provider running: it would finish the creates in flight, retry, look for late commits, all
 * for a run whose state will never record them. The watchdog notices that the engine is gone
 * and ends the process, in-flight calls and all, within seconds.
 *
 * How it knows: the host is started as `<host> [flags] <engine address>`, and the engine
 * listens there for as long as it lives. A connection refused on that address, twice in a
 * row, means the engine process is gone (a busy engine still accepts; a connection that only
 * times out is not counted). The probe is a bare TCP connect, closed at once.
 *
 * How it stops: every call not yet sent is refused from then on (a clone in flight does not go
 * on to its update), the vendor sessions are logged out (a killed run would otherwise hold one
 * of the tenant's few sessions for 30 minutes), then the process exits, whatever is in flight.
 */
import * as net from "node:net";
import { Worker } from "node:worker_threads";
import { haltCalls } from "./http";

/** How often the engine is probed, and how many refusals in a row end the process. */
export const PROBE_INTERVAL_MS = 1_000;
export const REFUSALS_TO_STOP = 2;

/** The engine's `host:port` from a plugin's command line: its first argument that is an address. */
export function engineAddressOf(argv: readonly string[]): { host: string; port: number } | undefined {
  for (const arg of argv) {
    const match = /^(127\.0\.0\.1|localhost|\[::1\]|[0-9.]+):(\d{1,5})$/.exec(arg);
    if (match) return { host: match[1].replace(/^\[|\]$/g, ""), port: Number(match[2]) };
  }
  return undefined;
}

/** Whether something listens at the address: false only for a refused connection. */
function listening(address: { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address.host, port: address.port });
    socket.setTimeout(PROBE_INTERVAL_MS * 3);
    const done = (alive: boolean) => {
      socket.destroy();
      resolve(alive);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(true));
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code !== "ECONNREFUSED"));
  });
}

let watching = false;

/**
 * Starts watching the engine whose address is on this process's command line; does nothing
 * outside a plugin host (no address there) or when already watching. `onLost` defaults to
 * ending the process.
 */
export function watchEngine(argv: readonly string[] = process.argv.slice(2), onLost: () => void = stopProcess): boolean {
  const address = engineAddressOf(argv);
  if (!address || watching) return false;
  watching = true;
  let refusals = 0;
  let probing = false;
  const timer = setInterval(async () => {
    if (probing) return;
    probing = true;
    refusals = (await listening(address)) ? 0 : refusals + 1;
    probing = false;
    if (refusals >= REFUSALS_TO_STOP) {
      clearInterval(timer);
      onLost();
    }
  }, PROBE_INTERVAL_MS);
  // The watchdog never keeps a process alive by itself.
  timer.unref();
  return true;
}

/** How long the clean-up before the exit (logouts) may take. */
export const CLEANUP_LIMIT_MS = 3_000;

const cleanups: Array<() => Promise<void>> = [];

/** Registers a clean-up run when the engine is found gone, after calls are halted, before the exit. */
export function beforeStopOnEngineLoss(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

function stopProcess(): void {
  haltCalls("the Pulumi engine is gone (the run was killed)");
  // Standard error may be a broken pipe by now: a failed write must not keep us running.
  try {
    process.stderr.write("contact-center provider: the Pulumi engine is gone; stopping: no further call, sessions logged out\n");
  } catch {
    // nothing to tell anyone
  }
  silenceOutput();
  exitNoMatterWhat(CLEANUP_LIMIT_MS + 1_000);
  const limit = new Promise((resolve) => setTimeout(resolve, CLEANUP_LIMIT_MS).unref());
  void Promise.race([Promise.allSettled(cleanups.map((cleanup) => cleanup())), limit]).finally(() => process.exit(70));
}

/**
 * Nobody reads this process's output any more. The steps halted above fail, and whatever logs
 * their errors writes to a pipe whose reader is gone: each EPIPE raised as an error that is
 * logged again, a loop that would keep the process busy and its timers from ever firing.
 */
function silenceOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", () => undefined);
    stream.write = (() => true) as typeof stream.write;
  }
  process.on("uncaughtException", () => undefined);
  process.on("unhandledRejection", () => undefined);
}

/** A thread of its own ends the process after `ms`, should the main thread never get back to its timers. */
function exitNoMatterWhat(ms: number): void {
  try {
    const worker = new Worker(`setTimeout(() => process.kill(${process.pid}, "SIGKILL"), ${ms});`, { eval: true });
    worker.unref();
  } catch {
    // Without threads, the timer above is the only way out.
  }
}
