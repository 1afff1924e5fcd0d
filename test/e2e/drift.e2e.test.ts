/**
 * `contact-center drift` through the compiled CLI and the real Pulumi CLI: no drift after up;
 * changes made by hand through the vendor APIs (a skill group's description on the portal, a
 * resource user's name in Oracle CX, a skill group deleted) reported object by object and
 * field by field with exit code 2; identical reports for the same state; the state untouched.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { oracleDemoCredentials } from "../../emulator/oracle/tenant";
import { HandEdits } from "../support/hand-edits";
import { OracleApi } from "../support/oracle";
import { allVendorsConfig, contactCenter, createTestStack, oracleConfig, TestStack, useCceEmulator } from "./harness";

const emulator = useCceEmulator();

const drift = (t: TestStack, ...args: string[]) => contactCenter(t, ["drift", "--stack", "test", "--cwd", t.stack.workspace.workDir, ...args]);

test("no drift after up; changes made by hand are reported field by field with exit code 2, without writing the state", async () => {
  const { username, password } = oracleDemoCredentials.salesCloudUser;
  const t = await createTestStack("yaml-file", { ...emulator.config(), ...oracleConfig(emulator.url, username, password) });
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-drift-"));
  try {
    await t.stack.up();

    // GIVEN a stack just applied WHEN drift runs THEN it finds nothing, and says so.
    const clean = await drift(t, "--json", path.join(reports, "clean.json"));
    // Three declared objects and the declaration guard (which reads nothing from a vendor).
    expect(clean.stderr).toContain("refreshing 4 resource(s)");
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe("## Drift in stack `test`\n\nNo drift: the live tenant matches the declared configuration.\n");
    expect(JSON.parse(fs.readFileSync(path.join(reports, "clean.json"), "utf8"))).toEqual({
      stack: "test",
      drift: false,
      summary: { objects: 0, changed: 0, missing: 0, replaced: 0, undeclared: 0 },
      objects: [],
    });

    // WHEN an administrator changes a group's description on the portal, a resource user's
    // first name in Oracle CX, and deletes the other group
    const [sales] = await emulator.portal.skillGroupsNamed(emulator.session, "Drift_Sales");
    const save = await emulator.portal.call(emulator.session, "protected/skills/saveSkillGroup", {
      peripheralID: sales.peripheralId,
      skillGroupPeripheralName: "Drift_Sales",
      skillGroupDescription: "changed by hand",
      skillGroupSkillTargetId: sales.skillTargetId,
      serviceLevelThreshold: sales.serviceLevelThreshold,
    });
    expect(save.codeMessage).toBe("SAVE_SKILL_GROUP_SUCCESS");
    expect((await new OracleApi(emulator.url, { frameworkVersion: "4" }).patchUser("CC_DRIFT", { FirstName: "Dee" })).status).toBe(200);
    const [billing] = await emulator.portal.skillGroupsNamed(emulator.session, "Drift_Billing");
    await emulator.control.deleteSkillGroupByHand(billing.skillTargetId);
    const stateBefore = t.stateText();

    // THEN drift reports each object and field, live against declared, and exits 2
    const first = await drift(t, "--markdown", path.join(reports, "first.md"), "--json", path.join(reports, "first.json"));
    expect(first.stderr).toContain("refreshed 4/4");
    expect(first.code).toBe(2);
    const json = JSON.parse(fs.readFileSync(path.join(reports, "first.json"), "utf8"));
    expect(json).toEqual({
      stack: "test",
      drift: true,
      summary: { objects: 3, changed: 2, missing: 1, replaced: 0, undeclared: 0 },
      objects: [
        { kind: "resourceUser", key: "CC_DRIFT", change: "changed", fields: [{ field: "firstName", live: "Dee", declared: "Dana" }] },
        { kind: "skillGroup", key: "CUCM_PG_1.Drift_Billing", change: "missing", fields: [] },
        {
          kind: "skillGroup",
          key: "CUCM_PG_1.Drift_Sales",
          change: "changed",
          fields: [{ field: "description", live: "changed by hand", declared: "Inbound sales" }],
        },
      ],
    });
    const markdown = fs.readFileSync(path.join(reports, "first.md"), "utf8");
    expect(markdown).toContain("3 objects differ between the live tenant and the declared configuration: 2 changed, 1 missing.");
    expect(markdown).toContain("### skillGroup `CUCM_PG_1.Drift_Sales`: changed");
    expect(markdown).toContain('| description | `"changed by hand"` | `"Inbound sales"` |');
    expect(markdown).toContain("### resourceUser `CC_DRIFT`: changed");
    expect(markdown).toContain('| firstName | `"Dee"` | `"Dana"` |');
    expect(markdown).toContain("### skillGroup `CUCM_PG_1.Drift_Billing`: missing");

    // AND a second run over the same state writes byte-identical reports
    const second = await drift(t, "--markdown", path.join(reports, "second.md"), "--json", path.join(reports, "second.json"));
    expect(second.code).toBe(2);
    expect(fs.readFileSync(path.join(reports, "second.md"), "utf8")).toBe(markdown);
    expect(fs.readFileSync(path.join(reports, "second.json"), "utf8")).toBe(fs.readFileSync(path.join(reports, "first.json"), "utf8"));

    // AND neither run wrote the state (nor its backups or history), nor changed the tenant
    expect(t.stateText()).toBe(stateBefore);
    expect((await emulator.portal.skillGroupsNamed(emulator.session, "Drift_Sales"))[0].description).toBe("changed by hand");
    expect(await emulator.portal.skillGroupsNamed(emulator.session, "Drift_Billing")).toHaveLength(0);
  } finally {
    fs.rmSync(reports, { recursive: true, force: true });
    await t.cleanup();
  }
});

test("a check that cannot run fails with exit code 1 and the reason: no such stack, a file with problems", async () => {
  const missing = path.join(os.tmpdir(), "pcc-no-such-dir", "contact-center.yaml");
  const t = await createTestStack("yaml-file", { ...emulator.config(), file: { value: missing } });
  try {
    const noStack = await contactCenter(t, ["drift", "--stack", "no-such-stack", "--cwd", t.stack.workspace.workDir]);
    expect(noStack.code).toBe(1);
    expect(noStack.stdout).toBe("");
    expect(noStack.stderr).toContain('the refreshing preview of stack "no-such-stack" failed:\n  error: no stack named \'no-such-stack\' found\n');

    const badFile = await drift(t);
    expect(badFile.code).toBe(1);
    expect(badFile.stdout).toBe("");
    expect(badFile.stderr).toContain('the refreshing preview of stack "test" failed:');
    expect(badFile.stderr).toContain(missing);

    // A preview of it says what is wrong, and no JavaScript stack frame comes with it.
    const preview = String(((await t.stack.preview().catch((e) => e)) as Error).message);
    expect(preview).toContain(`${missing} has 1 problem(s):\n`);
    expect(preview).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);
  } finally {
    await t.cleanup();
  }
});

test("the example tenant: four hand edits are four entries, each naming only its field in the file's words; a group deleted with its members is one entry", async () => {
  const t = await createTestStack("yaml-file", {
    ...allVendorsConfig(emulator.url, emulator.config()),
    file: { value: path.resolve(__dirname, "../../examples/yaml/contact-center.yaml") },
    agentPassword: { value: "Drift-Agent-2026!", secret: true },
  });
  const hand = new HandEdits(emulator.url);
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-drift-"));
  try {
    await t.stack.up();

    // WHEN four objects are changed by hand: a group's description, a skill taken from an agent,
    // a resource user's e-mail, a customer user's roles
    await hand.editSkillGroup("Sales", { description: "changed by hand" });
    const dana = await hand.user("dana@DEM");
    await hand.cce("protected/quickskills/saveSkillsToAgent", {
      peripheralID: dana.platformId, agentIdProgramUser: dana.idProgramUser,
      addedSkillGroupSkillTargetIds: [], removedSkillGroupSkillTargetIds: [(await hand.skillGroup("Billing")).skillTargetId],
    });
    await hand.editResourceUser("CC_DANA", { ResourceEmail: "dana.new@example.com" });
    await hand.editCustomerUser("dana.reyes@acme.example", () => ({ roles: ["customer.user", "customer.user.uc"] }));

    // THEN drift reports exactly those four, each with only the field that moved, in the file's names
    const run = await drift(t, "--json", path.join(reports, "four.json"));
    expect(run.code).toBe(2);
    const report = JSON.parse(fs.readFileSync(path.join(reports, "four.json"), "utf8"));
    expect(report.objects).toEqual([
      {
        kind: "customerUser", key: "dana.reyes@acme.example", change: "changed",
        fields: [{ field: "roles", live: ["customer.user", "customer.user.uc"], declared: ["customer.user", "customer.user.uc", "customer.user.uc.softphone"] }],
      },
      { kind: "resourceUser", key: "CC_DANA", change: "changed", fields: [{ field: "email", live: "dana.new@example.com", declared: "dana.reyes@example.com" }] },
      { kind: "skillGroup", key: "CUCM_PG_1.Sales", change: "changed", fields: [{ field: "description", live: "changed by hand", declared: "Inbound sales, managed as code" }] },
      { kind: "user", key: "dana@DEM", change: "changed", fields: [{ field: "skillGroups", live: ["CUCM_PG_1.Sales"], declared: ["CUCM_PG_1.Billing", "CUCM_PG_1.Sales"] }] },
    ]);
    expect(report.summary).toEqual({ objects: 4, changed: 4, missing: 0, replaced: 0, undeclared: 0 });
    expect(fs.readFileSync(path.join(reports, "four.json"), "utf8")).not.toMatch(/\[unknown\]|not set/);

    // WHEN the up puts it back, and then the Billing group, which dana and nobody else declared, is deleted in ICM
    await t.stack.up({ refresh: true });
    expect((await drift(t)).code).toBe(0);
    await hand.control.deleteSkillGroupByHand((await hand.skillGroup("Billing")).skillTargetId);

    // THEN one entry: the group is missing, and restoring it restores dana's membership
    const deleted = await drift(t, "--json", path.join(reports, "deleted.json"), "--markdown", path.join(reports, "deleted.md"));
    expect(deleted.code).toBe(2);
    expect(JSON.parse(fs.readFileSync(path.join(reports, "deleted.json"), "utf8")).objects).toEqual([
      { kind: "skillGroup", key: "CUCM_PG_1.Billing", change: "missing", fields: [], follows: [{ kind: "user", key: "dana@DEM" }] },
    ]);
    expect(fs.readFileSync(path.join(reports, "deleted.md"), "utf8")).toContain("Creating it again also restores: user `dana@DEM`.");
    // AND the same state gives the same bytes
    const again = await drift(t, "--json", path.join(reports, "again.json"));
    expect(again.code).toBe(2);
    expect(fs.readFileSync(path.join(reports, "again.json"), "utf8")).toBe(fs.readFileSync(path.join(reports, "deleted.json"), "utf8"));
  } finally {
    await hand.close();
    fs.rmSync(reports, { recursive: true, force: true });
    await t.cleanup();
  }
});
