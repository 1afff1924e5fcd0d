/**
 * Names in place of ids (provider/cce/named-references.ts) through the real check() of
 * CceUser and SkillGroup, against the emulator over HTTP: a new name is checked with one list
 * call and stays a name in the inputs, a name already in the state costs none, a wrong name or a
 * contradicting id is refused with the field, the rule and the value, and read() gives each
 * reference back in its declared form. And the other checks that ask the tenant (agent
 * attributes, queue steps) skip values already in the state.
 */
import { cceDemoIds } from "../../emulator/cce/tenant";
import { logoutAll } from "../../provider/cce/client";
import { check as checkGroup } from "../../provider/cce/skill-group.lifecycle";
import { check as checkUser, read as readUser } from "../../provider/cce/user.lifecycle";
import { UserOutputs } from "../../provider/cce/user";
import { clearProcessCaches } from "../../provider/core/process-cache";
import { check as checkAttribute } from "../../provider/cce/agent-attribute.lifecycle";
import { check as checkQueue } from "../../provider/cce/precision-queue.lifecycle";
import { cceAdminConfig, EmulatorControl, useEmulatorLifecycle } from "../support/portal";

const emulator = useEmulatorLifecycle();
let control: EmulatorControl;
let config: { get(key: string): string | undefined };
const ids = cceDemoIds;

/** Alice as the seed has her (an agent on CUCM_PG_1, site HQ, team Team_Sales). */
const alice = {
  loginName: "alice@DEM",
  template: "tmpl.agent@DEM",
  userType: "agent",
  firstName: "Alice",
  lastName: "Anders",
  phone: "5550101",
  agentId: "1001",
};

beforeEach(async () => {
  control = new EmulatorControl(emulator.url());
  config = cceAdminConfig(emulator.url());
  await control.resetCalls();
});
afterEach(async () => logoutAll());

const apiCalls = async () => {
  const { byEndpoint } = await control.calls();
  return Object.fromEntries(Object.entries(byEndpoint).filter(([endpoint]) => !/login\/(login|logout)$/.test(endpoint)));
};

test("a new name is checked with one list call per kind, and stays a name in the inputs", async () => {
  const result = await checkUser(config as never, undefined, { ...alice, site: "HQ", team: "Team_Sales", platform: "cucm_pg_1", roleGroup: "Agent" });
  expect(result.failures).toEqual([]);
  // The plan shows what the user wrote: names, never the ids behind them.
  expect(result.inputs).toMatchObject({ site: "HQ", team: "Team_Sales", platform: "cucm_pg_1", roleGroup: "Agent" });
  for (const id of ["siteId", "teamId", "platformId", "roleGroupId"]) expect(result.inputs).not.toHaveProperty(id);
  expect(await apiCalls()).toEqual({
    "POST /portal/services/protected/sites/getAllSites": 1,
    "POST /portal/services/protected/users/getUsers": 1, // teams are known through their members
    "POST /portal/services/protected/users/getAllPlatforms": 1,
    "POST /portal/services/protected/roles/getAllRoles": 1,
  });

  // A second resource in the same provider process reuses the lists.
  await checkUser(config as never, undefined, { ...alice, loginName: "bob@DEM", site: "Branch" });
  expect((await apiCalls())["POST /portal/services/protected/sites/getAllSites"]).toBe(1);
});

test("names the state already holds cost no call: a no-op preview makes none", async () => {
  const olds = { ...alice, site: "HQ", team: "Team_Sales", skillGroups: ["CUCM_PG_1.Sales"] };
  const result = await checkUser(config as never, olds, { ...alice, site: "hq", team: "Team_Sales", skillGroups: ["CUCM_PG_1.Sales"] });
  expect(result.failures).toEqual([]);
  expect((await control.calls()).total).toBe(0);

  const group = await checkGroup(config as never, { peripheral: "CUCM_PG_1", name: "Sales" }, { peripheral: "CUCM_PG_1", name: "Sales" });
  expect(group).toMatchObject({ failures: [], inputs: { peripheral: "CUCM_PG_1" } });
  expect(group.inputs).not.toHaveProperty("peripheralId");
  expect((await control.calls()).total).toBe(0);
});

test("a changed name is checked again", async () => {
  const result = await checkUser(config as never, { ...alice, site: "HQ" }, { ...alice, site: "Branch" });
  expect(result).toMatchObject({ failures: [], inputs: { site: "Branch" } });
  expect(await apiCalls()).toEqual({ "POST /portal/services/protected/sites/getAllSites": 1 });
});

test("a name that names nothing is refused with the field, the rule, the value and what the tenant has", async () => {
  // (A skill group name is not checked here: this run may create the group. create() refuses it.)
  const result = await checkUser(config as never, undefined, { ...alice, site: "Paris", team: "Team_Nobody", skillGroups: ["Sales", "CUCM_PG_1.Nope"] });
  expect(result.failures).toEqual([
    { property: "site", reason: 'site must name a site of the tenant (HQ, Branch), got "Paris"' },
    {
      property: "team",
      reason:
        "team must name a team some user of the tenant is in (the portal lists teams only through their members) " +
        '(Team_Sales, Team_Support, Team_Chat), got "Team_Nobody"',
    },
  ]);
  // A kept list is read once more before a name is refused (the site may be new).
  expect((await apiCalls())["POST /portal/services/protected/sites/getAllSites"]).toBe(2);

  const group = await checkGroup(config as never, undefined, { peripheral: "NO_SUCH_PG", name: "Sales" });
  expect(group.failures).toEqual([
    { property: "peripheral", reason: 'peripheral must name a peripheral (platform) of the tenant (CUCM_PG_1, MR_PG_1), got "NO_SUCH_PG"' },
  ]);
});

test("a name and an id that disagree are refused; a group with neither is refused before any call", async () => {
  const result = await checkUser(config as never, undefined, { ...alice, site: "HQ", siteId: ids.sites.Branch });
  expect(result.failures).toEqual([{ property: "site", reason: `site "HQ" is site ${ids.sites.HQ}, but siteId is ${ids.sites.Branch}: give one or the other` }]);
  const agreeing = await checkUser(config as never, undefined, { ...alice, site: "HQ", siteId: ids.sites.HQ });
  expect(agreeing.failures).toEqual([]);
  const both = await checkUser(config as never, undefined, { ...alice, skillGroups: ["Sales"], skillGroupIds: [ids.skillGroups.Sales] });
  expect(both.failures).toEqual([
    { property: "skillGroups", reason: 'skillGroups must not be set together with skillGroupIds: give the groups by name or by id, got ["Sales"]' },
  ]);

  clearProcessCaches();
  await control.resetCalls();
  const group = await checkGroup(config as never, undefined, { name: "Sales" });
  expect(group.failures).toEqual([{ property: "peripheralId", reason: "peripheralId or peripheral is required: the peripheral (PG) the group belongs to, got nothing" }]);
  expect((await control.calls()).total).toBe(0);
});

test("read gives each reference in its declared form: the declared name while it stands for the live id, else the live one's name", async () => {
  // GIVEN outputs as create() writes them: the names as declared and the ids they stood for
  const props = {
    ...alice, site: "HQ", siteId: ids.sites.HQ, team: "Team_Sales", teamId: ids.teams.Team_Sales,
    skillGroups: ["CUCM_PG_1.Sales"], skillGroupIds: [ids.skillGroups.Sales], livePlatformId: ids.peripherals.CUCM_PG_1,
    enabledInPortal: true, enabledInIcm: true, idProgramUser: ids.users.alice,
  } as unknown as UserOutputs;
  const same = (await readUser(config as never, String(ids.users.alice), props)) as unknown as { inputs: Record<string, unknown>; props: Record<string, unknown> };
  // Alice is in Sales and Support: Support, which the declaration does not name, shows by its bare name.
  expect(same.inputs).toMatchObject({ site: "HQ", team: "Team_Sales", skillGroups: ["CUCM_PG_1.Sales", "Support"] });
  for (const id of ["siteId", "teamId", "skillGroupIds"]) expect(same.inputs).not.toHaveProperty(id);
  expect(same.props).toMatchObject({ siteId: ids.sites.HQ, teamId: ids.teams.Team_Sales, skillGroupIds: [ids.skillGroups.Sales, ids.skillGroups.Support] });

  // GIVEN a state that says Branch while Alice is at HQ (someone moved her by hand)
  const stale = { ...props, site: "Branch", siteId: ids.sites.Branch };
  const drifted = (await readUser(config as never, String(ids.users.alice), stale)) as unknown as { inputs: Record<string, unknown>; props: Record<string, unknown> };
  // THEN the live site is reported by its name, as the file would write it
  expect(drifted.inputs).toMatchObject({ site: "HQ", team: "Team_Sales" });
  expect(drifted.props).toMatchObject({ site: "HQ", siteId: ids.sites.HQ });
  // AND the next check takes the declared name as a change, so the plan moves her back to Branch.
  const next = await checkUser(config as never, drifted.inputs, { ...alice, site: "Branch", team: "Team_Sales" });
  expect(next).toMatchObject({ failures: [], inputs: { site: "Branch" } });
});

test("AgentAttribute and PrecisionQueue checks make no call for values the state already holds", async () => {
  // GIVEN the inputs check() wrote into the state on an earlier run
  const attributeNews = { agent: "alice@DEM", attribute: "Sales_Skill", value: "7" };
  const attributeOlds = (await checkAttribute(config as never, undefined, attributeNews)).inputs;
  expect(attributeOlds.value).toBe(7); // fitted to the proficiency type by a call to the tenant
  const queueNews = { queueName: "PQ_Sales", steps: [{ terms: [{ attribute: "Sales_Skill", relation: ">=", value: 5 }] }] };
  const queueOlds = (await checkQueue(config as never, undefined, queueNews)).inputs;
  clearProcessCaches();
  await control.resetCalls();

  // WHEN a preview checks the same declarations again THEN nothing is called and the inputs are the same
  expect(await checkAttribute(config as never, attributeOlds, attributeNews)).toEqual({ inputs: attributeOlds, failures: [] });
  expect(await checkQueue(config as never, queueOlds, queueNews)).toEqual({ inputs: queueOlds, failures: [] });
  expect((await control.calls()).total).toBe(0);

  // AND a changed value is checked against the tenant again
  const changed = await checkAttribute(config as never, attributeOlds, { ...attributeNews, value: "11" });
  expect(changed.failures).toEqual([{ property: "value", reason: 'value must be 1 to 10: Sales_Skill is a proficiency attribute, got "11"' }]);
  expect((await apiCalls())["POST /portal/services/protected/attributes/getAllAttributes"]).toBe(1);
});
