#!/usr/bin/env node
// Runs a command with the Pulumi CLI on PATH: a suitable `pulumi` already on PATH (with its
// Node.js language host beside it) is used; otherwise the CLI is built from the Go module
// proxy once and cached (scripts/pulumi-cli/build.sh). The dynamic-provider launcher
// `pulumi-resource-pulumi-nodejs` ships inside the @pulumi/pulumi npm package; its folder
// goes on PATH too. Usage: node scripts/with-pulumi.js <command> [args...]
"use strict";
const { spawnSync, execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const MINIMUM = "3.259.0";

function newerOrEqual(version, minimum) {
  const a = version.replace(/^v/, "").split(/[.-]/).map(Number);
  const b = minimum.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((a[i] || 0) !== b[i]) return (a[i] || 0) > b[i];
  return true;
}

function onPath(name, dirs) {
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {}
  }
  return undefined;
}

function pulumiBinDir() {
  const dirs = (process.env.PATH || "").split(path.delimiter).filter(Boolean);
  const existing = onPath("pulumi", dirs);
  if (existing && onPath("pulumi-language-nodejs", [path.dirname(existing), ...dirs])) {
    try {
      const version = execFileSync(existing, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).trim();
      if (newerOrEqual(version, MINIMUM)) return path.dirname(existing);
      console.error(`pulumi ${version} on PATH is older than ${MINIMUM}; using the project's own build`);
    } catch {}
  }
  const out = execFileSync("bash", [path.join(root, "scripts/pulumi-cli/build.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
  return out.trim().split("\n").pop();
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: with-pulumi.js <command> [args...]");
  process.exit(2);
}
const binDir = pulumiBinDir();
const env = {
  ...process.env,
  PATH: [binDir, path.join(root, "node_modules/@pulumi/pulumi"), path.join(root, "node_modules/.bin"), process.env.PATH].join(path.delimiter),
  PULUMI_SKIP_UPDATE_CHECK: "true",
};
const result = spawnSync(command, args, { stdio: "inherit", env });
if (result.error) {
  console.error(result.error.message);
  process.exit(1);
}
process.exit(result.status ?? 1);
