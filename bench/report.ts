/**
 * The benchmark's results: their shape (the JSON file), how calls are classed, and the
 * Markdown table the README shows.
 */

export type CallKind = "auth" | "read" | "write";

/**
 * What a vendor call does, from its `METHOD path` as the emulator counts it: CCE calls are all
 * POSTs, so there the endpoint's name says it (`get...` reads, `login/...` is authentication);
 * the REST APIs read with GET.
 */
export function kindOf(endpoint: string): CallKind {
  const [method, path] = endpoint.split(" ");
  if (path.startsWith("/portal/services/login/")) return "auth";
  if (path.startsWith("/portal/services/")) return /^get/.test(path.split("/").pop() ?? "") ? "read" : "write";
  return method === "GET" || method === "HEAD" ? "read" : "write";
}

export const LOGIN_ENDPOINT = "POST /portal/services/login/login";

/**
 * The endpoint with object keys replaced by `{id}`, so that calls of one kind add up: the
 * emulator counts by exact path, and the REST APIs put keys in the path.
 */
export function endpointOf(counted: string): string {
  return counted
    .replace(/(\/resourceUsers)\/[^/]+/, "$1/{id}")
    .replace(/(\/ResourceRoleAssign)\/[^/]+/, "$1/{id}")
    .replace(/(\/customers\/[^/]+\/users)\/[^/]+/, "$1/{id}")
    .replace(/(\/customercare\/v1)\/[^/]+/, "$1/{customerId}");
}

export interface CallCounts {
  total: number;
  logins: number;
  reads: number;
  writes: number;
  byEndpoint: Record<string, number>;
}

export function classify(byEndpoint: Record<string, number>): CallCounts {
  const counts: CallCounts = { total: 0, logins: byEndpoint[LOGIN_ENDPOINT] ?? 0, reads: 0, writes: 0, byEndpoint: {} };
  for (const [counted, n] of Object.entries(byEndpoint).sort(([a], [b]) => a.localeCompare(b))) {
    const endpoint = endpointOf(counted);
    counts.total += n;
    counts.byEndpoint[endpoint] = (counts.byEndpoint[endpoint] ?? 0) + n;
    const kind = kindOf(endpoint);
    if (kind === "read") counts.reads += n;
    if (kind === "write") counts.writes += n;
  }
  return counts;
}

export interface StepResult {
  step: StepName;
  wallMs: number;
  calls: CallCounts;
  /** Resource changes the engine reported (`same` left out). */
  changes?: Record<string, number>;
  /** The stack's state file after the step. */
  state?: { bytes: number; resources: number; bytesPerResource: number | null };
  baseline?: { wallMs: number; calls: CallCounts };
}

export const STEPS = ["create up", "no-op preview", "no-op up", "refresh", "10% up", "destroy"] as const;
export type StepName = (typeof STEPS)[number];

export interface SizeResult {
  n: number;
  mix: Record<string, number>;
  /** Objects the 10% step changes. */
  changed: number;
  steps: StepResult[];
  /** Total wall time of this size, CLI and baseline together. */
  totalMs: number;
  error?: string;
}

export interface BenchResults {
  date: string;
  settings: { sizes: number[]; latencyMs: number; sessionCap: number; parallel: number; skipCheckpoints?: boolean };
  environment: { node: string; pulumi: string; cpus: number; platform: string };
  sizes: SizeResult[];
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const ratio = (a: number, b: number | undefined) => (b === undefined ? "" : b === 0 ? (a === 0 ? "=" : "∞") : `${(a / b).toFixed(2)}×`);

/** The short table: one row per step and size. */
export function markdownTable(results: BenchResults): string {
  const { latencyMs, sessionCap, parallel, skipCheckpoints } = results.settings;
  const lines = [
    `Emulator latency ${latencyMs} ms per call, CCE session cap ${sessionCap}, \`--parallel ${parallel}\`` +
      `${skipCheckpoints ? ", PULUMI_SKIP_CHECKPOINTS=true" : ""}; ` +
      `${results.environment.cpus} CPUs, Node ${results.environment.node}, Pulumi ${results.environment.pulumi}; ${results.date.slice(0, 10)}.`,
    "",
    "| N | step | wall s | baseline s | ×baseline | logins | reads | writes | calls | baseline calls | ×baseline | state B/resource |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const size of results.sizes) {
    for (const step of size.steps) {
      const b = step.baseline;
      lines.push(
        `| ${size.n} | ${step.step} | ${seconds(step.wallMs)} | ${b ? seconds(b.wallMs) : ""} | ${b ? (b.calls.total === 0 ? "–" : ratio(step.wallMs, b.wallMs)) : ""} | ${step.calls.logins} | ` +
          `${step.calls.reads} | ${step.calls.writes} | ${step.calls.total} | ${b ? b.calls.total : ""} | ${b ? ratio(step.calls.total, b.calls.total) : ""} | ` +
          `${step.state?.bytesPerResource ?? "–"} |`,
      );
    }
    if (size.error) lines.push(`| ${size.n} | **failed** | ${size.error.replace(/\|/g, "\\|").split("\n")[0].slice(0, 200)} |||||||||| |`);
  }
  lines.push("", "Calls include the CCE logins; `logins` counts `POST login/login` (Oracle, risk-cc and the UC portal authenticate every call with Basic or bearer credentials, so they have none).");
  return lines.join("\n");
}

/** The per-endpoint breakdown of one size, for the Markdown file (not the README). */
export function endpointTables(size: SizeResult): string {
  const lines = [`### N = ${size.n}: calls by endpoint`, "", `Mix: ${JSON.stringify(size.mix)}; the 10% step changes ${size.changed} objects.`, ""];
  for (const step of size.steps) {
    const endpoints = new Set([...Object.keys(step.calls.byEndpoint), ...Object.keys(step.baseline?.calls.byEndpoint ?? {})]);
    if (endpoints.size === 0) {
      lines.push(`**${step.step}**: no calls${step.baseline ? " (baseline: none)" : ""}.`, "");
      continue;
    }
    lines.push(`**${step.step}** (changes: ${JSON.stringify(step.changes ?? {})})`, "", "| endpoint | kind | pulumi | baseline |", "|---|---|---:|---:|");
    for (const endpoint of [...endpoints].sort()) {
      lines.push(`| \`${endpoint}\` | ${kindOf(endpoint)} | ${step.calls.byEndpoint[endpoint] ?? 0} | ${step.baseline ? (step.baseline.calls.byEndpoint[endpoint] ?? 0) : ""} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

export function markdownReport(results: BenchResults): string {
  return [
    "# Benchmark results",
    "",
    "Generated by `npm run bench` (bench/run.ts); targets and their assessment: [bench/TARGETS.md](../TARGETS.md).",
    "",
    markdownTable(results),
    "",
    ...results.sizes.map(endpointTables),
  ].join("\n");
}
