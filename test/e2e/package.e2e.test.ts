/**
 * The package as a user gets it: `npm pack` of a source tree without dist/ (the tracked files of
 * this checkout, as a fresh clone has them), installed into a new project outside the
 * repository, then loaded every way a user loads it (CommonJS, ESM, TypeScript types, the two
 * bins, the schema path the docs give) and used: a program of that project runs `pulumi up`
 * through the real CLI against the bundled emulator, with the provider served from the
 * installed package's stable lifecycle exports.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { cceConfig, expectConverged, useCceEmulator } from "./harness";
import { LIFECYCLE_MODULES } from "../../provider/core/lifecycle-provider";
import { cceDemoCredentials } from "../../emulator";

const repo = path.resolve(__dirname, "../..");
const emulator = useCceEmulator();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-package-"));
const app = path.join(work, "app");
let tarball = "";
let source = "";

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`);
  }
}
const node = (args: string[], cwd = app) => run(process.execPath, args, cwd);

beforeAll(() => {
  // The tracked (and new, not ignored) files of this checkout: no dist/, as in a fresh clone.
  source = path.join(work, "source");
  const files = run("git", ["ls-files", "--cached", "--others", "--exclude-standard"], repo).split("\n").filter(Boolean);
  for (const file of files) {
    if (!fs.existsSync(path.join(repo, file))) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(source, file)), { recursive: true });
    fs.copyFileSync(path.join(repo, file), path.join(source, file));
  }
  expect(fs.existsSync(path.join(source, "dist"))).toBe(false);
  fs.symlinkSync(path.join(repo, "node_modules"), path.join(source, "node_modules"), "dir");
  const packed = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", work], source)) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, packed[0].filename);
  (globalThis as { packedFiles?: string[] }).packedFiles = packed[0].files.map((f) => f.path);

  fs.mkdirSync(app);
  const pulumiVersion = JSON.parse(fs.readFileSync(path.join(repo, "node_modules/@pulumi/pulumi/package.json"), "utf8")).version as string;
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "my-contact-center", private: true, dependencies: { "pulumi-contact-center": `file:${tarball}`, "@pulumi/pulumi": pulumiVersion } }, null, 2));
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], app);
}, 600_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

test("the tarball carries the built code, the schemas and the licence, and none of the build's own scripts", () => {
  const files = (globalThis as { packedFiles?: string[] }).packedFiles!;
  for (const expected of ["dist/index.js", "dist/index.d.ts", "dist/cli/main.js", "dist/emulator/main.js", "schema/contact-center.schema.json", "LICENSE", "README.md", "package.json"]) {
    expect(files).toContain(expected);
  }
  expect(files.filter((f) => /^(scripts|bench|test|dist\/bench|dist\/scripts)\//.test(f))).toEqual([]);
  // One copy of the SDK: the project's own, which the package takes as a peer.
  expect(fs.existsSync(path.join(app, "node_modules/pulumi-contact-center/node_modules/@pulumi/pulumi"))).toBe(false);
});

test("it loads as CommonJS and as ESM, its types compile, and only its public paths resolve", () => {
  expect(node(["-e", "const c = require('pulumi-contact-center'); console.log(typeof c.CceUser, typeof c.declareContactCenterFromFile)"]).trim()).toBe("function function");
  expect(node(["--input-type=module", "-e", "import { SkillGroup, loadContactCenter } from 'pulumi-contact-center'; console.log(typeof SkillGroup, typeof loadContactCenter)"]).trim()).toBe("function function");
  expect(node(["-e", "console.log(typeof require('pulumi-contact-center/emulator').startEmulator)"]).trim()).toBe("function");

  // In a folder of its own: a tsconfig.json beside Pulumi.yaml would make Pulumi compile the program with it.
  const typecheck = path.join(app, "typecheck");
  fs.mkdirSync(typecheck);
  fs.writeFileSync(path.join(typecheck, "check.ts"), 'import { CceUser, CceUserArgs } from "pulumi-contact-center";\nconst args: CceUserArgs = { loginName: "a@DEM", template: "t@DEM", userType: "agent", firstName: "A", lastName: "B", phone: "55501" };\nexport const make = () => new CceUser("a", args);\n');
  fs.writeFileSync(path.join(typecheck, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: "node16", moduleResolution: "node16", target: "ES2022", skipLibCheck: true, types: [] }, files: ["check.ts"] }));
  node([path.join(repo, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], typecheck);

  // The paths a state or a document names resolve; the package's internals do not.
  const resolves = (specifier: string) => node(["-e", `try { require.resolve(${JSON.stringify(specifier)}); console.log("yes") } catch (e) { console.log(e.code) }`]).trim();
  expect(resolves("pulumi-contact-center/schema/contact-center.schema.json")).toBe("yes");
  expect(resolves("pulumi-contact-center/lifecycle-provider")).toBe("yes");
  for (const [name, file] of Object.entries(LIFECYCLE_MODULES)) {
    expect([name, resolves(`pulumi-contact-center/lifecycles/${name}`)]).toEqual([name, "yes"]);
    // What release 0.1.0 stored in every state.
    expect([file, resolves(`pulumi-contact-center/dist/provider/${file}`)]).toEqual([file, "yes"]);
  }
  expect(resolves("pulumi-contact-center/dist/provider/cce/client")).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
});

test("its two commands run: contact-center validates a file, contact-center-emulator serves", async () => {
  fs.writeFileSync(path.join(app, "bad.yaml"), "cce:\n  skillGroups:\n    Sales: { peripheral: CUCM_PG_1, serviceLevelThreshold: -5 }\n");
  const validate = spawnCapture(path.join(app, "node_modules/.bin/contact-center"), ["validate", "bad.yaml"]);
  const { code, stdout, stderr } = await validate;
  expect(code).toBe(1);
  expect(stdout + stderr).toMatch(/serviceLevelThreshold/);

  const server = spawn(path.join(app, "node_modules/.bin/contact-center-emulator"), ["--port", "0"], { cwd: app, stdio: ["ignore", "pipe", "pipe"] });
  try {
    const ready = await new Promise<string>((resolve, reject) => {
      let out = "";
      server.stdout.on("data", (chunk) => {
        out += chunk;
        if (out.includes("\n")) resolve(out.split("\n")[0]);
      });
      server.on("exit", (exit) => reject(new Error(`the emulator exited (${exit})`)));
    });
    const { url } = JSON.parse(ready) as { url: string };
    expect((await fetch(`${url}/_emulator/health`)).status).toBe(200);
  } finally {
    server.kill("SIGTERM");
  }
});

test("a program of the new project runs `pulumi up` against the emulator, served by the installed package, and converges", async () => {
  fs.writeFileSync(path.join(app, "Pulumi.yaml"), "name: my-contact-center\nruntime: nodejs\n");
  fs.writeFileSync(
    path.join(app, "index.js"),
    'const { SkillGroup } = require("pulumi-contact-center");\nconst group = new SkillGroup("billing", { peripheral: "CUCM_PG_1", name: "Packaged_Billing", description: "from the tarball" });\nexports.skillTargetId = group.skillTargetId;\n',
  );
  const backend = fs.mkdtempSync(path.join(work, "backend-"));
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: "dev", workDir: app },
    { pulumiHome: fs.mkdtempSync(path.join(work, "home-")), envVars: { PULUMI_BACKEND_URL: `file://${backend}`, PULUMI_CONFIG_PASSPHRASE: "package-test", PULUMI_SKIP_UPDATE_CHECK: "true" } },
  );
  const { username, password } = cceDemoCredentials.admin;
  await stack.setAllConfig(cceConfig(emulator.url, username, password));
  await stack.up();
  const state = filesText(backend);
  // The state names the package's stable exports, not its files.
  expect(state).toContain('require(\\"pulumi-contact-center/lifecycle-provider\\").lifecycleProvider(\\"pulumi-contact-center/lifecycles/cce/skill-group\\")');
  expect(state).not.toContain("pulumi-contact-center/dist/");
  expect((await emulator.portal.skillGroupsNamed(emulator.session, "Packaged_Billing"))[0].description).toBe("from the tarball");
  await expectConverged({ stack } as never);
});

test("a git install builds the package and loads", () => {
  // The source tree as a repository of its own, installed as `npm i git+<url>` does: npm clones
  // it, installs its dev dependencies and runs its prepare, which builds dist/.
  const git = (...args: string[]) => run("git", ["-c", "user.name=test", "-c", "user.email=test@example.com", ...args], source);
  // The link to this checkout's node_modules (for the pack) must not be committed: npm would install into it.
  fs.unlinkSync(path.join(source, "node_modules"));
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "source");
  const project = path.join(work, "git-app");
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "from-git", private: true }));
  const pulumiVersion = JSON.parse(fs.readFileSync(path.join(repo, "node_modules/@pulumi/pulumi/package.json"), "utf8")).version as string;
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", `git+file://${source}`, `@pulumi/pulumi@${pulumiVersion}`], project);
  expect(fs.existsSync(path.join(project, "node_modules/pulumi-contact-center/dist/index.js"))).toBe(true);
  expect(node(["-e", "console.log(typeof require('pulumi-contact-center').CceUser)"], project).trim()).toBe("function");
}, 600_000);

function filesText(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8"))
    .join("\n");
}

function spawnCapture(command: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: app, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}
