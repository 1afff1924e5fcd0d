/**
 * SkillGroup through the real Pulumi CLI: create, converge, update, drift, restore, destroy;
 * one login for many resources under a session cap of 1; a lost create response.
 */
import { EngineEvent } from "@pulumi/pulumi/automation";
import { startEmulator } from "../../emulator";
import { cceDemoCredentials } from "../../emulator/cce/tenant";
import { EmulatorControl, Portal, PortalSession } from "../support/portal";
import { cceConfig, createTestStack, TestStack } from "./harness";

const { username, password } = cceDemoCredentials.admin;

let emulator: { url: string; close(): Promise<void> };
let control: EmulatorControl;
let portal: Portal;
let session: PortalSession;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  control = new EmulatorControl(emulator.url);
  portal = new Portal(`${emulator.url}/portal/services`);
});
afterAll(async () => emulator.close());

beforeEach(async () => {
  await control.reset();
  session = await portal.login(username, password);
});
afterEach(async () => portal.logout(session));

/** A stack of the skill-groups program declaring `groups` (resource name -> SkillGroup args). */
function stackDeclaring(groups: Record<string, object>): Promise<TestStack> {
  return createTestStack("skill-groups", { ...cceConfig(emulator.url, username, password), groups: { value: JSON.stringify(groups) } });
}

/** Runs an operation and collects the engine's per-resource events. */
function eventsOf(): { events: EngineEvent[]; onEvent: (e: EngineEvent) => void } {
  const events: EngineEvent[] = [];
  return { events, onEvent: (e) => events.push(e) };
}

/**
 * The steps the engine planned or applied on skill groups, as [op, name, changed inputs]:
 * the fields whose old and new inputs differ, which is what the CLI shows for the step.
 */
function skillGroupSteps(events: EngineEvent[]) {
  return events
    .map((e) => e.resourcePreEvent?.metadata)
    .filter((m): m is NonNullable<typeof m> => !!m && m.type.endsWith("cce:SkillGroup"))
    .map((m) => {
      const olds = m.old?.inputs ?? {};
      const news = m.new?.inputs ?? {};
      const keys = [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => k !== "__provider");
      const changed = keys.filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k])).sort();
      return [m.op, m.urn.split("::").pop(), changed];
    });
}

async function expectConverged(t: TestStack) {
  const preview = await t.stack.preview();
  expect(preview.changeSummary).not.toHaveProperty("create");
  expect(preview.changeSummary).not.toHaveProperty("update");
  expect(preview.changeSummary).not.toHaveProperty("delete");
  expect(preview.changeSummary).not.toHaveProperty("replace");
  const refresh = await t.stack.refresh();
  expect(refresh.summary.resourceChanges).not.toHaveProperty("update");
  expect(refresh.summary.resourceChanges).not.toHaveProperty("delete");
}

test("up, converge, update, drift, restore and destroy a skill group", async () => {
  const groups = (description: string) => ({
    sales: { peripheralId: 5000, name: "E2E_Sales", description, serviceLevelThreshold: 20 },
  });
  const t = await stackDeclaring(groups("first"));
  try {
    // GIVEN a declared group WHEN up THEN it exists once with the declared values.
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 2 }); // the stack and the group
    const [created] = await portal.skillGroupsNamed(session, "E2E_Sales");
    expect(created).toEqual({ skillTargetId: created.skillTargetId, peripheralId: 5000, name: "E2E_Sales", description: "first", serviceLevelThreshold: 20 });
    expect(up.outputs.skillTargetIds.value).toEqual({ sales: created.skillTargetId });
    await expectConverged(t);

    // WHEN the description changes THEN the preview plans exactly that update.
    await t.stack.setConfig("groups", { value: JSON.stringify(groups("second")) });
    const planned = eventsOf();
    await t.stack.preview({ onEvent: planned.onEvent });
    expect(skillGroupSteps(planned.events)).toEqual([["update", "sales", ["description"]]]);
    await t.stack.up();
    expect((await portal.skillGroupsNamed(session, "E2E_Sales"))[0].description).toBe("second");
    await expectConverged(t);

    // WHEN someone changes the group by hand THEN refresh reports it and up restores it.
    const save = await portal.call(session, "protected/skills/saveSkillGroup", {
      peripheralID: 5000,
      skillGroupPeripheralName: "E2E_Sales",
      skillGroupDescription: "changed by hand",
      skillGroupSkillTargetId: created.skillTargetId,
      serviceLevelThreshold: 20,
    });
    expect(save.codeMessage).toBe("SAVE_SKILL_GROUP_SUCCESS");
    const refreshed = eventsOf();
    const refresh = await t.stack.refresh({ onEvent: refreshed.onEvent });
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
    const restore = eventsOf();
    await t.stack.preview({ onEvent: restore.onEvent });
    expect(skillGroupSteps(restore.events)).toEqual([["update", "sales", ["description"]]]);
    const plannedRestore = restore.events.find((e) => e.resourcePreEvent?.metadata.op === "update")!.resourcePreEvent!.metadata;
    expect([plannedRestore.old?.inputs.description, plannedRestore.new?.inputs.description]).toEqual(["changed by hand", "second"]);
    await t.stack.up();
    expect((await portal.skillGroupsNamed(session, "E2E_Sales"))[0].description).toBe("second");
    await expectConverged(t);

    // The password is a secret: it is nowhere in the state file.
    expect(t.stateText()).toContain("E2E_Sales");
    expect(t.stateText()).not.toContain(password);
    // Nor its Base64 form, which is what goes on the wire.
    expect(t.stateText()).not.toContain(Buffer.from(password).toString("base64"));

    // WHEN destroyed THEN the stack forgets the group and, with no delete API, ICM keeps it (retain).
    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges).toMatchObject({ delete: 2 });
    expect(await portal.skillGroupsNamed(session, "E2E_Sales")).toHaveLength(1);
  } finally {
    await t.cleanup();
  }
});

test("twenty groups with --parallel 10 under a session cap of 1 log in exactly once", async () => {
  await portal.logout(session); // the cap of 1 leaves room for the provider only
  await control.configure({ sessionCap: 1 });
  const groups = Object.fromEntries(
    Array.from({ length: 20 }, (_, i) => [`group${i}`, { peripheralId: 5000, name: `Par_${i}`, description: `group ${i}` }]),
  );
  const t = await stackDeclaring(groups);
  try {
    await control.resetCalls();
    const up = await t.stack.up({ parallel: 10 });
    expect(up.summary.resourceChanges).toMatchObject({ create: 21 });
    expect(await control.logins()).toBe(1);
    // The provider logged out when the engine stopped it, so the next run can log in under the cap.
    await control.resetCalls();
    await expectConverged(t);
    expect(await control.logins()).toBe(1); // the refresh; the preview made no call at all
  } finally {
    await control.configure({ sessionCap: 5 });
    session = await portal.login(username, password);
    await t.cleanup();
  }
});

test("a create whose response is lost after the commit leaves exactly one group, and a re-run converges", async () => {
  const t = await stackDeclaring({ lost: { peripheralId: 5000, name: "Lost_Answer", description: "d" } });
  try {
    await control.fault({ endpoint: "skills/saveSkillGroup", kind: "drop-response", count: 1 });
    await t.stack.up();
    await t.stack.up();
    expect(await portal.skillGroupsNamed(session, "Lost_Answer")).toHaveLength(1);
    await expectConverged(t);
  } finally {
    await t.cleanup();
  }
});

test("bad input fails the preview with the field, rule and value, before any API call", async () => {
  const t = await stackDeclaring({ bad: { peripheralId: 5000, name: "Sales Team", serviceLevelThreshold: 9000 } });
  try {
    await control.resetCalls();
    const error = await t.stack.preview().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeDefined();
    expect(error!.message).toContain(
      "name must be 1 to 32 letters, digits, '.' or '_', not starting with '.' or '_' (ICM's rule), got \"Sales Team\"",
    );
    expect(error!.message).toContain("serviceLevelThreshold must be -1 (the peripheral's default) or 0 to 7200 seconds, got 9000");
    expect((await control.calls()).total).toBe(0);
  } finally {
    await t.cleanup();
  }
});

test("a group deleted by hand leaves the state on refresh, and the next up creates it again", async () => {
  const t = await stackDeclaring({ gone: { peripheralId: 5000, name: "Gone_By_Hand", description: "d" } });
  try {
    await t.stack.up();
    const [first] = await portal.skillGroupsNamed(session, "Gone_By_Hand");
    await control.deleteSkillGroupByHand(first.skillTargetId);

    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ delete: 1 });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 1 });
    const [recreated] = await portal.skillGroupsNamed(session, "Gone_By_Hand");
    expect(recreated.skillTargetId).not.toBe(first.skillTargetId);
    expect(up.outputs.skillTargetIds.value).toEqual({ gone: recreated.skillTargetId });
    await expectConverged(t);
  } finally {
    await t.cleanup();
  }
});
