/**
 * The CCE portal played by a server that differs from our reading of seed 001
 * (emulator/variants.ts): sessions ended however a portal says it, a load balancer's cookie,
 * a partner login answered with another code, agents listed without their ids, skill-group
 * details joined by id or not joinable, `pageSize: 0` read as a default page, relation codes
 * numbered from 0, a user's agentId that is not the skill target id. For each, the provider behaves correctly or refuses
 * clearly, and writes nothing wrong (the emulator's journal is the evidence).
 */
import { cceDemoCredentials, cceDemoIds } from "../../emulator/cce/tenant";
import { CCE_VARIANT_DEFAULT_PAGE, type Variant } from "../../emulator/variants";
import { CceClient } from "../../provider/cce/client";
import { listAgents } from "../../provider/cce/agent-attributes-api";
import { check, create } from "../../provider/cce/agent-attribute.lifecycle";
import { check as checkUser, create as createUser, read as readUser } from "../../provider/cce/user.lifecycle";
import { listUsers } from "../../provider/cce/users-api";
import { clearSharedReads } from "../../provider/core/shared-read";
import { clearProcessCaches } from "../../provider/core/process-cache";
import { clearClonedAgents } from "../../provider/cce/cloned-agents";
import { meaningOf } from "../../provider/cce/result-codes";
import { listSkillGroups } from "../../provider/cce/skill-groups-api";
import { check as checkQueue, create as adoptQueue } from "../../provider/cce/precision-queue.lifecycle";
import { isContractError } from "../../provider/core/errors";
import { useCceProviderHarness } from "../support/portal";

const cce = useCceProviderHarness();
const play = (...variants: Variant[]) => cce.control.configure({ variants });
const fastRetry = { attempts: 2, baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 1_000, timeoutMs: 5_000 };
const client = (who: { username: string; password: string } = cceDemoCredentials.admin, tenantId?: string) => new CceClient({ url: `${cce.url}/portal/services`, username: who.username, password: who.password, tenantId }, fastRetry);
const writes = async () => (await cce.control.journal()).filter((call) => call.write).map((call) => `${call.method} ${call.path}`);
const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: Error) => error);

afterEach(() => play());

test.each<[Variant, string]>([
  ["cce-expiry-as-200", "HTTP 200 with code -1 and USER_NOT_AUTHENTICATED"],
  ["cce-expiry-as-redirect", "a 302 to the login page"],
])("a session that ends is noticed and replaced when the portal says so with %s (%s)", async (variant) => {
  await play(variant);
  const portal = client();
  expect(await listSkillGroups(portal)).toHaveLength(3);
  await cce.control.fault({ kind: "expire-sessions" });
  await cce.control.resetCalls();
  expect(await listSkillGroups(portal)).toHaveLength(3);
  expect((await cce.control.journal()).map((call) => `${call.status} ${call.path.split("/").slice(-2).join("/")}`)).toEqual([
    `${variant === "cce-expiry-as-200" ? 200 : 302} skills/getSkillGroups`,
    "200 login/login",
    "200 skills/getSkillGroups",
  ]);
});

test("every cookie the portal sets is sent back: a load balancer's sticky cookie keeps the calls on the session's node", async () => {
  await play("cce-load-balancer-cookie");
  await cce.control.resetCalls();
  expect(await listSkillGroups(client())).toHaveLength(3);
  // One login, and no call refused for a missing cookie.
  expect((await cce.control.journal()).map((call) => call.status)).toEqual([200, 200]);
});

test("a partner login answered TENANT_SELECTION_REQUIRED with a non-zero code still goes on to choose the tenant", async () => {
  await play("cce-tenant-selection-code");
  const groups = await listSkillGroups(client(cceDemoCredentials.partner, "LAB"));
  expect(groups.length).toBeGreaterThan(0);
  expect((await cce.control.journal()).map((call) => call.path.split("/").slice(-2).join("/"))).toContain("login/authorizeUserToTenant");
});

test("agents listed without their ids (the document's AgentInfo): an attribute is refused naming the field, with nothing written", async () => {
  await play("cce-agents-without-ids");
  const failure = await failureOf(listAgents(client()));
  expect(isContractError(failure)).toBe(true);
  expect(failure!.message).toBe(
    "CCE protected/attributes/getAllAgents answered in a way this provider does not rely on: agents[0].skillTargetId: expected a number (or digits in a string), got nothing (the field is missing). " +
      "Nothing was written after this answer; what the provider relies on is in docs/cce-wire-decisions.md",
  );
  // Through the resource: the same refusal, and no write.
  const { inputs } = await check(cce.config as never, {}, { agent: "alice@DEM", attribute: "Spanish", value: true });
  await cce.control.resetCalls();
  const refused = await failureOf(create(cce.config as never, inputs as never));
  expect(isContractError(refused)).toBe(true);
  expect(await writes()).toEqual([]);
});

test("a portal that reads pageSize 0 as a page, saying so in pagingInfo: the partial list is refused, and a refresh never takes the rest for deleted", async () => {
  const { inputs } = await checkUser(cce.config as never, {}, {
    loginName: "paged@DEM", template: "tmpl.agent@DEM", userType: "agent", firstName: "Pa", lastName: "Ged", phone: "5550098", agentId: "7098",
  });
  const { id, outs } = await createUser(cce.config as never, inputs as never);
  const users = (await listUsers(client())).length;
  await play("cce-page-size-zero-pages");
  const failure = await failureOf(listUsers(client()));
  expect(isContractError(failure)).toBe(true);
  expect(failure!.message).toBe(
    `CCE protected/users/getUsers answered in a way this provider does not rely on: asked for every row (pageSize 0), it answered page 1 of ${Math.ceil(users / CCE_VARIANT_DEFAULT_PAGE)} (pagingInfo.totalElements ${users}). ` +
      "Nothing was written after this answer; what the provider relies on is in docs/cce-wire-decisions.md",
  );
  // The refresh of a user the first page leaves out fails; it does not answer "gone" (an empty id).
  clearSharedReads();
  await cce.control.resetCalls();
  const refreshed = await failureOf(readUser(cce.config as never, id, outs as never));
  expect(isContractError(refreshed)).toBe(true);
  expect(await writes()).toEqual([]);
});

test("a portal whose relation codes mean other relations than this provider's (spelled in attributeRelationString): the queue is refused before any write", async () => {
  await play("cce-relation-codes-from-zero");
  const { inputs } = await checkQueue(cce.config as never, {}, {
    queueName: "PQ_Sales",
    steps: [{ terms: [{ attribute: "Sales_Skill", relation: ">=", value: 8 }], waitTime: 20 }],
  });
  await cce.control.resetCalls();
  const refused = await failureOf(adoptQueue(cce.config as never, inputs as never));
  expect(isContractError(refused)).toBe(true);
  expect(refused!.message).toContain(`CCE protected/precisionQueues/getPQByID answered in a way this provider does not rely on: queue ${cceDemoIds.precisionQueues.PQ_Sales}: attributeRelation 5 spelled ">=", which this provider writes as 6`);
  expect(await writes()).toEqual([]);
});

test("a portal whose UserAgentInfo.agentId is not the skill target id: a cloned agent is not handed to the attribute writes, which go to the right agent", async () => {
  clearProcessCaches();
  clearClonedAgents();
  await play("cce-user-agent-id-is-peripheral-number");
  const { inputs } = await checkUser(cce.config as never, {}, {
    loginName: "handoff@DEM", template: "tmpl.agent@DEM", userType: "agent", firstName: "Hand", lastName: "Off", phone: "5550097", agentId: "7097",
  });
  const { id } = await createUser(cce.config as never, inputs as never);
  const skillTargetId = (await listAgents(client())).find((agent) => agent.idProgramUser === Number(id))!.skillTargetId;
  expect(skillTargetId).not.toBe(7097);
  const attribute = await check(cce.config as never, {}, { agent: "handoff@DEM", attribute: "Spanish", value: true });
  await cce.control.resetCalls();
  await create(cce.config as never, attribute.inputs as never);
  const saves = (await cce.control.journal()).filter((call) => call.path.endsWith("saveAttributesToAgent"));
  expect(saves.map((call) => (call.body as { agentsIds: string[] }).agentsIds)).toEqual([[String(skillTargetId)]]);
  // The agent was found in a list, not taken from the clone.
  expect((await cce.control.journal()).some((call) => call.path.endsWith("attributes/getAllAgents"))).toBe(true);
});

test("skill-group details that carry the group's id are joined by it, whatever their order", async () => {
  const asDocumented = await listSkillGroups(client());
  await play("cce-skill-group-details-by-id");
  const joined = await listSkillGroups(client());
  // The same groups and details; only the documented pairing is marked as by position.
  expect(asDocumented.every((group) => group.detailsPairedBy === "position")).toBe(true);
  expect(joined).toEqual(asDocumented.map(({ detailsPairedBy: _, ...group }) => group));
  expect(joined.find((g) => g.skillTargetId === cceDemoIds.skillGroups.Sales)?.description).toBe(asDocumented.find((g) => g.name === "Sales")!.description);
});

test("skill-group lists that cannot be paired (one detail fewer) are refused, not paired by guess", async () => {
  await play("cce-skill-group-details-short");
  const failure = await failureOf(listSkillGroups(client()));
  expect(isContractError(failure)).toBe(true);
  expect(failure!.message).toMatch(/^CCE protected\/skills\/getSkillGroups answered in a way this provider does not rely on: basicSkillGroupList has 3 group\(s\) and skillGroupList 2: they cannot be paired\./);
});

test.each([
  ["users/cloneUser", "CLONE_USER_FAILED_TO_CREATE_USER_IN_AD", "user"],
  ["quickskills/saveSkillsToAgent", "SAVE_SKILLS_TO_AGENT_FAILED", "user"],
  ["attributes/getAllAgents", "GET_ALL_AGENTS_FAILED", "attribute"],
])("a documented refusal on %s (%s) is surfaced with its meaning; after it nothing is written but the undoing of this run's own clone", async (endpoint, constant, kind) => {
  const creating =
    kind === "user"
      ? (await checkUser(cce.config as never, {}, {
          loginName: "refused@DEM", template: "tmpl.agent@DEM", userType: "agent", firstName: "Re", lastName: "Fused", phone: "5550099", agentId: "7099",
          skillGroupIds: [cceDemoIds.skillGroups.Support],
        })).inputs
      : (await check(cce.config as never, {}, { agent: "alice@DEM", attribute: "Spanish", value: true })).inputs;
  await cce.control.resetCalls();
  await cce.control.fault({ endpoint, kind: "result", constant });
  const failure = await failureOf(kind === "user" ? createUser(cce.config as never, creating as never) : create(cce.config as never, creating as never));
  expect(failure!.message).toContain(`${constant}: ${meaningOf(constant)}`);
  const journal = await cce.control.journal();
  const refusedAt = journal.findIndex((call) => call.path.endsWith(endpoint));
  expect(refusedAt).toBeGreaterThanOrEqual(0);
  const after = journal.slice(refusedAt + 1).filter((call) => call.write);
  if (after.length > 0) {
    // A refusal after the clone: the user it made is deleted again, by the id the clone answered, and the error says so.
    const cloned = journal.find((call) => call.path.endsWith("users/cloneUser"))!;
    expect(after.map((call) => call.path.split("/").pop())).toEqual(["deleteUser"]);
    expect(cloned.status).toBe(200);
    expect(failure!.message).toContain("The user refused@DEM had been cloned; it was deleted again so that the next run starts clean.");
  }
});
