/**
 * The CCE emulator's precision queue and attribute services over real HTTP (seed 001).
 */
import { cceDemoCredentials, cceDemoIds } from "../../emulator";
import { PortalSession as Session } from "../support/portal";
import { usePortalEmulator } from "../support/emulator-portal";

const { admin, labAdmin } = cceDemoCredentials;
const { precisionQueues: pqIds, attributes: attrIds } = cceDemoIds;

const emulator = usePortalEmulator();
const { call, loginAs } = emulator;
const { post } = emulator;

const getAll = (s: Session, body: object = {}) => call(s, "precisionQueues/getAllPrecisionQueues", body);
const getById = (s: Session, id: unknown) => call(s, "precisionQueues/getPQByID", { id });
const update = (s: Session, precisionQueue: object) => call(s, "precisionQueues/updatePrecisionQueue", { precisionQueue });

const ref = (id: number) => ({ id, refURL: `/unifiedconfig/config/attribute/${id}` });
const term = (attribute: number, attributeRelation: number | string, value1: string, termRelation: number) =>
  ({ attribute: ref(attribute), attributeRelation, value1, termRelation, parenCount: 0 });

describe("precisionQueues/getAllPrecisionQueues", () => {
  test("lists the tenant's queues with paging, numeric strings accepted", async () => {
    const dem = await loginAs(admin);
    const all = await getAll(dem, { pageSize: "0", pageNumber: 1 });
    expect(all.body).toMatchObject({ code: 0, codeMessage: "GET_ALL_PQ_SUCCESS", pagingInfo: { totalPages: 1, totalElements: 2 } });
    expect(all.body.precisionQueues.map((q: { id: number }) => q.id)).toEqual([pqIds.PQ_Sales, pqIds.PQ_Billing]);
    expect(all.body.precisionQueues[0]).toMatchObject({ name: "PQ_Sales", changeStamp: 0, serviceLevelThreshold: 20 });

    const page2 = await getAll(dem, { pageSize: 1, pageNumber: "2" });
    expect(page2.body.precisionQueues.map((q: { id: number }) => q.id)).toEqual([pqIds.PQ_Billing]);
    expect(page2.body.pagingInfo).toEqual({ totalPages: 2, totalElements: 2 });
    const desc = await getAll(dem, { pageSize: 0, direction: "DESC" });
    expect(desc.body.precisionQueues[0].id).toBe(pqIds.PQ_Billing);
  });

  test("bad paging is refused with the document's constants", async () => {
    const dem = await loginAs(admin);
    expect((await getAll(dem, { pageSize: -1 })).body).toMatchObject({ code: -1, codeMessage: "GET_ALL_PQ_FAILED" });
    const wrongType = await getAll(dem, { pageSize: "many" });
    expect(wrongType.status).toBe(404);
  });

  test("answers 401 without a session", async () => {
    const reply = await post("protected/precisionQueues/getAllPrecisionQueues", {});
    expect(reply.status).toBe(401);
    expect(reply.body.code).toBe(-1);
  });
});

describe("attributes/getAllAttributes", () => {
  test("lists the tenant's attributes with refURL and dataType", async () => {
    const dem = await loginAs(admin);
    const reply = await call(dem, "attributes/getAllAttributes", { pageSize: 0 });
    expect(reply.body).toMatchObject({ code: 0, codeMessage: "GET_ALL_ATTRIBUTES_SUCCESS", pagingInfo: { totalElements: 3 } });
    expect(reply.body.attributes[0]).toMatchObject({
      id: attrIds.Sales_Skill, name: "Sales_Skill", dataType: "4", refURL: `/unifiedconfig/config/attribute/${attrIds.Sales_Skill}`,
    });
    const lab = await loginAs(labAdmin);
    const labReply = await call(lab, "attributes/getAllAttributes", { pageSize: 0 });
    expect(labReply.body.attributes.map((a: { name: string }) => a.name)).toEqual(["Lab_Skill"]);
  });
});

describe("precisionQueues/getPQByID", () => {
  test("returns the queue with its steps and terms", async () => {
    const dem = await loginAs(admin);
    const reply = await getById(dem, String(pqIds.PQ_Sales));
    expect(reply.body).toMatchObject({ code: 0, codeMessage: "GET_PQ_BY_ID_SUCCESS" });
    const info = reply.body.precisionQueueInfo;
    expect(info).toMatchObject({ id: pqIds.PQ_Sales, name: "PQ_Sales", changeStamp: 0 });
    expect(info.steps).toHaveLength(2);
    expect(info.steps[0].terms[1]).toMatchObject({ attribute: { name: "Spanish", dataType: "3" }, attributeRelation: 1, value1: "true", termRelation: 1 });
  });

  test("an unknown id, or another tenant's, is GET_PQ_BY_ID_FAILED", async () => {
    const dem = await loginAs(admin);
    expect((await getById(dem, 9999)).body).toMatchObject({ code: -1, codeMessage: "GET_PQ_BY_ID_FAILED" });
    expect((await getById(dem, pqIds.PQ_Lab)).body).toMatchObject({ code: -1, codeMessage: "GET_PQ_BY_ID_FAILED" });
    const lab = await loginAs(labAdmin);
    const labAll = await getAll(lab, { pageSize: 0 });
    expect(labAll.body.precisionQueues.map((q: { id: number }) => q.id)).toEqual([pqIds.PQ_Lab]);
  });
});

describe("precisionQueues/updatePrecisionQueue", () => {
  const newSteps = [
    { terms: [term(attrIds.Sales_Skill, 6, "9", 0), term(attrIds.Spanish, 1, "false", 2)], waitTime: 15, agentCount: 0, considerIf: "" },
  ];

  test("a current changeStamp saves, increments the stamp and persists the steps", async () => {
    const dem = await loginAs(admin);
    const reply = await update(dem, { id: pqIds.PQ_Sales, changeStamp: "0", description: "changed", steps: newSteps });
    expect(reply.body).toMatchObject({ code: 0, codeMessage: "UPDATE_PQ_SUCCESS" });
    const info = (await getById(dem, pqIds.PQ_Sales)).body.precisionQueueInfo;
    expect(info).toMatchObject({ changeStamp: 1, description: "changed", name: "PQ_Sales" });
    expect(info.steps).toHaveLength(1);
    expect(info.steps[0]).toMatchObject({ waitTime: 15 });
    expect(info.steps[0].terms.map((t: { value1: string; termRelation: number }) => [t.value1, t.termRelation])).toEqual([["9", 0], ["false", 2]]);
  });

  test("a stale changeStamp is refused naming both stamps, and nothing changes", async () => {
    const dem = await loginAs(admin);
    expect((await update(dem, { id: pqIds.PQ_Sales, changeStamp: 0, description: "first" })).body.code).toBe(0);
    const stale = await update(dem, { id: pqIds.PQ_Sales, changeStamp: 0, description: "second" });
    expect(stale.body).toMatchObject({ code: -1, codeMessage: "UPDATE_PQ_FAILED" });
    expect(stale.body.errorMessage).toMatch(/changeStamp is 0.*changeStamp is 1/);
    const info = (await getById(dem, pqIds.PQ_Sales)).body.precisionQueueInfo;
    expect(info).toMatchObject({ changeStamp: 1, description: "first" });
  });

  test.each([
    ["an unknown attribute", [term(9999, 6, "5", 0)], /unknown attribute/],
    ["another tenant's attribute", [term(attrIds.Lab_Skill, 6, "5", 0)], /unknown attribute/],
    ["a proficiency out of 1-10", [term(attrIds.Sales_Skill, 6, "11", 0)], /proficiency.*1 to 10/],
    ["a boolean value that is not true/false", [term(attrIds.Spanish, 1, "yes", 0)], /boolean/],
    ["a bad attribute relation", [term(attrIds.Sales_Skill, 9, "5", 0)], /attributeRelation/],
    ["a bad term relation", [term(attrIds.Sales_Skill, 6, "5", 0), term(attrIds.Spanish, 1, "true", 7)], /termRelation/],
    ["a first term with a relation", [term(attrIds.Sales_Skill, 6, "5", 1)], /first term/],
  ])("%s is refused with UPDATE_PQ_FAILED", async (_name, terms, message) => {
    const dem = await loginAs(admin);
    const reply = await update(dem, { id: pqIds.PQ_Sales, changeStamp: 0, steps: [{ terms, waitTime: 0, agentCount: 0, considerIf: "" }] });
    expect(reply.body).toMatchObject({ code: -1, codeMessage: "UPDATE_PQ_FAILED" });
    expect(reply.body.errorMessage).toMatch(message);
    expect((await getById(dem, pqIds.PQ_Sales)).body.precisionQueueInfo.changeStamp).toBe(0);
  });

  test("another tenant's queue cannot be updated", async () => {
    const lab = await loginAs(labAdmin);
    const reply = await update(lab, { id: pqIds.PQ_Sales, changeStamp: 0, description: "hijack" });
    expect(reply.body).toMatchObject({ code: -1, codeMessage: "UPDATE_PQ_FAILED" });
    const dem = await loginAs(admin);
    expect((await getById(dem, pqIds.PQ_Sales)).body.precisionQueueInfo.description).toBe("Sales, Spanish first");
  });

  test("answers 401 without a session", async () => {
    const reply = await post("protected/precisionQueues/updatePrecisionQueue", { precisionQueue: { id: pqIds.PQ_Sales, changeStamp: 0 } });
    expect(reply.status).toBe(401);
  });
});
