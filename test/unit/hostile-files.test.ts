/**
 * Declaration files as an attacker (or an accident) would make them, read by the loader behind
 * `validate`, `preview` and `up` (config/read-files.ts, config/load.ts). Whatever the file, the
 * answer is a problem at a position, promptly, never the content of what the file should not
 * have led to: a link to /proc/self/environ must not print the environment (the pipeline posts
 * the output on pull requests), a FIFO must not hang, /dev/zero must not fill the memory.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { main } from "../../cli/main";
import { loadContactCenter, MAX_ALIASES } from "../../config/load";

const project = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-hostile-project-"));
const outside = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-hostile-outside-"));
afterAll(() => {
  fs.rmSync(project, { recursive: true, force: true });
  fs.rmSync(outside, { recursive: true, force: true });
});

const VALID = "cce:\n  skillGroups:\n    - { peripheral: CUCM_PG_1, name: Sales, adopt: true }\n";
const write = (folder: string, name: string, text: string | Buffer) => {
  const file = path.join(folder, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
};
const link = (name: string, to: string) => {
  const file = path.join(project, name);
  fs.symlinkSync(to, file);
  return file;
};
/** The loader as preview runs it: the project folder is the current folder. */
const load = (file: string, options = {}) => loadContactCenter(file, { root: project, ...options });

async function validate(...args: string[]) {
  const printed: string[] = [];
  const cwd = process.cwd();
  process.chdir(project);
  try {
    const code = await main(["validate", ...args], { out: (t) => printed.push(t), err: (t) => printed.push(t), progress: (t) => printed.push(t) });
    return { code, text: printed.join("\n") };
  } finally {
    process.chdir(cwd);
  }
}

test("a link to /proc/self/environ is refused without printing a byte of the environment", async () => {
  process.env.PCC_TEST_SECRET = "Secret-Value-4711";
  try {
    const file = link("environ.yaml", "/proc/self/environ");
    const { problems, config } = await load(file);
    expect(config).toBeUndefined();
    expect(problems).toEqual([{ file, line: 1, column: 1, path: "", message: "is not a declaration file: its link leads to a path that lies under /proc" }]);
    const cli = await validate("environ.yaml");
    expect(cli.code).toBe(1);
    expect(cli.text).not.toContain("Secret-Value-4711");
    expect(cli.text).not.toContain(process.env.PATH!);
    // Named directly, too.
    expect((await load("/proc/self/environ")).problems[0].message).toBe("is not a declaration file: it lies under /proc");
  } finally {
    delete process.env.PCC_TEST_SECRET;
  }
});

test("devices, FIFOs and folders that are not declarations are refused at once, before they are opened", async () => {
  expect((await load(link("zero.yaml", "/dev/zero"))).problems[0].message).toBe("is not a declaration file: its link leads to a path that lies under /dev");
  const fifo = path.join(project, "pipe.yaml");
  execFileSync("mkfifo", [fifo]);
  const started = Date.now();
  expect((await load(fifo)).problems[0].message).toBe("is a FIFO (named pipe), not a regular file");
  expect(Date.now() - started).toBeLessThan(5_000);
});

test("a file larger than the limit is refused, not cut; NUL bytes and other encodings are not YAML text", async () => {
  const big = write(project, "big.yaml", `# ${"x".repeat(3000)}\n${VALID}`);
  expect((await load(big, { maxFileBytes: 2048 })).problems[0].message).toBe(
    `is ${fs.statSync(big).size.toLocaleString("en-US")} bytes, larger than the 2,048 bytes a declaration file may be (CONTACT_CENTER_MAX_FILE_BYTES)`,
  );
  expect((await load(big)).problems).toEqual([]);
  expect((await load(write(project, "nul.yaml", Buffer.from("cce: {}\n\0PATH=/usr/bin\n")))).problems[0].message).toBe("holds a NUL byte: it is not a text file");
  expect((await load(write(project, "latin1.yaml", Buffer.from([0x63, 0x63, 0x65, 0x3a, 0x20, 0xe9, 0x0a])))).problems[0].message).toBe("is not UTF-8 text");
});

test("a link is followed inside the project; one leading out of it is refused unless outside files are allowed", async () => {
  const inside = write(project, "real/tenant.yaml", VALID);
  expect((await load(link("inside.yaml", inside))).problems).toEqual([]);
  const away = link("away.yaml", write(outside, "tenant.yaml", VALID));
  expect((await load(away)).problems[0].message).toMatch(/^is a symbolic link to a path outside the project folder .*: a link is followed only inside it\. .*CONTACT_CENTER_ALLOW_OUTSIDE=1/);
  expect((await load(away, { allowOutside: true })).problems).toEqual([]);
  expect((await validate("away.yaml", "--allow-outside")).code).toBe(0);
  // A file named directly is the reader's own choice, wherever it is.
  expect((await load(path.join(outside, "tenant.yaml"))).problems).toEqual([]);
  // In a folder, each file is judged on its own.
  fs.mkdirSync(path.join(project, "folder"));
  write(project, "folder/a.yaml", VALID);
  fs.symlinkSync("/proc/self/environ", path.join(project, "folder/b.yaml"));
  const folder = await load(path.join(project, "folder"));
  expect(folder.problems.map((p) => [path.basename(p.file), p.message])).toEqual([["b.yaml", "is not a declaration file: its link leads to a path that lies under /proc"]]);
});

test("aliases: a bomb, a cycle, one with no anchor and too many are refused at their position; a few plain ones are fine", async () => {
  const lists = ["a: &a [x, x, x, x, x, x, x, x, x]"];
  for (const [from, to] of [["a", "b"], ["b", "c"], ["c", "d"], ["d", "e"], ["e", "f"]]) lists.push(`${to}: &${to} [*${from}, *${from}, *${from}, *${from}, *${from}, *${from}, *${from}, *${from}, *${from}]`);
  const bomb = await load(write(project, "bomb.yaml", `${lists.join("\n")}\n`));
  expect(bomb.problems).toEqual([expect.objectContaining({ line: 2, column: 8, message: `aliases expand into more than ${MAX_ALIASES} copies: an alias bomb is not read` })]);

  const cycle = await load(write(project, "cycle.yaml", "cce: &loop\n  skillGroups:\n    - *loop\n"));
  expect(cycle.problems).toEqual([expect.objectContaining({ line: 3, column: 7, message: "alias *loop is inside the node it names (a cycle)" })]);

  const unknown = await load(write(project, "dangling.yaml", "cce:\n  skillGroups: *nowhere\n"));
  expect(unknown.problems).toEqual([expect.objectContaining({ line: 2, column: 16, message: "alias *nowhere names no anchor before it" })]);

  const many = await load(write(project, "many.yaml", `x: &x 1\ny: [${Array.from({ length: MAX_ALIASES + 1 }, () => "*x").join(", ")}]\n`));
  expect(many.problems.map((p) => p.message)).toEqual([expect.stringContaining(`more than ${MAX_ALIASES} aliases`)]);

  const roles = "[customer.user, customer.user.uc]";
  const fine = await load(write(project, "fine.yaml", `ucportal:\n  customerUsers:\n    - { email: a@acme.example, displayName: A, roles: &uc ${roles} }\n    - { email: b@acme.example, displayName: B, roles: *uc }\n`));
  expect(fine.problems).toEqual([]);
});

test("tags other than YAML's own are refused where they are, not read as text", async () => {
  const file = write(project, "tags.yaml", 'cce:\n  skillGroups:\n    - peripheral: CUCM_PG_1\n      name: !!js/function "function () { return 1 }"\n      description: !Ref other\n');
  expect((await load(file)).problems.map((p) => [p.line, p.column, p.message])).toEqual([
    [4, 13, "Unresolved tag: tag:yaml.org,2002:js/function: only YAML's own tags are read (no !!js/..., no custom tags)"],
    [5, 20, "Unresolved tag: !Ref: only YAML's own tags are read (no !!js/..., no custom tags)"],
  ]);
});

test("a value in a message is cut short: a 5 MB name makes a short line", async () => {
  const name = "N".repeat(5 * 1024 * 1024);
  const { problems } = await load(write(project, "long.yaml", `cce:\n  skillGroups:\n    - { peripheral: CUCM_PG_1, name: ${name} }\n`));
  expect(problems).toHaveLength(1);
  expect(problems[0].message.length).toBeLessThan(400);
  expect(problems[0].message).toContain(`… (${(name.length + 2).toLocaleString("en-US")} characters)`);
});
