/**
 * The benchmark's own arithmetic and sampling (bench/report.ts, bench/memory.ts): the growth
 * exponent between sizes, the peak memory of the processes a run starts, and a sharded
 * tenant's shard counts and summed state.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { splitEvenly } from "../../bench/floor";
import { MARKER_VARIABLE, sampleMemory } from "../../bench/memory";
import { parseArgs } from "../../bench/options";
import { type BenchResults, growthTable, markdownTable, roleOf, STEPS } from "../../bench/report";
import { stacksNamed, stateOfStacks } from "../../bench/state-file";
import { shardsFor, tenantFor, total, yamlFor } from "../../bench/workload";

const size = (n: number, wallMs: (step: string) => number, floorMs: (step: string) => number) => ({
  n,
  mix: {},
  changed: 0,
  totalMs: 0,
  steps: STEPS.map((step) => ({ step, wallMs: wallMs(step), calls: { logins: 0, reads: 0, writes: 0, total: 0, byEndpoint: {} } })),
  floor: STEPS.map((step) => ({ step, wallMs: floorMs(step) })),
});

const benchResults = (sizes: BenchResults["sizes"]): BenchResults => ({
  date: "2026-12-01T00:00:00Z",
  settings: { sizes: sizes.map((s) => s.n), latencyMs: 20, sessionCap: 5, parallel: 10 },
  environment: { node: "v20", pulumi: "3.259.0", cpus: 2, platform: "linux x64" },
  sizes,
});

test("the growth exponent is k in t ∝ N^k, per step, for the tenant and the floor", () => {
  // Ten times the objects: the create takes 100 times as long (quadratic), the floor's 10 times (linear).
  const results = benchResults([size(100, (s) => (s === "create up" ? 1_000 : 500), () => 2_000), size(1000, (s) => (s === "create up" ? 100_000 : 500), () => 20_000)]);
  const table = growthTable(results)!;
  expect(table).toContain("| create up | 100 → 1000 | 2.00 | 1.00 |");
  expect(table).toContain("| refresh | 100 → 1000 | 0.00 | 1.00 |");
  expect(growthTable({ ...results, sizes: results.sizes.slice(0, 1) })).toBeUndefined();
});

test("a step's row gives the peak memory of the tenant and of the floor", () => {
  const measured = size(1000, () => 10_000, () => 5_000);
  measured.steps[0] = { ...measured.steps[0], memory: { cliMb: 412, programMb: 1154 } } as (typeof measured.steps)[number];
  measured.floor[0] = { ...measured.floor[0], memory: { cliMb: 300, programMb: 900 } } as (typeof measured.floor)[number];
  const rows = markdownTable(benchResults([measured])).split("\n");
  expect(rows.find((row) => row.startsWith("| 1000 | create up |"))).toMatch(/\| 412 \/ 1154 \| 300 \/ 900 \|$/);
  // A step without a sample leaves both cells empty, in a row as wide as the header.
  const noOp = rows.find((row) => row.startsWith("| 1000 | no-op preview |"))!;
  expect(noOp).toMatch(/\|  \|  \|$/);
  expect(noOp.split("|")).toHaveLength(rows.find((row) => row.startsWith("| N |"))!.split("|").length);
});

test("a size cut short names the step it stopped before, and its growth counts only the steps it has", () => {
  const full = size(1000, () => 10_000, () => 10_000);
  const cut = { ...size(10000, () => 100_000, () => 0), floor: undefined, totalMs: 250_000, unfinished: true as const };
  cut.steps = cut.steps.slice(0, 2); // create and no-op preview measured, the no-op up under way
  const table = markdownTable(benchResults([full, cut]));
  expect(table).toContain("| 10000 | **cut short** | the run stopped after 250.0 s, before no-op up |");
  expect(table).not.toContain("| 1000 | **cut short**");
  expect(table).toContain("| create up | 1000 → 10000 | 1.00 |");
  expect(table).toContain("| destroy | 1000 → 10000 | – |");
});

test("--from measures from its step: the changing steps before it set the stack up, the others are skipped", () => {
  const setUp = (from: (typeof STEPS)[number] | undefined) => STEPS.filter((step) => roleOf(step, from) === "set up");
  expect(setUp(undefined)).toEqual([]);
  expect(setUp("create up")).toEqual([]);
  expect(setUp("no-op preview")).toEqual(["create up"]);
  expect(setUp("destroy")).toEqual(["create up", "10% up"]);
  expect(roleOf("refresh", "10% up")).toBe("skip");
  expect(roleOf("10% up", "10% up")).toBe("measure");
  expect(roleOf("create up", undefined)).toBe("measure");

  // Measured from the 10% up, cut short during the destroy.
  const cut = { ...size(10000, () => 100_000, () => 0), floor: undefined, totalMs: 900_000, unfinished: true as const, setUp: ["create up" as const], setUpMs: { "create up": 88_000 } };
  cut.steps = cut.steps.filter((step) => step.step === "10% up");
  const table = markdownTable({ ...benchResults([cut]), settings: { ...benchResults([]).settings, sizes: [10000], from: "10% up" } });
  expect(table).toContain("measured from the 10% up");
  expect(table).toContain("| 10000 | create up | set up without checkpoints in 88.0 s, not measured |");
  expect(table).toContain("| 10000 | 10% up | 100.0 |");
  expect(table).not.toContain("| 10000 | no-op preview |");
  expect(table).toContain("| 10000 | **cut short** | the run stopped after 900.0 s, before destroy |");
});

test("--to ends the steps measured: every step after it is skipped, even one that changes the stack", () => {
  expect(STEPS.map((step) => roleOf(step, "no-op preview", "10% up"))).toEqual(["set up", "measure", "measure", "measure", "measure", "skip"]);
  expect(STEPS.map((step) => roleOf(step, undefined, "no-op preview"))).toEqual(["measure", "measure", "skip", "skip", "skip", "skip"]);
});

test("the step options are checked together before anything runs", () => {
  const parse = (line: string) => parseArgs(line.match(/"[^"]*"|\S+/g)!.map((word) => word.replace(/"/g, "")));
  expect(parse('--sizes 10000 --no-tenant --from "create up" --span 5000:7500')).toMatchObject({ tenant: false, from: "create up", to: "create up", span: { from: 5000, to: 7500 } });
  expect(parse("--sizes 10000 --no-tenant --from destroy --span 10000:0").span).toEqual({ from: 10000, to: 0 });
  expect(parse('--from "no-op preview" --to "10% up"')).toMatchObject({ from: "no-op preview", to: "10% up", tenant: true });
  expect(() => parse('--from destroy --to "create up"')).toThrow('--to "create up" comes before --from "destroy"');
  expect(() => parse("--no-tenant --no-floor")).toThrow("leaves nothing to measure");
  // A span is a part of the floor's one stack: not the tenant's, not the shards'.
  expect(() => parse('--sizes 10000 --from "create up" --span 0:5000')).toThrow("it needs --no-tenant");
  expect(() => parse('--sizes 10000 --no-tenant --shard-size 500 --from "create up" --span 0:5000')).toThrow("it needs --no-tenant");
  // A create grows the stack, a destroy shrinks it; other steps have no part.
  expect(() => parse('--sizes 10000 --no-tenant --from "create up" --span 7500:5000')).toThrow('--span needs --from "create up" (FROM < TO');
  expect(() => parse("--sizes 10000 --no-tenant --from destroy --span 0:5000")).toThrow("(FROM > TO: it shrinks), got --from \"destroy\" --span 0:5000");
  expect(() => parse('--sizes 10000 --no-tenant --from "10% up" --span 0:5000')).toThrow("--span needs");
  expect(() => parse('--sizes 10000 --no-tenant --from "create up" --to destroy --span 0:5000')).toThrow("--span measures one step");
  expect(() => parse('--sizes 3000 --no-tenant --from "create up" --span 0:5000')).toThrow("--span 0:5000 reaches 5000 resources, more than --sizes 3000");
  expect(() => parse("--span 5000-7500")).toThrow('--span must be FROM:TO, resources in the stack when the part begins and when it ends, got "5000-7500"');
});

test("the floor alone: its steps' rows, the part of a step measured, its set-up and where it was cut short", () => {
  const floorOnly = (floor: BenchResults["sizes"][number]["floor"], extra: Partial<BenchResults["sizes"][number]> = {}) => ({ n: 10000, mix: {}, changed: 0, totalMs: 3_600_000, steps: [], floor, ...extra });
  const part = floorOnly([{ step: "create up", wallMs: 4_000_000, state: { bytes: 37_500_000, resources: 7500, bytesPerResource: 5000 }, memory: { cliMb: 2000, programMb: 1500 }, span: { from: 5000, to: 7500 } }], {
    floorSetUpMs: { "create up": 60_000 },
  });
  const settings = { ...benchResults([]).settings, sizes: [10000], tenant: false, from: "create up" as const, to: "create up" as const, span: { from: 5000, to: 7500 } };
  const table = markdownTable({ ...benchResults([part]), settings });
  expect(table).toContain("the engine floor only, only a part of the floor's create up, from 5000 to 7500 resources in the stack");
  expect(table).toContain("| 10000 | create up | floor: set up without checkpoints in 60.0 s, not measured |");
  const rows = table.split("\n");
  const row = rows.find((line) => line.startsWith("| 10000 | create up, 5000 → 7500 resources |"))!;
  const cells = row.split("|").map((cell) => cell.trim());
  const header = rows.find((line) => line.startsWith("| N |"))!.split("|").map((cell) => cell.trim());
  expect(cells).toHaveLength(header.length);
  // Each figure under its own column; the tenant's are empty.
  expect(cells[header.indexOf("floor s")]).toBe("4000.0");
  expect(cells[header.indexOf("floor B/resource")]).toBe("5000");
  expect(cells[header.indexOf("floor peak MB")]).toBe("2000 / 1500");
  expect(cells[header.indexOf("wall s")]).toBe("");
  // A part of a step is not the step: no growth exponent from it.
  const whole = floorOnly([{ step: "create up", wallMs: 1_000_000 }], { n: 3000 });
  expect(growthTable({ ...benchResults([whole, part]), settings })).toContain("| create up | 3000 → 10000 | – | – |");

  // Cut short in the floor's 10% up, with the tenant left out: named as the floor's.
  const cut = floorOnly([{ step: "no-op preview", wallMs: 100_000 }, { step: "no-op up", wallMs: 100_000 }, { step: "refresh", wallMs: 50_000 }], { unfinished: true });
  const cutTable = markdownTable({ ...benchResults([cut]), settings: { ...benchResults([]).settings, sizes: [10000], tenant: false, from: "no-op preview", to: "10% up" } });
  expect(cutTable).toContain("measured from the no-op preview to the 10% up");
  expect(cutTable).toContain("| 10000 | **cut short** | the run stopped after 3600.0 s, before the floor's 10% up |");
});

test("the memory sampler sees the Node processes that carry the run's marker, and only those", async () => {
  const run = `unit-${process.pid}`;
  const sampler = sampleMemory(run, 50);
  // A run whose name the first one's begins with: not the same run.
  const other = sampleMemory(`unit-${String(process.pid).slice(0, -1)}`, 50);
  // A Node process holding about 64 MB for a moment, started with the marker.
  const child = spawn(process.execPath, ["-e", "const b = Buffer.alloc(64 * 1024 * 1024, 1); setTimeout(() => b.length, 600);"], {
    env: { ...process.env, [MARKER_VARIABLE]: run },
    stdio: "ignore",
  });
  await new Promise((resolve) => child.on("exit", resolve));
  const peak = sampler.stop();
  expect(peak.programMb).toBeGreaterThanOrEqual(64);
  expect(peak.cliMb).toBe(0);
  expect(other.stop()).toEqual({ cliMb: 0, programMb: 0 });
});

test("sharded, the tenant's stacks hold about --shard-size objects each: skill groups apart, the rest hashed over the parts", () => {
  const mix = tenantFor(10_000).mix;
  const counts = shardsFor(mix, 500);
  expect(counts).toEqual({ skillGroups: 1, objects: Math.ceil((total(mix) - mix.skillGroups) / 500) });
  expect(shardsFor(tenantFor(100).mix, 500)).toEqual({ skillGroups: 1, objects: 1 });
  // The file it writes is a sharded declaration the loader accepts as it is.
  expect(yamlFor(tenantFor(100), { shards: counts })).toMatch(/^shards:\n {2}skillGroups: 1\n {2}objects: \d+\n/m);
});

test("the sharded floor's stacks split the resources near-equally, none lost", () => {
  expect(splitEvenly(9_500, 19)).toEqual(Array(19).fill(500));
  expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
  expect(splitEvenly(2, 3)).toEqual([1, 1, 0]);
  const mix = tenantFor(3_000).mix;
  const { objects } = shardsFor(mix, 500);
  expect(splitEvenly(total(mix) - mix.skillGroups, objects).reduce((a, b) => a + b, 0)).toBe(total(mix) - mix.skillGroups);
});

test("the state of a sharded tenant is the sum of its shards' states", () => {
  const backend = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-bench-state-"));
  const dir = path.join(backend, ".pulumi", "stacks", "proj");
  fs.mkdirSync(dir, { recursive: true });
  const stateWith = (resources: number) =>
    JSON.stringify({ checkpoint: { latest: { resources: [{ type: "pulumi:pulumi:Stack" }, ...Array.from({ length: resources }, () => ({ type: "pulumi-nodejs:dynamic/cce:User" }))] } } });
  fs.writeFileSync(path.join(dir, "n1.groups-1.json"), stateWith(2));
  fs.writeFileSync(path.join(dir, "n1.part-1.json"), stateWith(6));
  fs.writeFileSync(path.join(dir, "n10.part-1.json"), stateWith(50));
  try {
    const shards = stacksNamed(backend, "proj", "n1.").sort();
    expect(shards).toEqual(["n1.groups-1", "n1.part-1"]);
    const bytes = Buffer.byteLength(stateWith(2)) + Buffer.byteLength(stateWith(6));
    expect(stateOfStacks(backend, "proj", shards)).toEqual({ bytes, resources: 8, bytesPerResource: Math.round(bytes / 8) });
    expect(stateOfStacks(backend, "proj", [])).toBeUndefined();
  } finally {
    fs.rmSync(backend, { recursive: true, force: true });
  }
});
