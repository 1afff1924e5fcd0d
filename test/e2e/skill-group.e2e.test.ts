/**
 * SkillGroup through the real Pulumi CLI: create, converge, update, drift, restore, destroy;
 * one login for many resources under a session cap of 1; a lost create response.
 */
import { cceDemoCredentials } from "../../emulator/cce/tenant";
import { createTestStack, expectConverged, expectNotWrittenInPlaintext, plannedSteps, recordEvents, TestStack, useCceEmulator } from "./harness";

const { username, password } = cceDemoCredentials.admin;

const cce = useCceEmulator();
/** The resource types whose planned steps these tests read. */
const TYPES = /cce:SkillGroup$/;

/** A stack of the skill-groups program declaring `groups` (resource name -> SkillGroup args). */
function stackDeclaring(groups: Record<string, object>): Promise<TestStack> {
  return createTestStack("skill-groups", { ...cce.config(), groups: { value: JSON.stringify(groups) } });
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
    const [created] = await cce.portal.skillGroupsNamed(cce.session, "E2E_Sales");
    expect(created).toEqual({ skillTargetId: created.skillTargetId, peripheralId: 5000, name: "E2E_Sales", description: "first", serviceLevelThreshold: 20 });
    expect(up.outputs.skillTargetIds.value).toEqual({ sales: created.skillTargetId });
    await expectConverged(t);

    // WHEN the description changes THEN the preview plans exactly that update.
    await t.stack.setConfig("groups", { value: JSON.stringify(groups("second")) });
    const planned = recordEvents();
    await t.stack.preview({ onEvent: planned.onEvent });
    expect(plannedSteps(planned.events, TYPES)).toEqual([["update", "sales", ["description"]]]);
    await t.stack.up();
    expect((await cce.portal.skillGroupsNamed(cce.session, "E2E_Sales"))[0].description).toBe("second");
    await expectConverged(t);

    // WHEN someone changes the group by hand THEN refresh reports it and up restores it.
    const save = await cce.portal.call(cce.session, "protected/skills/saveSkillGroup", {
      peripheralID: 5000,
      skillGroupPeripheralName: "E2E_Sales",
      skillGroupDescription: "changed by hand",
      skillGroupSkillTargetId: created.skillTargetId,
      serviceLevelThreshold: 20,
    });
    expect(save.codeMessage).toBe("SAVE_SKILL_GROUP_SUCCESS");
    const refreshed = recordEvents();
    const refresh = await t.stack.refresh({ onEvent: refreshed.onEvent });
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
    const restore = recordEvents();
    await t.stack.preview({ onEvent: restore.onEvent });
    expect(plannedSteps(restore.events, TYPES)).toEqual([["update", "sales", ["description"]]]);
    const plannedRestore = restore.events.find((e) => e.resourcePreEvent?.metadata.op === "update")!.resourcePreEvent!.metadata;
    expect([plannedRestore.old?.inputs.description, plannedRestore.new?.inputs.description]).toEqual(["changed by hand", "second"]);
    await t.stack.up();
    expect((await cce.portal.skillGroupsNamed(cce.session, "E2E_Sales"))[0].description).toBe("second");
    await expectConverged(t);

    // The password is a secret: it is nowhere on disk, nor its Base64 form (what goes on the wire).
    expect(t.stateText()).toContain("E2E_Sales");
    expectNotWrittenInPlaintext(t, [password]);

    // WHEN destroyed THEN the stack forgets the group and, with no delete API, ICM keeps it (retain).
    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges).toMatchObject({ delete: 2 });
    expect(await cce.portal.skillGroupsNamed(cce.session, "E2E_Sales")).toHaveLength(1);
  } finally {
    await t.cleanup();
  }
});

test("twenty groups with --parallel 10 under a session cap of 1 log in exactly once", async () => {
  await cce.portal.logout(cce.session); // the cap of 1 leaves room for the provider only
  await cce.control.configure({ sessionCap: 1 });
  const groups = Object.fromEntries(
    Array.from({ length: 20 }, (_, i) => [`group${i}`, { peripheralId: 5000, name: `Par_${i}`, description: `group ${i}` }]),
  );
  const t = await stackDeclaring(groups);
  try {
    await cce.control.resetCalls();
    const up = await t.stack.up({ parallel: 10 });
    expect(up.summary.resourceChanges).toMatchObject({ create: 21 });
    expect(await cce.control.logins()).toBe(1);
    // The provider logged out when the engine stopped it, so the next run can log in under the cap.
    await cce.control.resetCalls();
    await expectConverged(t);
    expect(await cce.control.logins()).toBe(1); // the refresh; the preview made no call at all
  } finally {
    await cce.control.configure({ sessionCap: 5 });
    cce.session = await cce.portal.login(username, password);
    await t.cleanup();
  }
});

test("a create whose response is lost after the commit leaves exactly one group, and a re-run converges", async () => {
  const t = await stackDeclaring({ lost: { peripheralId: 5000, name: "Lost_Answer", description: "d" } });
  try {
    await cce.control.fault({ endpoint: "skills/saveSkillGroup", kind: "drop-response", count: 1 });
    await t.stack.up();
    await t.stack.up();
    expect(await cce.portal.skillGroupsNamed(cce.session, "Lost_Answer")).toHaveLength(1);
    await expectConverged(t);
  } finally {
    await t.cleanup();
  }
});

test("bad input fails the preview with the field, rule and value, before any API call", async () => {
  const t = await stackDeclaring({ bad: { peripheralId: 5000, name: "Sales Team", serviceLevelThreshold: 9000 } });
  try {
    await cce.control.resetCalls();
    const error = await t.stack.preview().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeDefined();
    expect(error!.message).toContain(
      "name must be 1 to 32 letters, digits, '.' or '_', not starting with '.' or '_' (ICM's rule), got \"Sales Team\"",
    );
    expect(error!.message).toContain("serviceLevelThreshold must be -1 (the peripheral's default) or 0 to 7200 seconds, got 9000");
    expect((await cce.control.calls()).total).toBe(0);
  } finally {
    await t.cleanup();
  }
});

test("a group deleted by hand leaves the state on refresh, and the next up creates it again", async () => {
  const t = await stackDeclaring({ gone: { peripheralId: 5000, name: "Gone_By_Hand", description: "d" } });
  try {
    await t.stack.up();
    const [first] = await cce.portal.skillGroupsNamed(cce.session, "Gone_By_Hand");
    await cce.control.deleteSkillGroupByHand(first.skillTargetId);

    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ delete: 1 });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 1 });
    const [recreated] = await cce.portal.skillGroupsNamed(cce.session, "Gone_By_Hand");
    expect(recreated.skillTargetId).not.toBe(first.skillTargetId);
    expect(up.outputs.skillTargetIds.value).toEqual({ gone: recreated.skillTargetId });
    await expectConverged(t);
  } finally {
    await t.cleanup();
  }
});

test("the state stores a one-line provider naming stable exports; states written by pulumi.dynamic.Resource and by release 0.1.0 are served with no change planned", async () => {
  const storedProviders = async (t: TestStack) => {
    const { deployment } = await t.stack.exportStack();
    const groups = (deployment.resources as { type: string; inputs: Record<string, string>; outputs: Record<string, string> }[]).filter((r) =>
      TYPES.test(r.type),
    );
    return groups.flatMap((r) => [r.inputs.__provider, r.outputs.__provider]);
  };
  const t = await stackDeclaring({ legacy: { peripheralId: 5000, name: "Legacy_State", description: "d" } });
  try {
    // GIVEN a state written the way earlier releases did (Pulumi's closure serializer).
    await t.stack.setConfig("legacyProvider", { value: "true" });
    await t.stack.up();
    const legacy = await storedProviders(t);
    expect(legacy).toHaveLength(2);
    expect(legacy[0]).toContain("__f0"); // the serializer's wrapped functions
    expect(legacy[0].length).toBeGreaterThan(1_000);

    // WHEN the program declares the same group with this release
    await t.stack.removeConfig("legacyProvider");
    await cce.control.resetCalls();
    const preview = recordEvents();
    await t.stack.preview({ onEvent: preview.onEvent });
    // THEN nothing is planned and the preview calls nothing
    expect(plannedSteps(preview.events, TYPES)).toEqual([]);
    expect((await cce.control.calls()).total).toBe(0);
    // AND the next up stores the one-line provider in the inputs; the engine keeps a step
    // without changes' old outputs, so the outputs take it at the group's next update.
    const oneLine = 'exports.handler=()=>require("pulumi-contact-center/lifecycle-provider").lifecycleProvider("pulumi-contact-center/lifecycles/cce/skill-group");';
    await t.stack.up();
    expect(await storedProviders(t)).toEqual([oneLine, legacy[1]]);
    await t.stack.setConfig("groups", { value: JSON.stringify({ legacy: { peripheralId: 5000, name: "Legacy_State", description: "e" } }) });
    await t.stack.up();
    expect(await storedProviders(t)).toEqual([oneLine, oneLine]);
    await expectConverged(t);
    expect((await cce.portal.skillGroupsNamed(cce.session, "Legacy_State"))[0].description).toBe("e");

    // GIVEN the one-line provider release 0.1.0 stored (paths into dist/, still exported by name)
    const release01 =
      'exports.handler=()=>require("pulumi-contact-center/dist/provider/core/lifecycle-provider")' +
      '.lifecycleProvider("pulumi-contact-center/dist/provider/cce/skill-group.lifecycle");';
    const exported = await t.stack.exportStack();
    for (const resource of exported.deployment.resources as { type: string; inputs: Record<string, string>; outputs: Record<string, string> }[]) {
      if (!TYPES.test(resource.type)) continue;
      resource.inputs.__provider = release01;
      resource.outputs.__provider = release01;
    }
    await t.stack.importStack(exported);
    // THEN that state is served as it is: nothing planned, no drift, and a change is applied
    await cce.control.resetCalls();
    const fromRelease01 = recordEvents();
    await t.stack.preview({ onEvent: fromRelease01.onEvent });
    expect(plannedSteps(fromRelease01.events, TYPES)).toEqual([]);
    expect((await cce.control.calls()).total).toBe(0);
    const refreshed = await t.stack.refresh();
    expect(refreshed.summary.resourceChanges).not.toHaveProperty("update");
    await t.stack.setConfig("groups", { value: JSON.stringify({ legacy: { peripheralId: 5000, name: "Legacy_State", description: "f" } }) });
    await t.stack.up();
    expect(await storedProviders(t)).toEqual([oneLine, oneLine]);
    expect((await cce.portal.skillGroupsNamed(cce.session, "Legacy_State"))[0].description).toBe("f");
    await expectConverged(t);
  } finally {
    await t.cleanup();
  }
});
