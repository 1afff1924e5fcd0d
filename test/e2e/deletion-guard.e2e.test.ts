/**
 * The deletion guard, through the real CLI with the example tenant's YAML file:
 * - an emptied file is refused by the preview and by the up, before anything is written;
 * - a file that lost more than the allowed share of its objects likewise, until the run allows
 *   mass deletion;
 * - a customer user (its deletion cannot be undone) removed from the file fails the preview as
 *   protected, until `contact-center allow-delete` names it; then the up deletes it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse, stringify } from "yaml";
import { UcPortalApi } from "../support/ucportal";
import { allVendorsConfig, contactCenter, createTestStack, useCceEmulator } from "./harness";

const emulator = useCceEmulator();
const example = parse(fs.readFileSync(path.resolve(__dirname, "../../examples/yaml/contact-center.yaml"), "utf8"));

/** The error text of a run that must fail. */
async function failureOf(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    return String((error as Error).message);
  }
  throw new Error("expected the run to fail");
}

const writes = async () => (await emulator.control.journal()).filter((call) => call.write);

test("an emptied or much shrunk file is refused before any write; an irreversible delete needs allow-delete", async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-guard-"));
  const file = path.join(work, "contact-center.yaml");
  const declare = (content: object) => fs.writeFileSync(file, stringify(content));
  declare(example);
  const t = await createTestStack("yaml-file", {
    ...allVendorsConfig(emulator.url, emulator.config()),
    file: { value: file },
    agentPassword: { value: "Guard-Agent-2026!", secret: true },
    "contact-center:maxRemovedFloor": { value: "2" },
  });
  try {
    await t.stack.up();
    const held = (await t.stack.exportStack()).deployment.resources.length;

    // WHEN the file is emptied THEN the preview and the up are refused, and nothing is written
    declare({});
    await emulator.control.resetCalls();
    const empty = await failureOf(t.stack.preview());
    expect(empty).toContain("objects: the declaration holds no object, so this run would delete every object of the stack. Refused");
    expect(await failureOf(t.stack.up())).toContain("the declaration holds no object");
    expect(await writes()).toEqual([]);
    expect((await t.stack.exportStack()).deployment.resources).toHaveLength(held);

    // WHEN the file loses its users and their attributes: 7 of its 13 objects, more than a quarter and than 2
    const withoutUsers = { ...example, cce: { ...example.cce, users: [] } };
    declare(withoutUsers);
    expect(await failureOf(t.stack.preview())).toContain("the declaration holds 6 objects, 7 fewer than the 13 the stack held after its last run (54%), and a run may remove at most 3");
    expect(await writes()).toEqual([]);
    // THEN allowing mass deletion for the run lets it through
    await t.stack.setConfig("contact-center:allowMassDeletion", { value: "true" });
    await t.stack.up();
    await t.stack.removeConfig("contact-center:allowMassDeletion");

    // WHEN the customer user, whose deletion cannot be undone, leaves the file THEN the preview fails on its protection
    declare({ ...withoutUsers, ucportal: { customerUsers: [] } });
    const customer = "dana.reyes@acme.example";
    expect(await failureOf(t.stack.preview())).toMatch(/CustomerUser::dana\.reyes@acme\.example" cannot be deleted\s+because it is protected/);
    expect(await new UcPortalApi(emulator.url).findByEmail(customer)).toBeDefined();

    // AND allow-delete lifts exactly that protection, after which the up deletes it
    const allowed = await contactCenter(t, ["allow-delete", "--stack", "test", "customerUser", customer]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain(`unprotected customerUser ${customer}: the next \`pulumi up\` deletes it, irreversibly, if it is no longer declared`);
    await t.stack.up();
    expect(await new UcPortalApi(emulator.url).findByEmail(customer)).toBeUndefined();

    // AND a name the stack does not hold is refused, listing what is protected
    const unknown = await contactCenter(t, ["allow-delete", "--stack", "test", "customerUser", "nobody@acme.example"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('stack "test" holds no customerUser "nobody@acme.example"');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    await t.cleanup();
  }
});
