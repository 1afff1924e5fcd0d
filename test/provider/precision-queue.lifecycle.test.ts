/**
 * PrecisionQueue's lifecycle functions against the emulator over HTTP, below the engine:
 * adoption by name and id, updates with the changeStamp, conflicts (never overwritten),
 * restore on delete, a queue that is gone, and the attribute rules of check().
 * Out-of-band changes are made with raw portal calls, as another administrator would.
 */
import { cceDemoCredentials, cceDemoIds } from "../../emulator/cce/tenant";
import { check, create, read, remove, update } from "../../provider/cce/precision-queue.lifecycle";
import { PrecisionQueueInputs, PrecisionQueueOutputs } from "../../provider/cce/precision-queue";
import { useCceProviderHarness } from "../support/portal";

const { username, password } = cceDemoCredentials.admin;
const { PQ_Sales, PQ_Billing } = cceDemoIds.precisionQueues;
const { Sales_Skill, Spanish, Billing_Skill } = cceDemoIds.attributes;
const UPDATE = "POST /portal/services/protected/precisionQueues/updatePrecisionQueue";

const cce = useCceProviderHarness();

/** Inputs as check() leaves them (defaults applied). */
async function inputs(news: Record<string, unknown>): Promise<PrecisionQueueInputs> {
  const result = await check(cce.config as never, {}, news);
  expect(result.failures).toEqual([]);
  return result.inputs;
}

/** The queue as the portal holds it, read with a raw call. */
async function portalQueue(id: number) {
  const body = await cce.portal.call(cce.session, "protected/precisionQueues/getPQByID", { id });
  return body.precisionQueueInfo;
}

/** Changes the queue as another administrator would: read it, change it, send it back. */
async function changeByHand(id: number, change: Record<string, unknown>) {
  const current = await portalQueue(id);
  const body = await cce.portal.call(cce.session, "protected/precisionQueues/updatePrecisionQueue", { precisionQueue: { ...current, ...change } });
  expect(body.codeMessage).toBe("UPDATE_PQ_SUCCESS");
}

const salesSteps = [
  {
    terms: [
      { attribute: "Sales_Skill", relation: ">=", value: 8 },
      { attribute: "Spanish", relation: "==", value: true, connector: "or" },
    ],
    waitTime: 20,
  },
];

test("adopting by name without managed fields records the queue and writes nothing", async () => {
  await cce.control.resetCalls();
  const { id, outs } = await create(cce.config as never, await inputs({ queueName: "PQ_Sales" }));
  expect(id).toBe(String(PQ_Sales));
  expect((await cce.control.calls()).byEndpoint[UPDATE]).toBeUndefined();
  expect(outs).toMatchObject({ queueName: "PQ_Sales", queueId: PQ_Sales, name: "PQ_Sales", changeStamp: 0, restoreOnDelete: false });
  expect(outs).not.toHaveProperty("description");
  expect(outs.adopted).toEqual({
    queueId: PQ_Sales,
    name: "PQ_Sales",
    changeStamp: 0,
    description: "Sales, Spanish first",
    agentOrdering: 1,
    callOrdering: 1,
    serviceLevelThreshold: 20,
    serviceLevelType: 1,
    steps: [
      {
        terms: [
          { attribute: Sales_Skill, relation: ">=", value: 7, parenCount: 0 },
          { attribute: Spanish, relation: "==", value: true, connector: "and", parenCount: 0 },
        ],
        waitTime: 30,
        agentCount: 0,
        considerIf: "",
      },
      { terms: [{ attribute: Sales_Skill, relation: ">=", value: 5, parenCount: 0 }], waitTime: 0, agentCount: 0, considerIf: "" },
    ],
  });
  expect(await read(cce.config as never, id, outs)).toEqual({ id, props: outs, inputs: { queueName: "PQ_Sales", restoreOnDelete: false } });
});

test("adopting by id writes the declared fields with the current changeStamp, attribute names resolved", async () => {
  const declared = await inputs({ queueId: PQ_Sales, description: "Sales, anyone good", serviceLevelThreshold: 45, steps: salesSteps });
  const { id, outs } = await create(cce.config as never, declared);
  const live = await portalQueue(PQ_Sales);
  expect(live).toMatchObject({ changeStamp: 1, description: "Sales, anyone good", serviceLevelThreshold: 45, agentOrdering: 1 });
  expect(live.steps).toHaveLength(1);
  expect(live.steps[0].terms.map((t: any) => [t.attribute.id, t.attributeRelation, t.value1, t.termRelation])).toEqual([
    [Sales_Skill, 6, "8", 0],
    [Spanish, 1, "true", 2],
  ]);
  // Outputs are the live values in the declared forms: no spurious diff on the next run.
  expect(outs).toMatchObject({ ...declared, queueId: PQ_Sales, changeStamp: 1 });
  expect(outs.adopted).toMatchObject({ changeStamp: 0, description: "Sales, Spanish first" });
  expect(await read(cce.config as never, id, outs)).toEqual({
    id,
    props: outs,
    inputs: { queueId: PQ_Sales, restoreOnDelete: false, description: "Sales, anyone good", serviceLevelThreshold: 45, steps: declared.steps },
  });
});

test("attributes by id stay ids, and a name in another case finds the queue", async () => {
  const steps = [{ terms: [{ attribute: Billing_Skill, relation: ">", value: 6 }] }];
  const { outs } = await create(cce.config as never, await inputs({ queueName: "pq_billing", steps }));
  expect(outs).toMatchObject({ queueId: PQ_Billing, name: "PQ_Billing", queueName: "pq_billing" });
  expect(outs.steps![0].terms[0]).toEqual({ attribute: Billing_Skill, relation: ">", value: 6, parenCount: 0 });
});

test("a queue that does not exist is refused, saying that queues cannot be created", async () => {
  const byName = await create(cce.config as never, await inputs({ queueName: "PQ_Nope" })).catch((e) => e);
  expect(byName.message).toBe(
    "Precision queue named 'PQ_Nope' in this tenant was not found. The CCE portal API cannot create precision queues: " +
      "create it in the portal, then adopt it by queueName or queueId. The tenant's queues: PQ_Sales (5300), PQ_Billing (5301).",
  );
  const byId = await create(cce.config as never, await inputs({ queueId: 9999 })).catch((e) => e);
  expect(byId.message).toContain("Precision queue with id 9999 in this tenant was not found. The CCE portal API cannot create precision queues");
});

test("update writes the change with the live changeStamp", async () => {
  const { id, outs } = await create(cce.config as never, await inputs({ queueName: "PQ_Sales", description: "one" }));
  const { outs: updated } = await update(cce.config as never, id, outs, await inputs({ queueName: "PQ_Sales", description: "two", callOrdering: 2 }));
  expect(updated).toMatchObject({ description: "two", callOrdering: 2, changeStamp: 2 });
  expect(await portalQueue(PQ_Sales)).toMatchObject({ description: "two", callOrdering: 2, changeStamp: 2 });
  // Stopping to manage a field writes nothing.
  await cce.control.resetCalls();
  const { outs: released } = await update(cce.config as never, id, updated, await inputs({ queueName: "PQ_Sales", description: "two" }));
  expect((await cce.control.calls()).byEndpoint[UPDATE]).toBeUndefined();
  expect(released).not.toHaveProperty("callOrdering");
});

test("a queue changed behind our back is a conflict with both versions, and it is not overwritten", async () => {
  const { id, outs } = await create(cce.config as never, await inputs({ queueName: "PQ_Sales", description: "ours", serviceLevelThreshold: 20 }));
  await changeByHand(PQ_Sales, { description: "theirs" });
  await cce.control.resetCalls();

  const error = await update(cce.config as never, id, outs, await inputs({ queueName: "PQ_Sales", description: "ours, again" })).catch((e) => e);
  expect(error.name).toBe("ConflictError");
  expect(error.message).toContain("Precision queue 'PQ_Sales' (id 5300) was changed outside Pulumi since it was last read");
  expect(error.message).toContain("the state has changeStamp 1, the portal has changeStamp 2");
  expect(error.message).toContain('description: "ours" in the state, "theirs" in the portal');
  expect(error.message).not.toContain("serviceLevelThreshold:");
  expect(error.message).toContain("`pulumi refresh` (or `pulumi up --refresh`)");
  expect((await cce.control.calls()).byEndpoint[UPDATE]).toBeUndefined();
  expect(await portalQueue(PQ_Sales)).toMatchObject({ description: "theirs", changeStamp: 2 });

  // A refresh takes the portal's version; the update then goes through.
  const refreshed = await read(cce.config as never, id, outs);
  expect(refreshed.props).toMatchObject({ description: "theirs", changeStamp: 2 });
  expect(refreshed.inputs).toMatchObject({ description: "theirs" });
  const { outs: after } = await update(cce.config as never, id, refreshed.props as PrecisionQueueOutputs, await inputs({ queueName: "PQ_Sales", description: "ours, again" }));
  expect(after).toMatchObject({ description: "ours, again", changeStamp: 3 });
});

test("a change between our read and our write is refused by the portal and reported as a conflict", async () => {
  const { id, outs } = await create(cce.config as never, await inputs({ queueName: "PQ_Sales", description: "ours" }));
  await cce.control.resetCalls();
  // Our update is held long enough for another administrator's update to land first.
  await cce.control.fault({ kind: "latency", endpoint: "precisionQueues/updatePrecisionQueue", ms: 1500, count: 1 });
  const pending = update(cce.config as never, id, outs, await inputs({ queueName: "PQ_Sales", description: "ours, again" })).catch((e) => e);
  while (!(await cce.control.calls()).byEndpoint[UPDATE]) await new Promise((r) => setTimeout(r, 20));
  await changeByHand(PQ_Sales, { description: "theirs" });

  const error = await pending;
  expect(error.name).toBe("ConflictError");
  expect(error.message).toContain("the state has changeStamp 1, the portal has changeStamp 2");
  expect(error.message).toContain('description: "ours" in the state, "theirs" in the portal');
  expect(await portalQueue(PQ_Sales)).toMatchObject({ description: "theirs", changeStamp: 2 });
});

test("an update whose answer is lost is read back, not sent again", async () => {
  const { id, outs } = await create(cce.config as never, await inputs({ queueName: "PQ_Sales", description: "one" }));
  await cce.control.resetCalls();
  await cce.control.fault({ kind: "drop-response", endpoint: "precisionQueues/updatePrecisionQueue", count: 1 });
  const { outs: updated } = await update(cce.config as never, id, outs, await inputs({ queueName: "PQ_Sales", description: "two" }));
  expect(updated).toMatchObject({ description: "two", changeStamp: 2 });
  expect((await cce.control.calls()).byEndpoint[UPDATE]).toBe(1);
});

test("delete releases the queue as it is, or restores the managed fields to what was adopted", async () => {
  const declared = { queueName: "PQ_Sales", description: "managed", steps: salesSteps };
  const { id, outs } = await create(cce.config as never, await inputs(declared));
  await cce.control.resetCalls();
  await remove(cce.config as never, id, outs);
  expect((await cce.control.calls()).byEndpoint[UPDATE]).toBeUndefined();
  expect(await portalQueue(PQ_Sales)).toMatchObject({ description: "managed" });

  await cce.control.reset(); // ends every session too
  cce.session = await cce.portal.login(username, password);
  const restoring = await create(cce.config as never, await inputs({ ...declared, restoreOnDelete: true }));
  // A field this resource does not manage, changed by someone else and accepted by a refresh, is left alone.
  await changeByHand(PQ_Sales, { serviceLevelThreshold: 99 });
  const refreshed = (await read(cce.config as never, restoring.id, restoring.outs)).props as PrecisionQueueOutputs;
  await remove(cce.config as never, restoring.id, refreshed);
  const live = await portalQueue(PQ_Sales);
  expect(live).toMatchObject({ description: "Sales, Spanish first", serviceLevelThreshold: 99, changeStamp: 3 });
  expect(live.steps.map((s: any) => [s.waitTime, s.terms.map((t: any) => [t.attribute.id, t.attributeRelation, t.value1, t.termRelation])])).toEqual([
    [30, [[Sales_Skill, 6, "7", 0], [Spanish, 1, "true", 1]]],
    [0, [[Sales_Skill, 6, "5", 0]]],
  ]);
});

test("restore on delete follows the same conflict rule", async () => {
  const { id, outs } = await create(cce.config as never, await inputs({ queueName: "PQ_Sales", description: "managed", restoreOnDelete: true }));
  await changeByHand(PQ_Sales, { description: "theirs" });
  const error = await remove(cce.config as never, id, outs).catch((e) => e);
  expect(error.name).toBe("ConflictError");
  expect(error.message).toContain('description: "managed" in the state, "theirs" in the portal');
  expect(error.message).toContain("restoring it on delete was stopped");
  expect(await portalQueue(PQ_Sales)).toMatchObject({ description: "theirs" });
});

test("read of a queue that does not exist returns an empty id", async () => {
  expect(await read(cce.config as never, "999999", {} as PrecisionQueueOutputs)).toEqual({ id: "" });
});

describe("check() with the tenant's attributes", () => {
  const term = (attribute: unknown, relation: string, value: unknown) => ({ queueName: "PQ_Sales", steps: [{ terms: [{ attribute, relation, value }] }] });

  test.each([
    [term("Frnch", "==", true), "steps.0.terms.0.attribute", "must name an attribute of this tenant (Sales_Skill = 5121, Spanish = 5122, Billing_Skill = 5123), got \"Frnch\""],
    [term(6121, "==", 1), "steps.0.terms.0.attribute", "must be the id of an attribute of this tenant (Sales_Skill = 5121, Spanish = 5122, Billing_Skill = 5123), got 6121"],
    [term("Sales_Skill", ">=", 11), "steps.0.terms.0.value", "must be a whole number from 1 to 10 (Sales_Skill is a proficiency attribute), got 11"],
    [term("Sales_Skill", ">=", "high"), "steps.0.terms.0.value", 'must be a whole number from 1 to 10 (Sales_Skill is a proficiency attribute), got "high"'],
    [term("spanish", "==", "yes"), "steps.0.terms.0.value", 'must be true or false (Spanish is a boolean attribute), got "yes"'],
    [term(Spanish, ">", "true"), "steps.0.terms.0.relation", 'must be "==" or "!=" (Spanish is a boolean attribute), got ">"'],
  ])("refuses %j naming the field, rule and value", async (news, property, rule) => {
    const result = await check(cce.config as never, {}, news);
    expect(result.failures).toEqual([{ property, reason: `${property} ${rule}` }]);
  });

  test("the definitions are read once per process", async () => {
    await cce.control.resetCalls();
    await check(cce.config as never, {}, term("Sales_Skill", ">=", 3));
    await create(cce.config as never, await inputs(term("Sales_Skill", ">=", 3)));
    expect((await cce.control.calls()).byEndpoint["POST /portal/services/protected/attributes/getAllAttributes"] ?? 0).toBeLessThanOrEqual(1);
  });
});

test("restore on delete reads the queue once and writes once: nothing keeps the new stamp, so no read back", async () => {
  const { id, outs } = await create(cce.config as never, await inputs({ queueName: "PQ_Sales", description: "managed", restoreOnDelete: true }));
  await cce.control.resetCalls();
  await remove(cce.config as never, id, outs);
  expect((await cce.control.calls()).byEndpoint).toEqual({ "POST /portal/services/protected/precisionQueues/getPQByID": 1, [UPDATE]: 1 });
  expect(await portalQueue(PQ_Sales)).toMatchObject({ description: "Sales, Spanish first" });
});

test("queues adopted by name together share one list", async () => {
  const declared = [await inputs({ queueName: "PQ_Sales" }), await inputs({ queueName: "PQ_Billing" })];
  await cce.control.resetCalls();
  const adopted = await Promise.all(declared.map((d) => create(cce.config as never, d)));
  expect(adopted.map((a) => a.id)).toEqual([String(PQ_Sales), String(PQ_Billing)]);
  expect((await cce.control.calls()).byEndpoint["POST /portal/services/protected/precisionQueues/getAllPrecisionQueues"]).toBe(1);
});
