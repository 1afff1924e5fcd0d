/**
 * Peak memory of a Pulumi run, sampled from /proc (Linux): every process whose environment
 * carries the run's marker, which the CLI passes on to everything it starts. Go processes (the
 * CLI, its language host and plugins) and Node processes (the program and the dynamic
 * providers) are summed apart, and the peak of each sum is kept.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface PeakMemory {
  /** The CLI with its Go language host and plugins, MB resident. */
  cliMb: number;
  /** The Node processes: the program and the dynamic-provider hosts, MB resident. */
  programMb: number;
}

/** The environment variable that marks a run's processes; its value names the run. */
export const MARKER_VARIABLE = "PCC_BENCH_MARKER";

const residentKb = (pid: string) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);

/**
 * Starts sampling the processes whose MARKER_VARIABLE is `run`; `stop()` returns the peaks
 * (zeros where /proc is not there to read).
 */
export function sampleMemory(run: string, everyMs = 500): { stop(): PeakMemory } {
  const marker = `${MARKER_VARIABLE}=${run}\0`;
  const peak = { cli: 0, program: 0 };
  const sample = () => {
    if (!fs.existsSync("/proc")) return;
    let cli = 0;
    let program = 0;
    for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
      try {
        // Each variable ends with a NUL: no run's marker matches another's that it begins.
        if (!fs.readFileSync(`/proc/${pid}/environ`, "latin1").includes(marker)) continue;
        const executable = path.basename(fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0")[0]);
        if (/^node/.test(executable)) program += residentKb(pid);
        else cli += residentKb(pid);
      } catch {
        // ended meanwhile
      }
    }
    peak.cli = Math.max(peak.cli, cli);
    peak.program = Math.max(peak.program, program);
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return { cliMb: Math.round(peak.cli / 1024), programMb: Math.round(peak.program / 1024) };
    },
  };
}
