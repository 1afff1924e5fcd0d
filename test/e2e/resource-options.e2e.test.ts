/**
 * Pulumi's resource options on each resource (test/e2e/programs/resource-options declares one
 * of each kind), against each resource's own deletion policy (docs/resource-options.md):
 * - ignoreChanges on a managed field: a change made by hand to it is neither reported (the
 *   refreshing preview, so the drift check, shows nothing) nor reverted (an up that changes
 *   another field leaves it as it is);
 * - retainOnDelete: a removed resource's object stays in the vendor system exactly as it was,
 *   and a deletion policy it would silently overrule is refused when the resource is declared;
 * - protect, and a skill group's deletionPolicy "fail" (which is protect): a plan that would
 *   delete the object fails in the preview, before anything is called.
 */
import { cceDemoIds } from "../../emulator/cce/tenant";
import { HandEdits } from "../support/hand-edits";
import { allVendorsConfig, createTestStack, plannedSteps, recordEvents, TestStack, useCceEmulator } from "./harness";

const emulator = useCceEmulator();
const ALL = ["group", "agent", "attribute", "queue", "oracle", "allow", "customer"];

async function optionsStack(settings: { options?: object; args?: object; declare?: string[] }): Promise<TestStack> {
  return createTestStack("resource-options", {
    ...allVendorsConfig(emulator.url, emulator.config()),
    agentPassword: { value: "Options-Agent-2026!", secret: true },
    options: { value: JSON.stringify(settings.options ?? {}) },
    args: { value: JSON.stringify(settings.args ?? {}) },
    declare: { value: JSON.stringify(settings.declare ?? ALL) },
  });
}

const setJson = (t: TestStack, key: string, value: unknown) => t.stack.setConfig(key, { value: JSON.stringify(value) });

/** The error a failed preview or up reports, as the CLI printed it. */
const failureOf = async (run: Promise<unknown>): Promise<string> => {
  try {
    await run;
  } catch (error) {
    return String((error as Error).message);
  }
  throw new Error("expected the run to fail");
};

async function provisionedAllow(customerId: string) {
  const response = await fetch(`${emulator.url}/_emulator/riskcc/customers/${customerId}/temp-allow`);
  return (await response.json()) as { tempAllowType: number; expirationDate: string };
}

test("ignoreChanges on a managed field of each resource: a hand change to it is neither reported nor reverted", async () => {
  const ignored = {
    group: { ignoreChanges: ["description"] },
    agent: { ignoreChanges: ["phone"] },
    attribute: { ignoreChanges: ["value"] },
    queue: { ignoreChanges: ["description"] },
    oracle: { ignoreChanges: ["firstName"] },
    allow: { ignoreChanges: ["expirationDate"] },
    customer: { ignoreChanges: ["displayName"] },
  };
  const t = await optionsStack({ options: ignored });
  const hand = new HandEdits(emulator.url);
  try {
    await t.stack.up();

    // GIVEN each ignored field changed by hand (risk-cc has no read: its allow's date changes in code)
    await hand.editSkillGroup("Opt_Group", { description: "by hand" });
    await hand.editUser("opt.agent@DEM", { phone: "5559900" });
    await hand.setAttribute("opt.agent@DEM", "Billing_Skill", 9);
    await hand.editQueue("PQ_Billing", (queue) => (queue.description = "queue by hand"));
    await hand.editResourceUser("CC_OPT", { FirstName: "Handy" });
    await hand.editCustomerUser("opt.customer@acme.example", () => ({ displayName: "Customer by hand" }));
    await setJson(t, "args", { allow: { expirationDate: "2099-09-30T00:00:00Z" } });

    // WHEN the drift check looks (a refreshing preview) THEN it reports nothing
    const quiet = recordEvents();
    await t.stack.preview({ refresh: true, onEvent: quiet.onEvent });
    expect(plannedSteps(quiet.events, /dynamic\//).filter(([op]) => op !== "refresh")).toEqual([]);

    // WHEN other fields change in code and an up applies them
    await setJson(t, "args", {
      allow: { expirationDate: "2099-09-30T00:00:00Z" },
      group: { serviceLevelThreshold: 30 },
      agent: { lastName: "Agentson" },
      queue: { serviceLevelThreshold: 40 },
      oracle: { lastName: "Oraclesson" },
      customer: { roles: ["customer.user", "customer.user.uc"] },
    });
    const applying = recordEvents();
    await t.stack.up({ refresh: true, onEvent: applying.onEvent });
    expect(plannedSteps(applying.events, /dynamic\//).filter(([op]) => op !== "refresh").sort()).toEqual(
      [
        ["update", "agent", ["lastName"]],
        ["update", "customer", ["roles"]],
        ["update", "group", ["serviceLevelThreshold"]],
        ["update", "oracle", ["lastName"]],
        ["update", "queue", ["serviceLevelThreshold"]],
      ].sort(),
    );

    // THEN the ignored fields keep what was done by hand, beside the changes applied
    expect(await hand.skillGroup("Opt_Group")).toMatchObject({ description: "by hand", serviceLevelThreshold: 30 });
    expect(await hand.user("opt.agent@DEM")).toMatchObject({ phone: "5559900", lastNm: "Agentson" });
    expect(await hand.attributeValue("opt.agent@DEM", "Billing_Skill")).toBe("9");
    expect(await hand.queue("PQ_Billing")).toMatchObject({ description: "queue by hand", serviceLevelThreshold: 40 });
    expect((await hand.oracle.getUser("CC_OPT")).body).toMatchObject({ FirstName: "Handy", LastName: "Oraclesson" });
    expect(await hand.ucportal.findByEmail("opt.customer@acme.example")).toMatchObject({ displayName: "Customer by hand" });
    expect(await provisionedAllow("u-100002")).toMatchObject({ expirationDate: "2099-03-31T00:00:00Z" });
  } finally {
    await hand.close();
    await t.cleanup();
  }
});

test("retainOnDelete: each removed resource's object stays as it was; a deletion policy it would overrule is refused with both named", async () => {
  const retained = Object.fromEntries(ALL.map((name) => [name, { retainOnDelete: true }]));
  const t = await optionsStack({ options: retained });
  const hand = new HandEdits(emulator.url);
  try {
    await t.stack.up();
    const allowBefore = await provisionedAllow("u-100002");

    // WHEN every resource leaves the program
    await setJson(t, "declare", []);
    const removing = recordEvents();
    await t.stack.up({ onEvent: removing.onEvent });
    expect(plannedSteps(removing.events, /dynamic\//).map(([op]) => op)).toEqual(ALL.map(() => "delete"));

    // THEN the stack forgets them and every object is as it was
    expect(((await t.stack.exportStack()).deployment?.resources ?? []).filter((r: { type: string }) => r.type.includes("dynamic/"))).toEqual([]);
    expect(await hand.skillGroup("Opt_Group")).toMatchObject({ description: "Options" });
    expect(await hand.user("opt.agent@DEM")).toMatchObject({ status: true, icmStatus: true });
    expect(await hand.attributeValue("opt.agent@DEM", "Billing_Skill")).toBe("6");
    expect(await hand.queue("PQ_Billing")).toMatchObject({ description: "Billing as code" });
    expect((await hand.oracle.getUser("CC_OPT")).body).toMatchObject({ UserStatus: "A" });
    expect(await provisionedAllow("u-100002")).toEqual(allowBefore);
    expect(await hand.ucportal.findByEmail("opt.customer@acme.example")).toMatchObject({ displayName: "Opt Customer" });

    // AND a policy that retainOnDelete would overrule is refused when the resource is declared, naming both
    const contradictions: [string, object, string][] = [
      ["group", { deletionPolicy: "fail" }, 'SkillGroup "group": deletionPolicy "fail" and the resource option retainOnDelete: true contradict each other'],
      ["agent", { deletionPolicy: "delete" }, 'CceUser "agent": deletionPolicy "delete" and the resource option retainOnDelete: true contradict each other'],
      ["queue", { restoreOnDelete: true }, 'PrecisionQueue "queue": restoreOnDelete true and the resource option retainOnDelete: true contradict each other'],
      ["oracle", { deletionPolicy: "endDate" }, 'ResourceUser "oracle": deletionPolicy "endDate" and the resource option retainOnDelete: true contradict each other'],
      ["customer", { deletionPolicy: "delete" }, 'CustomerUser "customer": deletionPolicy "delete" and the resource option retainOnDelete: true contradict each other'],
    ];
    for (const [name, args, message] of contradictions) {
      await setJson(t, "declare", [name]);
      await setJson(t, "args", { [name]: args });
      expect(await failureOf(t.stack.preview())).toContain(message);
    }
    // The default policy, or "retain", goes with retainOnDelete.
    await setJson(t, "declare", ["agent"]);
    await setJson(t, "args", { agent: { deletionPolicy: "retain", adopt: true } });
    await t.stack.preview();
  } finally {
    await hand.close();
    await t.cleanup();
  }
});

test("protect, and a skill group's deletionPolicy fail: a plan that would delete the object fails in the preview, and nothing is called", async () => {
  const t = await optionsStack({ declare: ["group", "agent"], args: { group: { deletionPolicy: "fail" }, agent: { deletionPolicy: "delete" } }, options: { agent: { protect: true } } });
  const hand = new HandEdits(emulator.url);
  try {
    await t.stack.up();

    // WHEN both leave the program THEN the preview fails on each, naming it, and the tenant is untouched
    await setJson(t, "declare", []);
    await emulator.control.resetCalls();
    const refused = await failureOf(t.stack.preview());
    expect(refused).toMatch(/resource "urn:pulumi:test::e2e-resource-options::pulumi-nodejs:dynamic\/cce:(SkillGroup::group|User::agent)" cannot be deleted\s+because it is protected/);
    const writes = (await emulator.control.journal()).filter((entry) => entry.write);
    expect(writes).toEqual([]);
    expect(await hand.skillGroup("Opt_Group")).toMatchObject({ name: "Opt_Group" });
    expect(await hand.user("opt.agent@DEM")).toMatchObject({ loginNm: "opt.agent@DEM", status: true });

    // WHEN the group's policy becomes retain and the agent's protect is lifted, in an up of their own
    await setJson(t, "declare", ["group", "agent"]);
    await setJson(t, "args", { group: { deletionPolicy: "retain" }, agent: { deletionPolicy: "delete" } });
    await setJson(t, "options", { agent: { protect: false } });
    await t.stack.up();
    // THEN they can go: the group is let go (no delete call exists), the agent deleted
    await setJson(t, "declare", []);
    await t.stack.up();
    expect(await hand.skillGroup("Opt_Group")).toMatchObject({ name: "Opt_Group", peripheralId: cceDemoIds.peripherals.CUCM_PG_1 });
    expect(await failureOf(hand.user("opt.agent@DEM"))).toContain("no user opt.agent@DEM");
  } finally {
    await hand.close();
    await t.cleanup();
  }
});
