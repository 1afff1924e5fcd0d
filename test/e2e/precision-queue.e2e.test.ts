/**
 * PrecisionQueue through the real Pulumi CLI: adopt, converge, update, drift reported by
 * refresh, a stale changeStamp surfacing as a conflict (never overwriting), restore on
 * destroy; bad input refused in preview.
 */
import { cceDemoCredentials, cceDemoIds } from "../../emulator/cce/tenant";
import { createTestStack, expectConverged, expectNotWrittenInPlaintext, plannedSteps, recordEvents, TestStack, useCceEmulator } from "./harness";

const { password } = cceDemoCredentials.admin;
const { PQ_Sales } = cceDemoIds.precisionQueues;
const { Sales_Skill, Spanish } = cceDemoIds.attributes;
const UPDATE = "POST /portal/services/protected/precisionQueues/updatePrecisionQueue";

const cce = useCceEmulator();
/** The resource types whose planned steps these tests read. */
const TYPES = /cce:PrecisionQueue$/;

/** A stack of the precision-queues program declaring `queues` (resource name -> PrecisionQueue args). */
function stackDeclaring(queues: Record<string, object>): Promise<TestStack> {
  return createTestStack("precision-queues", { ...cce.config(), queues: { value: JSON.stringify(queues) } });
}

async function portalQueue(id: number) {
  return (await cce.portal.call(cce.session, "protected/precisionQueues/getPQByID", { id })).precisionQueueInfo;
}

/** Another administrator's change: read the queue, change it, send it back with its stamp. */
async function changeByHand(id: number, change: Record<string, unknown>) {
  const body = await cce.portal.call(cce.session, "protected/precisionQueues/updatePrecisionQueue", { precisionQueue: { ...(await portalQueue(id)), ...change } });
  expect(body.codeMessage).toBe("UPDATE_PQ_SUCCESS");
}

const termsOf = (queue: any) =>
  queue.steps.map((s: any) => [s.waitTime, s.terms.map((t: any) => [t.attribute.id, t.attributeRelation, t.value1, t.termRelation])]);

test("adopt, converge, update, drift, conflict and restore a precision queue", async () => {
  const declare = (description: string) => ({
    sales: {
      queueName: "PQ_Sales",
      description,
      serviceLevelThreshold: 40,
      steps: [
        {
          terms: [
            { attribute: "Sales_Skill", relation: ">=", value: 8 },
            { attribute: "Spanish", relation: "==", value: true, connector: "or" },
          ],
          waitTime: 15,
        },
        { terms: [{ attribute: "Sales_Skill", relation: ">=", value: 4 }] },
      ],
      restoreOnDelete: true,
    },
  });
  const t = await stackDeclaring(declare("first"));
  try {
    // GIVEN a declared queue WHEN up THEN the existing queue is adopted and carries the declared values.
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 2 }); // the stack and the queue
    expect(up.outputs.queueIds.value).toEqual({ sales: PQ_Sales });
    const adopted = await portalQueue(PQ_Sales);
    expect(adopted).toMatchObject({ description: "first", serviceLevelThreshold: 40, changeStamp: 1 });
    expect(termsOf(adopted)).toEqual([
      [15, [[Sales_Skill, 6, "8", 0], [Spanish, 1, "true", 2]]],
      [0, [[Sales_Skill, 6, "4", 0]]],
    ]);
    await expectConverged(t);

    // WHEN the description changes THEN the preview plans exactly that update.
    await t.stack.setConfig("queues", { value: JSON.stringify(declare("second")) });
    const planned = recordEvents();
    await t.stack.preview({ onEvent: planned.onEvent });
    expect(plannedSteps(planned.events, TYPES)).toEqual([["update", "sales", ["description"]]]);
    await t.stack.up();
    expect(await portalQueue(PQ_Sales)).toMatchObject({ description: "second", changeStamp: 2 });
    await expectConverged(t);

    // WHEN someone changes the queue by hand THEN refresh reports it, field by field, and up restores it.
    await changeByHand(PQ_Sales, { description: "changed by hand" });
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
    const restore = recordEvents();
    await t.stack.preview({ onEvent: restore.onEvent });
    expect(plannedSteps(restore.events, TYPES)).toEqual([["update", "sales", ["description"]]]);
    const plannedRestore = restore.events.find((e) => e.resourcePreEvent?.metadata.op === "update")!.resourcePreEvent!.metadata;
    expect([plannedRestore.old?.inputs.description, plannedRestore.new?.inputs.description]).toEqual(["changed by hand", "second"]);
    await t.stack.up();
    expect(await portalQueue(PQ_Sales)).toMatchObject({ description: "second", changeStamp: 4 });
    await expectConverged(t);

    // WHEN the queue changes by hand and up runs without a refresh THEN the stale changeStamp
    // is a conflict naming both versions, and the other change is not overwritten.
    await changeByHand(PQ_Sales, { serviceLevelThreshold: 90 });
    await t.stack.setConfig("queues", { value: JSON.stringify(declare("third")) });
    await cce.control.resetCalls();
    const conflict = await t.stack.up().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(conflict).toBeDefined();
    expect(conflict!.message).toContain("Precision queue 'PQ_Sales' (id 5300) was changed outside Pulumi since it was last read");
    expect(conflict!.message).toContain("the state has changeStamp 4, the portal has changeStamp 5");
    expect(conflict!.message).toContain("serviceLevelThreshold: 40 in the state, 90 in the portal");
    expect((await cce.control.calls()).byEndpoint[UPDATE]).toBeUndefined();
    expect(await portalQueue(PQ_Sales)).toMatchObject({ description: "second", serviceLevelThreshold: 90, changeStamp: 5 });
    // Taking the portal's version with --refresh, then applying the declaration over it, works.
    await t.stack.up({ refresh: true });
    expect(await portalQueue(PQ_Sales)).toMatchObject({ description: "third", serviceLevelThreshold: 40, changeStamp: 6 });
    await expectConverged(t);

    // The password is a secret: it is nowhere in the state, nor in its Base64 wire form.
    expect(t.stateText()).toContain("PQ_Sales");
    expectNotWrittenInPlaintext(t, [password]);

    // WHEN destroyed with restoreOnDelete THEN the managed fields are back to what was adopted.
    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges).toMatchObject({ delete: 2 });
    const restored = await portalQueue(PQ_Sales);
    expect(restored).toMatchObject({ description: "Sales, Spanish first", serviceLevelThreshold: 20, changeStamp: 7 });
    expect(termsOf(restored)).toEqual([
      [30, [[Sales_Skill, 6, "7", 0], [Spanish, 1, "true", 1]]],
      [0, [[Sales_Skill, 6, "5", 0]]],
    ]);
  } finally {
    await t.cleanup();
  }
});

test("bad input fails the preview with the field, rule and value, and nothing is written", async () => {
  const bad = {
    bad: {
      queueName: "PQ_Billing",
      serviceLevelThreshold: 9000,
      steps: [{ terms: [{ attribute: "Billing_Skill", relation: ">=", value: 5 }, { attribute: "Spanish", relation: ">", value: true }] }],
    },
  };
  const t = await stackDeclaring(bad);
  try {
    await cce.control.resetCalls();
    const error = await t.stack.preview().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error!.message).toContain("serviceLevelThreshold must be -1 (the default) or 0 to 7200 seconds, got 9000");
    expect(error!.message).toContain('steps.0.terms.1.connector is required from the second term of a step ("and" or "or"), got nothing');
    expect(error!.message).toContain('steps.0.terms.1.relation must be "==" or "!=" when the value is true or false, got ">"');
    // The static rules failed: not even the attribute definitions were read.
    expect((await cce.control.calls()).total).toBe(0);

    // A rule that needs the tenant's attribute definitions is refused in preview too.
    await t.stack.setConfig("queues", {
      value: JSON.stringify({ bad: { queueName: "PQ_Billing", steps: [{ terms: [{ attribute: "Billing_Skill", relation: ">=", value: 11 }] }] } }),
    });
    const byType = await t.stack.preview().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(byType!.message).toContain("steps.0.terms.0.value must be a whole number from 1 to 10 (Billing_Skill is a proficiency attribute), got 11");
    expect((await cce.control.calls()).byEndpoint[UPDATE]).toBeUndefined();
  } finally {
    await t.cleanup();
  }
});
