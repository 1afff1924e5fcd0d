/**
 * The diagrams in the docs are Mermaid, which the code host renders; each must parse with
 * Mermaid's own parser (scripts/check-diagrams.mjs), or the reader sees an error box instead.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const repo = path.resolve(__dirname, "../..");
const markdownFiles = ["README.md", "CONTRIBUTING.md", ...fs.readdirSync(path.join(repo, "docs"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f))];
const check = (files: string[]) => spawnSync(process.execPath, [path.join(repo, "scripts/check-diagrams.mjs"), ...files], { cwd: repo, encoding: "utf8" });

test("every Mermaid diagram in the README, CONTRIBUTING and docs/ parses; the getting-started guide has its pictures", () => {
  const result = check(markdownFiles);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  const diagrams = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as { file: string; diagramType: string });
  expect(diagrams.filter((d) => d.file === "docs/getting-started.md").map((d) => d.diagramType)).toEqual(["flowchart-v2", "flowchart-v2"]);
}, 60_000);

test("a diagram that does not parse is named by file and line", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-diagram-"));
  const file = path.join(dir, "broken.md");
  try {
    fs.writeFileSync(file, "# Broken\n\n```mermaid\nflowchart LR\n  A[program --> B\n```\n");
    const result = check([file]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${file}:4: this Mermaid diagram does not parse`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
