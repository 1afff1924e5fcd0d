#!/usr/bin/env node
// Parses every Mermaid diagram (```mermaid blocks) in the given Markdown files with Mermaid's
// own parser, as the code host will when it renders them; prints one JSON line per diagram and
// exits 1 on the first that does not parse, naming its file and line.
//   node scripts/check-diagrams.mjs README.md docs/getting-started.md ...
import * as fs from "node:fs";
import { parseHTML } from "linkedom";

// Mermaid sanitises labels with DOMPurify, which needs a DOM; linkedom is a small one.
const { window } = parseHTML("<!doctype html><html><body></body></html>");
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import("mermaid");

let failed = false;
for (const file of process.argv.slice(2)) {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== "```mermaid") continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end].trim() !== "```") end++;
    const text = lines.slice(start, end).join("\n");
    try {
      const { diagramType } = await mermaid.parse(text);
      console.log(JSON.stringify({ file, line: start + 1, diagramType }));
    } catch (error) {
      console.error(`${file}:${start + 1}: this Mermaid diagram does not parse: ${String(error.message ?? error).split("\n").slice(0, 4).join(" ")}`);
      failed = true;
    }
    i = end;
  }
}
process.exit(failed ? 1 : 0);
