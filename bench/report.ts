/**
 * The benchmark's results: their shape (the JSON file), how calls are classed, and the
 * Markdown table the README shows.
 */

import type { PeakMemory } from "./memory";

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
  /** Peak resident memory during the step (bench/memory.ts). */
  memory?: PeakMemory;
}

/**
 * A part of a step (`--span`): the stack held `from` resources when the measured run began and
 * `to` when it ended. A create grown from 5,000 to 7,500 resources is the part of a 10,000 create
 * between those sizes: each resource step costs what it costs there, the state being as large.
 */
export interface Span {
  from: number;
  to: number;
}

/** A step of the engine floor (bench/floor.ts): N dynamic resources whose provider calls nothing. */
export interface FloorStep {
  step: StepName;
  wallMs: number;
  state?: StepResult["state"];
  memory?: PeakMemory;
  /** Only a part of the step was measured (--span). */
  span?: Span;
}

export const STEPS = ["create up", "no-op preview", "no-op up", "refresh", "10% up", "destroy"] as const;
export type StepName = (typeof STEPS)[number];

/**
 * What `--from <step>` and `--to <step>` make of a step: from the one to the other, each is
 * measured; before `from`, those that change the stack (the create and the 10% up) run
 * unmeasured, without checkpoints, only to set the stack up (the engine writes the state once
 * instead of after every resource step, so a 10,000-object stack is there in minutes, not hours,
 * and is the same stack); the others, and every step after `to`, are skipped.
 */
export function roleOf(step: StepName, from: StepName | undefined, to?: StepName): "measure" | "set up" | "skip" {
  if (to !== undefined && STEPS.indexOf(step) > STEPS.indexOf(to)) return "skip";
  if (from === undefined || STEPS.indexOf(step) >= STEPS.indexOf(from)) return "measure";
  return step === "create up" || step === "10% up" ? "set up" : "skip";
}

export interface SizeResult {
  n: number;
  mix: Record<string, number>;
  /** Objects the 10% step changes. */
  changed: number;
  steps: StepResult[];
  /** The same steps for N resources that call nothing, on the same CLI (absent with --no-floor). */
  floor?: FloorStep[];
  /** Total wall time of this size, CLI and baseline together. */
  totalMs: number;
  error?: string;
  /** On the copies written after each step while the size runs: a file that keeps it was cut short there. */
  unfinished?: true;
  /** With --from: the steps run without checkpoints to set the stack up (roleOf), calls and memory not counted. */
  setUp?: StepName[];
  /** Their wall times: what the same step costs without checkpoints. */
  setUpMs?: Partial<Record<StepName, number>>;
  /** The same for the floor's stack. */
  floorSetUpMs?: Partial<Record<StepName, number>>;
}

export interface BenchResults {
  date: string;
  settings: {
    sizes: number[]; latencyMs: number; sessionCap: number; parallel: number; skipCheckpoints?: boolean; shardSize?: number; concurrency?: number;
    from?: StepName; to?: StepName; span?: Span;
    /** false with --no-tenant: only the floor ran. */
    tenant?: boolean;
  };
  environment: { node: string; pulumi: string; cpus: number; platform: string };
  sizes: SizeResult[];
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const ratio = (a: number, b: number | undefined) => (b === undefined ? "" : b === 0 ? (a === 0 ? "=" : "∞") : `${(a / b).toFixed(2)}×`);

/** The short table's columns. */
const COLUMNS = [
  "N", "step", "wall s", "baseline s", "×baseline", "floor s", "×floor", "logins", "reads", "writes", "calls", "baseline calls", "×baseline",
  "state B/resource", "floor B/resource", "peak MB CLI / Node", "floor peak MB",
];

/** A row of the short table that says something of a size instead of measuring a step, as wide as the others. */
const noteRow = (n: number, label: string, text: string): string => `| ${n} | ${label} | ${text} |${" |".repeat(COLUMNS.length - 3)}`;

/** What the settings line says of the steps measured: --from, --to, --span, --no-tenant. */
function stepsMeasured(settings: BenchResults["settings"]): string {
  const { from, to, span, tenant } = settings;
  const parts = [];
  if (tenant === false) parts.push("the engine floor only");
  if (span && from) parts.push(`only a part of the floor's ${from}, from ${span.from} to ${span.to} resources in the stack (the steps before it set the stack up)`);
  else if (from || to) parts.push(`measured ${from ? `from the ${from}` : "from the start"}${to ? ` to the ${to}` : ""}${from ? " (the steps before it set the stack up or were skipped)" : ""}`);
  return parts.map((part) => `, ${part}`).join("");
}

/** A step's label: its name, and the part of it measured. */
const stepLabel = (name: StepName, span: Span | undefined) => (span ? `${name}, ${span.from} → ${span.to} resources` : name);

/** The short table: one row per step and size. */
export function markdownTable(results: BenchResults): string {
  const { latencyMs, sessionCap, parallel, skipCheckpoints, shardSize, concurrency } = results.settings;
  const lines = [
    `Emulator latency ${latencyMs} ms per call, CCE session cap ${sessionCap}, \`--parallel ${parallel}\`` +
      `${skipCheckpoints ? ", PULUMI_SKIP_CHECKPOINTS=true" : ""}` +
      stepsMeasured(results.settings) +
      `${shardSize ? `, sharded: \`contact-center shards\` with stacks of about ${shardSize} objects, ${concurrency} at once (state and memory summed over the shards)` : ""}; ` +
      `${results.environment.cpus} CPUs, Node ${results.environment.node}, Pulumi ${results.environment.pulumi}; ${results.date.slice(0, 10)}.`,
    "",
    `| ${COLUMNS.join(" | ")} |`,
    `|${COLUMNS.map((column) => (column === "step" ? "---" : "---:")).join("|")}|`,
  ];
  for (const size of results.sizes) {
    const setUpRows = (setUpMs: SizeResult["setUpMs"], names: StepName[], whose: string) => {
      for (const name of names) {
        const ms = setUpMs?.[name];
        lines.push(noteRow(size.n, name, `${whose}set up without checkpoints${ms === undefined ? "" : ` in ${seconds(ms)} s`}, not measured`));
      }
    };
    setUpRows(size.setUpMs, size.setUp ?? [], "");
    setUpRows(size.floorSetUpMs, Object.keys(size.floorSetUpMs ?? {}) as StepName[], "floor: ");
    for (const name of STEPS) {
      const step = size.steps.find((measured) => measured.step === name);
      const f = size.floor?.find((floor) => floor.step === name);
      if (step || f) lines.push(stepRow(size.n, name, step, f));
    }
    if (size.unfinished) {
      // The floor runs after the tenant's steps: with the tenant, a size cut short in the floor stopped before "the floor".
      const floorOnly = results.settings.tenant === false;
      const done = floorOnly ? (size.floor ?? []) : size.steps;
      const next = STEPS.find((name) => roleOf(name, results.settings.from, results.settings.to) === "measure" && !done.some((step) => step.step === name));
      const before = next === undefined ? "the floor" : floorOnly ? `the floor's ${next}` : next;
      lines.push(noteRow(size.n, "**cut short**", `the run stopped after ${seconds(size.totalMs)} s, before ${before}`));
    }
    if (size.error) lines.push(noteRow(size.n, "**failed**", size.error.replace(/\|/g, "\\|").split("\n")[0].slice(0, 200)));
  }
  lines.push(
    "",
    "Calls include the CCE logins; `logins` counts `POST login/login` (Oracle, risk-cc and the UC portal authenticate every call with Basic or bearer credentials, so they have none).",
    `The floor is the same CLI with N dynamic resources whose provider calls nothing (bench/floor.ts)${results.settings.shardSize ? ", in as many stacks as the tenant's shards, of the same sizes, run in the same waves and as many at once" : ""}. ` +
      "Peak MB: resident memory of the Go processes (CLI, language host, plugins) / the Node processes (program, provider hosts), the tenant's and the floor's.",
  );
  const growth = growthTable(results);
  if (growth) lines.push("", growth);
  return lines.join("\n");
}

/**
 * A measured step's row: the tenant's cells and the floor's same step beside them; with the
 * floor alone (--no-tenant), the tenant's cells are empty. One cell per entry of COLUMNS.
 */
function stepRow(n: number, name: StepName, step: StepResult | undefined, f: FloorStep | undefined): string {
  const b = step?.baseline;
  const cells = [
    n, stepLabel(name, f?.span),
    step ? seconds(step.wallMs) : "", b ? seconds(b.wallMs) : "", step && b ? (b.calls.total === 0 ? "–" : ratio(step.wallMs, b.wallMs)) : "",
    f ? seconds(f.wallMs) : "", step && f ? ratio(step.wallMs, f.wallMs) : "",
    step?.calls.logins ?? "", step?.calls.reads ?? "", step?.calls.writes ?? "", step?.calls.total ?? "",
    b ? b.calls.total : "", step && b ? ratio(step.calls.total, b.calls.total) : "",
    step ? (step.state?.bytesPerResource ?? "–") : "", f ? (f.state?.bytesPerResource ?? "–") : "",
    peakMb(step?.memory), peakMb(f?.memory),
  ];
  return `| ${cells.join(" | ")} |`;
}

/** A peak-memory cell: CLI / Node, in MB. */
const peakMb = (memory: PeakMemory | undefined): string => (memory ? `${memory.cliMb} / ${memory.programMb}` : "");

/**
 * How each step's wall time grows between consecutive sizes: the exponent k in t ∝ N^k
 * (1 is linear, 2 quadratic), for the tenant and for the floor.
 */
export function growthTable(results: BenchResults): string | undefined {
  const sizes = results.sizes.filter((size) => !size.error && (size.steps.length > 0 || (size.floor ?? []).length > 0));
  if (sizes.length < 2) return undefined;
  const exponent = (a: number, b: number, n1: number, n2: number) => (a > 0 && b > 0 ? (Math.log(b / a) / Math.log(n2 / n1)).toFixed(2) : "–");
  const lines = ["Growth of the wall time between sizes (k in t ∝ N^k):", "", "| step | N | k | floor k |", "|---|---|---:|---:|"];
  for (const name of STEPS) {
    for (let i = 1; i < sizes.length; i++) {
      const [small, large] = [sizes[i - 1], sizes[i]];
      const ours = [small, large].map((size) => size.steps.find((step) => step.step === name)?.wallMs ?? 0);
      // A part of a step (--span) is not the step: no exponent from it.
      const floor = [small, large].map((size) => size.floor?.find((step) => step.step === name && !step.span)?.wallMs ?? 0);
      lines.push(`| ${name} | ${small.n} → ${large.n} | ${exponent(ours[0], ours[1], small.n, large.n)} | ${exponent(floor[0], floor[1], small.n, large.n)} |`);
    }
  }
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
