/**
 * The file-backend repair `contact-center recover` runs first: which backend a command uses,
 * and the metadata files a kill left truncated, removed while everything else stays.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { backendUrlOf, fileBackendRoot, repairTruncatedMetadata } from "../../cli/file-backend-repair";

const scratches: string[] = [];
const scratch = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-repair-"));
  scratches.push(dir);
  return dir;
};
afterAll(() => scratches.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

test("the backend is the environment's, else the project file's, else the login's", () => {
  const project = scratch();
  const home = scratch();
  expect(backendUrlOf(project, { PULUMI_BACKEND_URL: "file:///x", PULUMI_HOME: home })).toBe("file:///x");
  expect(backendUrlOf(project, { PULUMI_HOME: home })).toBeUndefined();
  fs.writeFileSync(path.join(home, "credentials.json"), JSON.stringify({ current: "file://~" }));
  expect(backendUrlOf(project, { PULUMI_HOME: home })).toBe("file://~");
  fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: p\nruntime: nodejs\nbackend:\n  url: file://./state\n");
  expect(backendUrlOf(project, { PULUMI_HOME: home })).toBe("file://./state");
});

test("only a file backend has a folder to repair; relative and home paths resolve as Pulumi resolves them", () => {
  expect(fileBackendRoot("file:///var/state", "/p")).toBe("/var/state");
  expect(fileBackendRoot("file://./state", "/p")).toBe("/p/state");
  expect(fileBackendRoot("file://~", "/p", { HOME: "/home/ops" })).toBe("/home/ops");
  expect(fileBackendRoot("file://~/s?no_tmp_dir=true", "/p", { HOME: "/home/ops" })).toBe("/home/ops/s");
  expect(fileBackendRoot("postgres://db/pulumi", "/p")).toBeUndefined();
  expect(fileBackendRoot("https://api.pulumi.com", "/p")).toBeUndefined();
  expect(fileBackendRoot(undefined, "/p")).toBeUndefined();
});

test("an empty or cut-off .attrs is removed; sound ones, state files and other folders stay", () => {
  const root = scratch();
  const stacks = path.join(root, ".pulumi", "stacks", "proj");
  fs.mkdirSync(stacks, { recursive: true });
  const sound = JSON.stringify({ "user.content_type": "application/octet-stream" });
  fs.writeFileSync(path.join(stacks, "prod.json"), "{}");
  fs.writeFileSync(path.join(stacks, "prod.json.attrs"), "");
  fs.writeFileSync(path.join(stacks, "prod.json.bak.attrs"), sound.slice(0, 10));
  fs.writeFileSync(path.join(stacks, "dev.json.attrs"), sound);
  fs.writeFileSync(path.join(root, "outside.attrs"), "");

  expect(repairTruncatedMetadata(root).map((f) => path.relative(root, f)).sort()).toEqual([
    ".pulumi/stacks/proj/prod.json.attrs",
    ".pulumi/stacks/proj/prod.json.bak.attrs",
  ]);
  expect(fs.readdirSync(stacks).sort()).toEqual(["dev.json.attrs", "prod.json"]);
  expect(fs.existsSync(path.join(root, "outside.attrs"))).toBe(true);
  // Nothing left to repair.
  expect(repairTruncatedMetadata(root)).toEqual([]);
  expect(repairTruncatedMetadata(scratch())).toEqual([]);
});
