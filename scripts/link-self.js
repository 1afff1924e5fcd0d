#!/usr/bin/env node
// Makes this package resolvable by its own name from programs inside the repo (the demo,
// the examples, the end-to-end test programs), exactly as it is for users who install it:
// node_modules/pulumi-contact-center -> the repo. Providers load their implementation by
// package name inside the provider process, so this link is what lets them do it here.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-contact-center");
if (!fs.existsSync(path.join(root, "node_modules"))) process.exit(0);
try {
  fs.rmSync(link, { recursive: false, force: true });
} catch {}
fs.symlinkSync("..", link, "dir");
