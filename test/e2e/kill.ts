/**
 * Killing a run as a lost machine would: `pulumi up` started as a pipeline starts it, its whole
 * process group killed with SIGKILL once the vendors have taken a number of writes, and what a
 * kill must leave checked. Shared by the killed-run tests on the file and PostgreSQL backends.
 */
import { ChildProcess, spawn } from "node:child_process";
import * as fs from "node:fs";
import type { EmulatorControl } from "../support/portal";
import { type CliRun, contactCenter, type TestStack } from "./harness";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The recovery and the runs look for late commits this long (the emulator commits within its latency). */
export const LATE_COMMIT_SECONDS = "5";

function runEnv(t: TestStack, marker: string): NodeJS.ProcessEnv {
  const workspace = t.stack.workspace;
  return { ...process.env, ...workspace.envVars, PULUMI_HOME: workspace.pulumiHome!, PCC_KILLED_RUN_MARKER: marker, CONTACT_CENTER_LATE_COMMIT_SECONDS: LATE_COMMIT_SECONDS };
}

/** What a killed-run test starts unless told otherwise: `pulumi up` of the test stack. */
export const PULUMI_UP = ["pulumi", "up", "--yes", "--skip-preview", "--non-interactive", "--stack", "test"];

/** `command` (`pulumi up`) as a pipeline starts it, in a process group of its own so the test can kill the group. */
export function startUp(t: TestStack, marker: string, env: NodeJS.ProcessEnv = {}, command = PULUMI_UP): { child: ChildProcess; output: () => string; exited: () => boolean } {
  const child = spawn(command[0], command.slice(1), {
    cwd: t.stack.workspace.workDir,
    env: { ...runEnv(t, marker), ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let exited = false;
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  child.on("exit", () => (exited = true));
  return { child, output: () => output, exited: () => exited };
}

/** The processes still running with the run's marker in their environment (Linux /proc). */
function processesOf(marker: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/environ`, "latin1").includes(`PCC_KILLED_RUN_MARKER=${marker}`)) continue;
      found.push(`${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").replace(/\0/g, " ").slice(0, 120)}`);
    } catch {
      // ended meanwhile, or not ours to read
    }
  }
  return found;
}

const writesSince = async (control: EmulatorControl, seq: number) => (await control.journal()).filter((call) => call.seq > seq && call.write).length;
const lastSeq = async (control: EmulatorControl) => (await control.journal()).at(-1)?.seq ?? 0;

/**
 * Starts an `up` (or `command`), kills its whole process group once the vendors have taken `killAfter` writes,
 * and checks what a kill must leave: every process the run started ends within seconds, nothing
 * is written after the calls in flight are answered, and the run's CCE session was logged out.
 */
export async function killUpAfterWrites(control: EmulatorControl, t: TestStack, round: string, killAfter: number, env: NodeJS.ProcessEnv = {}, command = PULUMI_UP): Promise<void> {
  const marker = `${round}-${process.pid}`;
  const start = await lastSeq(control);
  const run = startUp(t, marker, env, command);
  while ((await writesSince(control, start)) < killAfter) {
    if (run.exited()) throw new Error(`${round}: the up ended before its kill point (${killAfter} writes):\n${run.output()}`);
    await sleep(25);
  }
  process.kill(-run.child.pid!, "SIGKILL");
  const killedAt = Date.now();
  const atKill = await lastSeq(control);
  // Calls in flight at the kill are answered within the emulator's latency; later ones were sent after it.
  await sleep(500);
  const inFlightAnswered = await lastSeq(control);

  let left = processesOf(marker);
  while (left.length > 0 && Date.now() - killedAt < 20_000) {
    await sleep(250);
    left = processesOf(marker);
  }
  expect(left).toEqual([]);
  console.log(`${round}: killed after ${await writesSince(control, start)} writes; every process of the run gone ${Date.now() - killedAt} ms after the kill`);
  const quiet = await lastSeq(control);
  await sleep(2_000);
  expect(await lastSeq(control)).toBe(quiet);
  const after = (await control.journal()).filter((call) => call.seq > atKill);
  expect(after.filter((call) => call.seq > inFlightAnswered && call.write).map((call) => `${call.method} ${call.path}`)).toEqual([]);
  expect(after.some((call) => call.path.endsWith("/login/logout"))).toBe(true);
}

/** `contact-center recover` of the test stack, as the docs say to run it after a kill. */
export const recover = (t: TestStack): Promise<CliRun> => contactCenter(t, ["recover", "--stack", "test"], { CONTACT_CENTER_LATE_COMMIT_SECONDS: LATE_COMMIT_SECONDS });

/** Recovers a stack whose run was killed: it succeeds (its stderr shown when not) and removes the dead run's lock. */
export async function recoverKilledRun(t: TestStack): Promise<CliRun> {
  const recovery = await recover(t);
  expect({ code: recovery.code, stderr: recovery.code === 0 ? "" : recovery.stderr }).toEqual({ code: 0, stderr: "" });
  expect(recovery.stderr).toContain("removing the stack's lock: the run that took it no longer runs");
  return recovery;
}
