/**
 * `contact-center validate` and the loader behind it: every problem at its file, line and
 * column with the field, the rule and the value; references and keys across objects and
 * files; the generated JSON Schema accepts what the loader accepts (editors use it).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { main } from "../../cli/main";
import { loadContactCenter } from "../../config/load";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-validate-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Runs the CLI in-process and returns its exit code and what it printed. */
async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), progress: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const example = path.resolve(__dirname, "../../examples/yaml/contact-center.yaml");

test("the example declaration is valid: exit 0", async () => {
  expect(await cli("validate", example)).toMatchObject({ code: 0, out: `${example}: valid (1 file(s))` });
});

test("every problem is reported with its exact position, the field, the rule and the value; exit 1", async () => {
  const file = write(
    "bad.yaml",
    [
      "cce:", //                                                    1
      "  skillGroups:", //                                          2
      "    - peripheral: CUCM_PG_1", //                             3
      "      name: Sales Team", //                                  4
      "  users:", //                                                5
      "    - loginName: dana@DEM", //                               6
      "      template: tmpl.agent@DEM", //                          7
      "      userType: agent", //                                   8
      "      firstName: Dana", //                                   9
      "      lastName: Reyes", //                                   10
      '      phone: "55-01"', //                                    11
      '      agentId: "4101"', //                                   12
      "      skillGroups: [Support]", //                            13
      "      colour: red", //                                       14
      "riskcc:", //                                                 15
      "  tempAllows:", //                                           16
      "    - customerId: u-1", //                                   17
      "      tempAllowType: 4", //                                  18
      '      expirationDate: "2099-01-01T00:00:00Z"', //            19
    ].join("\n"),
  );
  const { code, out } = await cli("validate", file);
  expect(code).toBe(1);
  expect(out.split("\n")).toEqual([
    `${file}:4:13: name must be 1 to 32 letters, digits, '.' or '_', not starting with '.' or '_' (ICM's rule), got "Sales Team"`,
    `${file}:11:14: phone must be digits only (the portal's rule), got "55-01"`,
    `${file}:13:21: skillGroups refers to a skill group this configuration does not declare (declare it under cce.skillGroups, with adopt: true if it exists), got "Support"`,
    `${file}:14:7: colour is not a field here (unknown field), got "red"`,
    `${file}:18:22: tempAllowType must be one of the integers 1, 2, 3 (the levels of customercare.case.tempallow.level.enum), got 4`,
  ]);
});

test("rules across fields and the clock: an agent id on a non-contact-center user, an allow already expired", async () => {
  const file = write(
    "rules.yaml",
    [
      "cce:",
      "  users:",
      "    - loginName: rep@DEM",
      "      template: tmpl.nc@DEM",
      "      userType: nonContactCenter",
      "      firstName: Rita",
      "      lastName: Rep",
      '      phone: "5550000"',
      '      agentId: "12"',
      "riskcc:",
      "  tempAllows:",
      "    - customerId: u-100001",
      "      tempAllowType: 1",
      '      expirationDate: "2020-01-01T00:00:00Z"',
    ].join("\n"),
  );
  const { problems } = await loadContactCenter(file);
  expect(problems.map((p) => [p.line, p.column, p.path])).toEqual([
    [9, 16, "cce.users[0].agentId"],
    [14, 23, "riskcc.tempAllows[0].expirationDate"],
  ]);
  expect(problems[0].message).toBe('agentId applies only to agents and supervisors, not to a nonContactCenter user, got "12"');
  expect(problems[1].message).toContain("must be later than now");
});

test("a folder is merged in name order; a key declared twice is refused where it repeats", async () => {
  write("folder/a.yaml", "cce:\n  skillGroups:\n    - { peripheral: CUCM_PG_1, name: Sales, adopt: true }\n");
  const second = write("folder/b.yaml", "cce:\n  skillGroups:\n    - { peripheral: CUCM_PG_1, name: Sales }\n");
  const { problems, files } = await loadContactCenter(path.join(dir, "folder"));
  expect(files.map((f) => path.basename(f))).toEqual(["a.yaml", "b.yaml"]);
  expect(problems).toEqual([
    expect.objectContaining({ file: second, line: 3, column: 7, message: `skillGroup "CUCM_PG_1.Sales" is declared twice (first at ${path.join(dir, "folder/a.yaml")}:3): keys must be unique` }),
  ]);
});

test("broken YAML is reported at its position", async () => {
  const file = write("broken.yaml", "cce:\n  skillGroups:\n    - peripheral: [CUCM_PG_1\n");
  const { problems } = await loadContactCenter(file);
  expect(problems[0]).toMatchObject({ file, message: expect.stringContaining("not valid YAML") });
  expect(problems[0].line).toBeGreaterThanOrEqual(3);
});

test("the generated JSON Schema accepts the example and refuses an unknown field, as editors will", () => {
  const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../schema/contact-center.schema.json"), "utf8"));
  // Editors check date-times themselves; the rules behind them are the loader's (tested above).
  const validate = new Ajv2020({ strict: false, formats: { "date-time": true } }).compile(schema);
  expect(validate(parse(fs.readFileSync(example, "utf8")))).toBe(true);
  expect(validate({ cce: { skillGroups: [{ peripheral: "CUCM_PG_1", name: "Sales", colour: "red" }] } })).toBe(false);
});

test("--help on the tool and on the command", async () => {
  expect((await cli("--help")).out).toContain("validate");
  expect((await cli("validate", "--help")).out).toContain("usage: contact-center validate <file|folder|->");
});

test("customer users' role rules are checked offline, naming which role needs which", async () => {
  const file = write(
    "roles.yaml",
    [
      "ucportal:",
      "  customerUsers:",
      "    - email: sam@acme.example",
      "      displayName: Sam",
      "      roles: [customer.user.uc.softphone, customer.user.supervisorl1, customer.user.supervisorl3, customer.user]",
      "    - email: tess@acme.example",
      "      displayName: Tess",
      "      roles: [customer.magic]",
    ].join("\n"),
  );
  const { problems } = await loadContactCenter(file);
  const messages = problems.map((p) => `${p.line}:${p.column} ${p.message}`);
  expect(messages).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^5:\d+ .*customer\.user\.uc\.softphone.*customer\.user\.uc/),
      expect.stringMatching(/^5:\d+ .*supervisorl1.*supervisorl3/),
      expect.stringMatching(/^8:\d+ .*customer\.magic/),
    ]),
  );
});
