/**
 * The `contact-center` tool's conventions, the same for every command: one argument parser
 * that refuses what it does not know (before any call), `--version`, `-` for standard input,
 * annotations a pull request shows inline (`validate --format github`), progress as one live
 * line on a terminal and a message every few seconds elsewhere, and colour only where wanted.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { colourFor, ProgressLine } from "../../cli/command";
import { main } from "../../cli/main";
import { githubAnnotation } from "../../cli/validate";
import { captureIo } from "../support/command-io";

const repo = path.resolve(__dirname, "../..");
const BAD = "cce:\n  skillGroups:\n    - { peripheral: CUCM_PG_1, name: Sales, serviceLevelThreshold: 9000 }\n";

test.each(["validate", "drift", "export", "probe", "allow-delete", "recover", "conformance"])("%s refuses an unknown option, naming it, with its usage and exit 1", async (command) => {
  const { io, out, err } = captureIo();
  expect(await main([command, "--jsn"], io)).toBe(1);
  expect(out).toEqual([]);
  expect(err.join("\n")).toMatch(new RegExp(`^contact-center ${command}: unknown option --jsn\\n\\nusage: contact-center ${command}`));
});

test.each([
  [["validate", "x.yaml", "--json=yes"], "contact-center validate: --json takes no value"],
  [["export", "--out"], "contact-center export: --out needs a value"],
  [["recover", "--stack", "--force"], "contact-center recover: --stack needs a value"],
  [["validate", "x.yaml", "--format", "sarif"], 'contact-center validate: --format is text, json, github, got "sarif"'],
  [["shards", "up", "--jsn"], "contact-center shards: unknown option --jsn"],
  [["shards", "apply", "--stack", "prod"], 'contact-center shards: unknown shards command "apply": one of preview, up, refresh, drift, destroy, move, recover'],
  [["shards", "up", "--stack", "prod", "--concurrency", "0"], 'contact-center shards: --concurrency must be a positive whole number, got "0"'],
  [["shards", "up"], "contact-center shards: --stack <name> is required"],
])("%j is refused: %s", async (args, message) => {
  const { io, err } = captureIo();
  expect(await main(args, io)).toBe(1);
  expect(err.join("\n").split("\n")[0]).toBe(message);
});

test("--version prints the package's version", async () => {
  const { io, out } = captureIo();
  expect(await main(["--version"], io)).toBe(0);
  expect(out).toEqual([JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8")).version]);
});

test("validate - reads the declaration from standard input (the built command)", () => {
  const cliPath = path.join(repo, "dist/cli/main.js");
  const bad = spawnSync(process.execPath, [cliPath, "validate", "-"], { input: BAD, encoding: "utf8" });
  expect(bad.status).toBe(1);
  expect(bad.stdout).toMatch(/^<stdin>:3:\d+: .*serviceLevelThreshold must be -1 \(the peripheral's default\) or 0 to 7200 seconds, got 9000/);
  const good = spawnSync(process.execPath, [cliPath, "validate", "-"], { input: "cce:\n  skillGroups:\n    - { peripheral: CUCM_PG_1, name: Sales, adopt: true }\n", encoding: "utf8" });
  expect([good.status, good.stdout.trim()]).toEqual([0, "-: valid (1 file(s))"]);
});

test("a report of megabytes reaches a pipe whole: the command ends once its output is written", async () => {
  // 20,000 problems, about 3 MB of JSON: more than a pipe holds, as a sharded plan of 10,000 objects is.
  const groups = Array.from({ length: 20_000 }, (_, i) => `    - { peripheral: CUCM_PG_1, name: G${i}, serviceLevelThreshold: 9000 }`).join("\n");
  const child = spawn(process.execPath, [path.join(repo, "dist/cli/main.js"), "validate", "-", "--format", "json"], { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stdin.end(`cce:\n  skillGroups:\n${groups}\n`);
  const code = await new Promise((resolve) => child.on("close", resolve));
  expect(code).toBe(1);
  expect(stdout.length).toBeGreaterThan(1_000_000);
  expect(JSON.parse(stdout)).toHaveLength(20_000);
});

test("validate --format github prints one annotation per problem, escaped as the runner reads it", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-annotations-"));
  const file = path.join(dir, "bad.yaml");
  fs.writeFileSync(file, BAD);
  const { io, out } = captureIo();
  expect(await main(["validate", "--format", "github", file], io)).toBe(1);
  expect(out).toHaveLength(1);
  expect(out[0]).toMatch(new RegExp(`^::error file=${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")},line=3,col=\\d+,title=contact-center validate::.*got 9000$`));
  expect(githubAnnotation({ file: "a,b:c.yaml", line: 1, column: 2, path: "", message: "50% done\nnext" })).toBe(
    "::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=contact-center validate::50%25 done%0Anext",
  );
  fs.rmSync(dir, { recursive: true, force: true });
});

test("without the Pulumi CLI on PATH, the commands that run it say so instead of `spawn pulumi ENOENT`", async () => {
  const saved = process.env.PATH;
  const emptyBin = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-no-pulumi-"));
  process.env.PATH = emptyBin;
  try {
    for (const args of [["drift", "--stack", "prod"], ["recover", "--stack", "prod"], ["allow-delete", "--stack", "prod", "user", "a@DEM"], ["conformance", "--stack", "prod"], ["shards", "up", "--stack", "prod"]]) {
      const { io, err } = captureIo();
      expect([args[0], await main(args, io)]).toEqual([args[0], 1]);
      expect(err.join("\n")).toMatch(new RegExp(`^contact-center ${args[0]}: the Pulumi CLI \\(\`pulumi\`\\) is not on PATH, and this command runs it: install it`));
    }
  } finally {
    process.env.PATH = saved;
    fs.rmSync(emptyBin, { recursive: true, force: true });
  }
});

test("progress: one live line on a terminal; elsewhere the latest message every few seconds, the pending one before other output", () => {
  const written: string[] = [];
  const terminal = new ProgressLine({ write: (t) => written.push(t), isTTY: true, columns: 30 });
  for (let i = 1; i <= 3; i++) terminal.show(`refreshed ${i}/10000: a resource with a long name`);
  terminal.settle();
  expect(written).toEqual([...[1, 2, 3].map((i) => `\r\x1b[2Krefreshed ${i}/10000: a resourc…`), "\r\x1b[2K"]);

  const log: string[] = [];
  let now = 0;
  const ci = new ProgressLine({ write: (t) => log.push(t), isTTY: false }, () => now, 5_000);
  ci.show("refreshing 10000 resource(s)");
  for (let i = 1; i <= 10_000; i++) {
    now = i; // 10,000 messages within 10 seconds
    ci.show(`refreshed ${i}/10000`);
  }
  ci.show("comparing with the declaration");
  ci.settle();
  // Each phase as it starts; within one, a message every 5 s and the last before the next phase.
  expect(log).toEqual([
    "refreshing 10000 resource(s)\n",
    "refreshed 1/10000\n",
    "refreshed 5001/10000\n",
    "refreshed 10000/10000\n",
    "comparing with the declaration\n",
  ]);
});

test("colour only on a terminal, and never with NO_COLOR or TERM=dumb", () => {
  expect(colourFor({ isTTY: true }, {})("failed", "red")).toBe("\x1b[31mfailed\x1b[0m");
  expect(colourFor({ isTTY: true }, { NO_COLOR: "1" })("failed", "red")).toBe("failed");
  expect(colourFor({ isTTY: true }, { TERM: "dumb" })("failed", "red")).toBe("failed");
  expect(colourFor({ isTTY: false }, {})("failed", "red")).toBe("failed");
});
