#!/usr/bin/env node
// npm's `prepare`: runs after `npm install`/`npm ci` in this repository, when the package is
// installed from git (npm clones it, installs its dev dependencies and runs this), and before
// `npm pack`/`npm publish`. Whatever is installed or packed must carry a built dist/, so this
// compiles it, then links the package to its own name (scripts/link-self.js).
"use strict";
const { execFileSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
let tsc;
try {
  tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
} catch {
  // No TypeScript (an install without dev dependencies): whatever dist/ there is stays.
}
if (tsc) execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.json")], { cwd: root, stdio: "inherit" });
require("./link-self.js");
