/**
 * SkillGroup's lifecycle functions against the emulator over HTTP, below the engine:
 * adoption, the lost-response recovery, reads of a group that is gone, deletion policies.
 */
import { startEmulator } from "../../emulator";
import { logoutAll } from "../../provider/cce/client";
import { cceDemoCredentials } from "../../emulator/cce/tenant";
import { create, diff, read, remove, update } from "../../provider/cce/skill-group.lifecycle";
import { SkillGroupInputs, SkillGroupOutputs } from "../../provider/cce/skill-group";
import { cceAdminConfig, EmulatorControl, Portal } from "../support/portal";

let emulator: { url: string; close(): Promise<void> };
let control: EmulatorControl;
let config: { get(key: string): string | undefined };

const inputs = (overrides: Partial<SkillGroupInputs> = {}): SkillGroupInputs => ({
  peripheralId: 5000,
  name: "Unit_Group",
  description: "desc",
  serviceLevelThreshold: 15,
  adopt: false,
  deletionPolicy: "retain",
  ...overrides,
});

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  control = new EmulatorControl(emulator.url);
  config = cceAdminConfig(emulator.url);
});
afterAll(async () => emulator.close());
beforeEach(async () => control.reset());
afterEach(async () => logoutAll());

test("create finds the new group's id, and read returns what was created", async () => {
  const { id, outs } = await create(config as never, inputs());
  expect(Number(id)).toBeGreaterThanOrEqual(5200);
  expect(outs).toEqual({ ...inputs(), skillTargetId: Number(id), enterpriseName: "CUCM_PG_1.Unit_Group", mediaRoutingDomainName: "Cisco_Voice", adopted: false });
  const again = await read(config as never, id, outs);
  expect(again).toEqual({ id, props: outs, inputs: inputs() });
});

test("an existing group of the same name is refused without adopt, with the way out in the message", async () => {
  const error = await create(config as never, inputs({ name: "Sales" })).catch((e) => e);
  expect(error.message).toContain("SKILL_GROUPS_ALREADY_EXISTS_ERROR");
  expect(error.message).toContain("Skill group 'Sales' already exists on peripheral 5000 (skillTargetId 5100): set adopt: true");
});

test("adopt takes over the existing group and brings it to the declared values", async () => {
  const { id, outs } = await create(config as never, inputs({ name: "Sales", description: "adopted", adopt: true }));
  expect(id).toBe("5100");
  expect(outs.adopted).toBe(true);
  const live = await read(config as never, id, outs);
  expect(live.props).toMatchObject({ description: "adopted", serviceLevelThreshold: 15 });
});

test("a create whose answer is lost is recovered by looking the group up", async () => {
  await control.fault({ endpoint: "skills/saveSkillGroup", kind: "drop-response", count: 1 });
  const { id } = await create(config as never, inputs({ name: "Dropped" }));
  const saves = (await control.calls()).byEndpoint["POST /portal/services/protected/skills/saveSkillGroup"];
  expect(saves).toBe(1);
  expect(Number(id)).toBeGreaterThanOrEqual(5200);
});

test("read of a group that does not exist returns an empty id", async () => {
  expect(await read(config as never, "999999", {} as SkillGroupOutputs)).toEqual({ id: "" });
});

test("update writes the new values in place", async () => {
  const { id, outs } = await create(config as never, inputs());
  const { outs: updated } = await update(config as never, id, outs, inputs({ description: "changed", serviceLevelThreshold: 30 }));
  expect(updated).toMatchObject({ skillTargetId: Number(id), description: "changed", serviceLevelThreshold: 30 });
  expect((await read(config as never, id, updated)).props).toMatchObject({ description: "changed", serviceLevelThreshold: 30 });
});

test("a change of deletionPolicy alone calls nothing that writes", async () => {
  const { id, outs } = await create(config as never, inputs());
  await control.resetCalls();
  await update(config as never, id, outs, inputs({ deletionPolicy: "fail" }));
  expect((await control.calls()).byEndpoint["POST /portal/services/protected/skills/saveSkillGroup"]).toBeUndefined();
});

test("delete retains by default and refuses with deletionPolicy fail", async () => {
  const { id, outs } = await create(config as never, inputs());
  await expect(remove(config as never, id, outs)).resolves.toBeUndefined();
  await expect(remove(config as never, id, { ...outs, deletionPolicy: "fail" })).rejects.toThrow(
    "cannot be deleted: the CCE portal API has no delete call",
  );
});

test("creates in flight together find their ids in one list of the peripheral's groups; an update reads the group alone once, with no read back", async () => {
  // GIVEN four groups created at once
  await control.resetCalls();
  const created = await Promise.all([1, 2, 3, 4].map((n) => create(config as never, inputs({ name: `Burst_${n}` }))));
  // THEN each id is its own group's, found with fewer lists than groups (they share one list,
  // or two when a save ends while the first is in flight)
  const calls = (await control.calls()).byEndpoint;
  expect(calls["POST /portal/services/protected/skills/saveSkillGroup"]).toBe(4);
  expect(calls["POST /portal/services/protected/skills/getSkillGroups"]).toBeLessThanOrEqual(2);
  expect(new Set(created.map((c) => c.id)).size).toBe(4);
  for (const [i, { id, outs }] of created.entries()) expect((await read(config as never, id, outs)).props).toMatchObject({ name: `Burst_${i + 1}` });

  // WHEN one is updated without renaming it: the save's answer has the stored values, and the
  // unchanged fields come from the group read alone (in a list of several, its details would be
  // paired with it by position only)
  await control.resetCalls();
  const { id, outs } = created[0];
  const { outs: updated } = await update(config as never, id, outs, inputs({ name: "Burst_1", description: "changed" }));
  expect((await control.calls()).byEndpoint).toEqual({
    "POST /portal/services/protected/skills/getSkillGroups": 1,
    "POST /portal/services/protected/skills/saveSkillGroup": 1,
  });
  expect(updated).toEqual({ ...outs, description: "changed" });
});

test("an update writes only the fields the plan names: a field changed by hand since is kept, not reverted", async () => {
  // GIVEN a group whose threshold an administrator changed by hand after the last refresh
  const { id, outs } = await create(config as never, inputs());
  const portal = new Portal(`${emulator.url}/portal/services`);
  const session = await portal.login(cceDemoCredentials.admin.username, cceDemoCredentials.admin.password);
  await portal.call(session, "protected/skills/saveSkillGroup", {
    peripheralID: 5000, skillGroupPeripheralName: "Unit_Group", skillGroupDescription: "desc", skillGroupSkillTargetId: Number(id), serviceLevelThreshold: 99,
  });
  await portal.logout(session);

  // WHEN the declaration changes only the description
  const { outs: updated } = await update(config as never, id, outs, inputs({ description: "changed" }));

  // THEN the description is written and the threshold stays as the portal has it
  const live = await read(config as never, id, updated);
  expect(live.props).toMatchObject({ description: "changed", serviceLevelThreshold: 99 });
});

test("a change of the peripheral's form alone (its name for the same id) writes nothing", async () => {
  const { id, outs } = await create(config as never, inputs());
  await control.resetCalls();
  const named = { ...inputs(), peripheral: "CUCM_PG_1" } as SkillGroupInputs;
  delete (named as Partial<SkillGroupInputs>).peripheralId;
  expect(await diff(id, outs, named, config as never)).toEqual({ changes: true, replaces: [] });
  const { outs: updated } = await update(config as never, id, outs, named);
  expect(updated).toMatchObject({ peripheral: "CUCM_PG_1", peripheralId: 5000 });
  const calls = (await control.calls()).byEndpoint;
  expect(calls["POST /portal/services/protected/skills/saveSkillGroup"]).toBeUndefined();
  // AND another peripheral replaces the group
  expect(await diff(id, updated, { ...named, peripheral: "MR_PG_1" }, config as never)).toEqual({ changes: true, replaces: ["peripheral"] });
});
