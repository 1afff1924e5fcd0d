/**
 * Names in place of ids (provider/cce/named-references.ts) through the real check() of
 * CceUser and SkillGroup, against the emulator over HTTP: a new name is resolved with one list
 * call, a name already in the state costs none, a wrong name or a contradicting id is refused
 * with the field, the rule and the value, and read() forgets a name whose id drifted. And the
 * other checks that ask the tenant (agent attributes, queue steps) skip values already in the state.
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

test("a new name is resolved to its id with one list call per kind, in check()", async () => {
  const result = await checkUser(config as never, undefined, { ...alice, site: "HQ", team: "Team_Sales", platform: "cucm_pg_1", roleGroup: "Agent" });
  expect(result.failures).toEqual([]);
  expect(result.inputs).toMatchObject({
    site: "HQ",
    siteId: ids.sites.HQ,
    team: "Team_Sales",
    teamId: ids.teams.Team_Sales,
    platform: "cucm_pg_1", // names compare without case, as the portal's do
    platformId: ids.peripherals.CUCM_PG_1,
    roleGroupId: ids.roleGroups.Agent,
  });
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

test("names already resolved in the state cost no call: a no-op preview makes none", async () => {
  const olds = { ...alice, site: "HQ", siteId: ids.sites.HQ, team: "Team_Sales", teamId: ids.teams.Team_Sales };
  const result = await checkUser(config as never, olds, { ...alice, site: "HQ", team: "Team_Sales" });
  expect(result.failures).toEqual([]);
  expect(result.inputs).toMatchObject({ siteId: ids.sites.HQ, teamId: ids.teams.Team_Sales });
  expect((await control.calls()).total).toBe(0);

  const group = await checkGroup(config as never, { peripheral: "CUCM_PG_1", peripheralId: 5000, name: "Sales" }, { peripheral: "CUCM_PG_1", name: "Sales" });
  expect(group).toMatchObject({ failures: [], inputs: { peripheralId: 5000 } });
  expect((await control.calls()).total).toBe(0);
});

test("a changed name is resolved again", async () => {
  const olds = { ...alice, site: "HQ", siteId: ids.sites.HQ };
  const result = await checkUser(config as never, olds, { ...alice, site: "Branch" });
  expect(result.inputs).toMatchObject({ site: "Branch", siteId: ids.sites.Branch });
  expect(await apiCalls()).toEqual({ "POST /portal/services/protected/sites/getAllSites": 1 });
});

test("a name that names nothing is refused with the field, the rule, the value and what the tenant has", async () => {
  const result = await checkUser(config as never, undefined, { ...alice, site: "Paris", team: "Team_Nobody" });
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

  clearProcessCaches();
  await control.resetCalls();
  const group = await checkGroup(config as never, undefined, { name: "Sales" });
  expect(group.failures).toEqual([{ property: "peripheralId", reason: "peripheralId or peripheral is required: the peripheral (PG) the group belongs to, got nothing" }]);
  expect((await control.calls()).total).toBe(0);
});

test("read keeps a name while its id is live and forgets it once the id drifted", async () => {
  const checked = (await checkUser(config as never, undefined, { ...alice, site: "HQ", team: "Team_Sales" })).inputs;
  const props = { ...checked, idProgramUser: ids.users.alice } as unknown as UserOutputs;
  const same = (await readUser(config as never, String(ids.users.alice), props)) as unknown as { inputs: Record<string, unknown>; props: Record<string, unknown> };
  expect(same.inputs).toMatchObject({ site: "HQ", siteId: ids.sites.HQ, team: "Team_Sales", teamId: ids.teams.Team_Sales });

  // GIVEN a state that says Branch while Alice is at HQ (someone moved her by hand)
  const stale = { ...props, site: "Branch", siteId: ids.sites.Branch };
  const drifted = (await readUser(config as never, String(ids.users.alice), stale)) as unknown as { inputs: Record<string, unknown>; props: Record<string, unknown> };
  // THEN the live id is reported and the name that no longer describes it is forgotten
  expect(drifted.inputs).toMatchObject({ siteId: ids.sites.HQ, team: "Team_Sales" });
  expect(drifted.inputs).not.toHaveProperty("site");
  expect(drifted.props).not.toHaveProperty("site");
  // AND the next check resolves the declared name again, so the plan moves her back to Branch.
  const next = await checkUser(config as never, drifted.inputs, { ...alice, site: "Branch", team: "Team_Sales" });
  expect(next.inputs).toMatchObject({ siteId: ids.sites.Branch, teamId: ids.teams.Team_Sales });
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
