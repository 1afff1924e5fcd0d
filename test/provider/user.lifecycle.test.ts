/**
 * CceUser's lifecycle functions against the emulator over HTTP, below the engine, counting the
 * portal calls of each path: a clone is read once and its skill groups are known from its
 * template's (read once per template), an update uses updateUser's answer, the disables of a
 * destroy share one user list (`identityRead`); and the paths that must still read (a lost clone answer, a template
 * changed meanwhile, a user deleted by hand, a failure after the clone) still do.
 */
import { cceDemoIds } from "../../emulator/cce/tenant";
import { check, create, read, remove, update } from "../../provider/cce/user.lifecycle";
import { UserInputs } from "../../provider/cce/user";
import { useCceProviderHarness } from "../support/portal";

const ids = cceDemoIds;
const P = "POST /portal/services/protected";
const CALL = {
  clone: `${P}/users/cloneUser`,
  getUser: `${P}/users/getUserByIdProgram`,
  listUsers: `${P}/users/getUsers`,
  updateUser: `${P}/users/updateUser`,
  setUserStatus: `${P}/users/setUserStatus`,
  skillsOf: `${P}/quickskills/getSkillsForAgent`,
  saveSkills: `${P}/quickskills/saveSkillsToAgent`,
};

const cce = useCceProviderHarness();

/** An agent cloned from the seeded agent template (which is in the Sales group). */
async function agent(n: number, change: Record<string, unknown> = {}): Promise<UserInputs> {
  const result = await check(cce.config as never, {}, {
    loginName: `agent${n}@DEM`,
    template: "tmpl.agent@DEM",
    userType: "agent",
    firstName: `Agent${n}`,
    lastName: "Test",
    phone: `555000${n}`,
    agentId: `${7000 + n}`,
    skillGroupIds: [ids.skillGroups.Support],
    ...change,
  });
  expect(result.failures).toEqual([]);
  return result.inputs;
}

const calls = async () => (await cce.control.calls()).byEndpoint;

async function skillsOf(idProgramUser: number): Promise<number[]> {
  const body = await cce.portal.call(cce.session, "protected/quickskills/getSkillsForAgent", { assigned: true, idProgramUser, pageSize: 0 });
  return (body.basicSkillGroupList as { skillTargetId: number }[]).map((g) => g.skillTargetId).sort();
}

async function portalUser(idProgramUser: number) {
  const body = await cce.portal.call(cce.session, "protected/users/getUserByIdProgram", { searchId: idProgramUser });
  return body.userAgentInfoList[0];
}

test("a clone is read once, and its groups come from its template's, read once for every clone of it", async () => {
  // WHEN two agents are cloned from one template, each leaving its inherited Sales for Support
  const first = await create(cce.config as never, await agent(1));
  const second = await create(cce.config as never, await agent(2));

  // THEN each costs a clone, one read and one membership delta; the template's groups are read once
  expect(await calls()).toMatchObject({ [CALL.clone]: 2, [CALL.getUser]: 2, [CALL.skillsOf]: 1, [CALL.saveSkills]: 2 });
  for (const { id } of [first, second]) expect(await skillsOf(Number(id))).toEqual([ids.skillGroups.Support]);
  expect(first.outs).toMatchObject({ teamName: "Team_Sales", liveAgentEnterpriseName: "Agent1_Test", agentSkillTargetId: expect.any(Number) });
});

test("a template whose groups changed since they were read: the clone's count disagrees, so its groups are read", async () => {
  await create(cce.config as never, await agent(1));
  // The template joins Support by hand: later clones start in Sales and Support.
  const joined = await cce.portal.call(cce.session, "protected/quickskills/saveSkillsToAgent", {
    peripheralID: ids.peripherals.CUCM_PG_1, agentIdProgramUser: ids.users.tmplAgent, addedSkillGroupSkillTargetIds: [ids.skillGroups.Support], removedSkillGroupSkillTargetIds: [],
  });
  expect(joined.codeMessage).toBe("SAVE_SKILLS_TO_AGENT_SUCCESS");
  await cce.control.resetCalls();

  const second = await create(cce.config as never, await agent(2));
  expect((await calls())[CALL.skillsOf]).toBe(1); // the clone's own groups
  expect(await skillsOf(Number(second.id))).toEqual([ids.skillGroups.Support]);
});

test("a clone whose answer is lost reads its groups rather than assume them", async () => {
  await cce.control.fault({ endpoint: "users/cloneUser", kind: "drop-response", count: 1 });
  const { id } = await create(cce.config as never, await agent(1, { skillGroupIds: [] }));
  expect(await calls()).toMatchObject({ [CALL.clone]: 1, [CALL.skillsOf]: 1 });
  expect(await skillsOf(Number(id))).toEqual([]);
});

test("a failure after the clone still deletes the clone again", async () => {
  await cce.control.fault({ endpoint: "quickskills/saveSkillsToAgent", kind: "status", status: 500, count: 50 });
  const error = await create(cce.config as never, await agent(1)).catch((e) => e);
  expect(error.message).toContain("The user agent1@DEM had been cloned; it was deleted again so that the next run starts clean.");
  const found = await cce.portal.call(cce.session, "protected/users/getUsers", { searchColumn: "loginNm", searchTerm: "agent1@DEM", searching: true, pageSize: 0 });
  expect(found.userAgentInfoList).toEqual([]);
});

test("an update takes the user as saved from updateUser's answer, and leaves unchanged memberships unread", async () => {
  const inputs = await agent(1);
  const { id, outs } = await create(cce.config as never, inputs);
  await cce.control.resetCalls();

  const { outs: after } = await update(cce.config as never, id, outs, { ...inputs, phone: "5559999" });
  expect(await calls()).toEqual({ [CALL.getUser]: 1, [CALL.updateUser]: 1 });
  expect(after).toMatchObject({ phone: "5559999", teamName: "Team_Sales", agentSkillTargetId: outs.agentSkillTargetId });
  expect((await portalUser(Number(id))).phone).toBe("5559999");

  // A change of the declared groups reads the live ones for the delta, and nothing else.
  await cce.control.resetCalls();
  await update(cce.config as never, id, after, { ...inputs, phone: "5559999", skillGroupIds: [ids.skillGroups.Sales, ids.skillGroups.Support] });
  expect(await calls()).toEqual({ [CALL.skillsOf]: 1, [CALL.saveSkills]: 1 });
  expect(await skillsOf(Number(id))).toEqual([ids.skillGroups.Sales, ids.skillGroups.Support]);
});

test("a team change is read back, for the team's name", async () => {
  const inputs = await agent(1);
  const { id, outs } = await create(cce.config as never, inputs);
  await cce.control.resetCalls();
  const { outs: after } = await update(cce.config as never, id, outs, { ...inputs, teamId: ids.teams.Team_Support });
  expect(await calls()).toEqual({ [CALL.getUser]: 2, [CALL.updateUser]: 1 });
  expect(after.teamName).toBe("Team_Support");
});

test("delete reads the user, checks it is the state's, then disables it; one deleted by hand is already gone", async () => {
  const { id, outs } = await create(cce.config as never, await agent(1));
  await cce.control.resetCalls();
  await remove(cce.config as never, id, outs);
  expect(await calls()).toEqual({ [CALL.listUsers]: 1, [CALL.setUserStatus]: 1 });
  expect(await portalUser(Number(id))).toMatchObject({ status: false, icmStatus: false });

  // A user the list lacks is read alone before it counts as gone: a list that leaves users out,
  // or predates the user (the shared list serves again), must not turn a disable into nothing.
  const other = await create(cce.config as never, await agent(2));
  expect((await cce.portal.call(cce.session, "protected/users/deleteUser", { searchId: Number(other.id) })).codeMessage).toBe("DELETE_USER_SUCCESS");
  await cce.control.resetCalls();
  await remove(cce.config as never, other.id, other.outs);
  expect(await calls()).toEqual({ [CALL.getUser]: 1 });
});

test("the disables of a destroy share one user list", async () => {
  const created = [];
  for (const n of [4, 5, 6]) created.push(await create(cce.config as never, await agent(n)));
  await cce.control.resetCalls();
  await Promise.all(created.map(({ id, outs }) => remove(cce.config as never, id, outs)));
  expect(await calls()).toEqual({ [CALL.listUsers]: 1, [CALL.setUserStatus]: 3 });
  for (const { id } of created) expect(await portalUser(Number(id))).toMatchObject({ status: false, icmStatus: false });
});

test("a delete or disable of an id that now names another user is refused, writing nothing", async () => {
  const { id, outs } = await create(cce.config as never, await agent(3));
  for (const deletionPolicy of ["disable", "delete"] as const) {
    await cce.control.resetCalls();
    const failure = await remove(cce.config as never, id, { ...outs, loginName: "someone.else@DEM", deletionPolicy }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe(
      `CCE user ${id} is ${outs.loginName} in the portal, not someone.else@DEM as the state says: nothing was ${deletionPolicy === "delete" ? "deleted" : "disabled"}. ` +
        "Run `pulumi refresh` and check which user this is",
    );
    // A delete reads the user by the same SearchByIdRequest it would send deleteUser; a disable
    // reads it from the user list.
    expect(await calls()).toEqual(deletionPolicy === "delete" ? { [CALL.getUser]: 1 } : { [CALL.listUsers]: 1 });
  }
  expect(await portalUser(Number(id))).toMatchObject({ status: true });
});

test("a refresh reads memberships group by group, only the groups of the agent's own peripheral", async () => {
  const { users, skillGroups } = cceDemoIds;
  const declared = (loginName: string, skillGroupIds: number[]) =>
    ({ loginName, userType: "agent", skillGroupIds, enabledInPortal: true, enabledInIcm: true, adopted: false }) as never;
  // Alice is on CUCM_PG_1 (groups Sales and Support), Carol on MR_PG_1 (Chat_Support).
  const alice = (await read(cce.config as never, String(users.alice), declared("alice@DEM", [skillGroups.Sales]))) as unknown as { inputs: { skillGroupIds: number[] } };
  expect(alice.inputs.skillGroupIds).toEqual([skillGroups.Sales, skillGroups.Support]); // a membership the declaration lacks is seen
  expect((await calls())[`${P}/quickskills/getAllAgentsForSkill`]).toBe(2);
  const carol = (await read(cce.config as never, String(users.carol), declared("carol@DEM", [skillGroups.Chat_Support]))) as unknown as { inputs: { skillGroupIds: number[] } };
  expect(carol.inputs.skillGroupIds).toEqual([skillGroups.Chat_Support]);
  expect(await calls()).toMatchObject({ [`${P}/quickskills/getAllAgentsForSkill`]: 3, [`${P}/users/getUsers`]: 1, [`${P}/skills/getSkillGroups`]: 1 });
});

test("skill groups by name: resolved on the agent's own peripheral, read back in the declared form", async () => {
  // WHEN an agent declares its groups by bare name and by the file's key
  const inputs = await agent(1, { skillGroupIds: undefined, skillGroups: ["Support", "CUCM_PG_1.Sales"] });
  expect(inputs.skillGroups).toEqual(["CUCM_PG_1.Sales", "Support"]); // a set: sorted
  const { id, outs } = await create(cce.config as never, inputs);

  // THEN the agent is in both, the outputs hold the ids, and a read gives the names back as declared
  expect(await skillsOf(Number(id))).toEqual([ids.skillGroups.Sales, ids.skillGroups.Support]);
  expect(outs).toMatchObject({ skillGroups: ["CUCM_PG_1.Sales", "Support"], skillGroupIds: [ids.skillGroups.Sales, ids.skillGroups.Support] });
  const read1 = (await read(cce.config as never, id, outs)) as unknown as { inputs: Record<string, unknown> };
  expect(read1.inputs.skillGroups).toEqual(["CUCM_PG_1.Sales", "Support"]);
  expect(read1.inputs).not.toHaveProperty("skillGroupIds");

  // AND a group of another peripheral is refused before any write, saying where it is
  await cce.control.resetCalls();
  const error = await update(cce.config as never, id, outs, { ...inputs, skillGroups: ["Chat_Support", "Support"] }).catch((e) => e);
  expect(error.message).toBe(
    'skillGroups.0 must name a skill group of the agent\'s peripheral CUCM_PG_1 (Sales, Support): an agent can join only its own peripheral\'s groups, and this one is on peripheral MR_PG_1, got "Chat_Support"',
  );
  expect((await calls())[CALL.saveSkills]).toBeUndefined();

  // AND a name no group has stops the create before the clone: nothing to roll back
  await cce.control.resetCalls();
  const typo = await create(cce.config as never, await agent(2, { skillGroupIds: undefined, skillGroups: ["Slaes"] })).catch((e) => e);
  expect(typo.message).toContain('skillGroups.0 must name a skill group of the agent\'s peripheral CUCM_PG_1 (Sales, Support)');
  expect((await calls())[CALL.clone]).toBeUndefined();
});

test("an update writes only the fields the plan names: fields changed by hand since the last refresh are left alone", async () => {
  const inputs = await agent(1);
  const { id, outs } = await create(cce.config as never, inputs);
  // GIVEN an administrator changes the agent's phone and adds a skill group by hand
  const user = await portalUser(Number(id));
  // (UserAgentInfo's agentId is the skill target id; BasicUserInfo's is the peripheral number.)
  const saved = await cce.portal.call(cce.session, "protected/users/updateUser", { basicUserInfo: { ...user, agentId: user.peripheralNumber, phone: "5551111" } });
  expect(saved.codeMessage).toBe("UPDATE_USER_SUCCESS");
  await cce.portal.call(cce.session, "protected/quickskills/saveSkillsToAgent", {
    peripheralID: ids.peripherals.CUCM_PG_1, agentIdProgramUser: Number(id), addedSkillGroupSkillTargetIds: [ids.skillGroups.Sales], removedSkillGroupSkillTargetIds: [],
  });

  // WHEN the declaration changes only the first name (no refresh: the state still has the old phone)
  await update(cce.config as never, id, outs, { ...inputs, firstName: "Renamed" });

  // THEN the first name is written, and the phone and the groups stay as the administrator left them
  expect(await portalUser(Number(id))).toMatchObject({ firstNm: "Renamed", phone: "5551111", peripheralNumber: "7001" });
  expect(await skillsOf(Number(id))).toEqual([ids.skillGroups.Sales, ids.skillGroups.Support]);
});

test("a change of form alone (a name for the id the state holds) and state-only fields write nothing", async () => {
  const inputs = await agent(1, { siteId: ids.sites.HQ });
  const { id, outs } = await create(cce.config as never, inputs);
  await cce.control.resetCalls();
  const named = { ...inputs, site: "HQ", deletionPolicy: "retain" } as UserInputs;
  delete (named as Partial<UserInputs>).siteId;
  const { outs: after } = await update(cce.config as never, id, outs, named);
  // The name is looked up once, to know it stands for the same site; nothing is written.
  expect(await calls()).toEqual({ [`${P}/sites/getAllSites`]: 1 });
  expect(after).toMatchObject({ site: "HQ", siteId: ids.sites.HQ, deletionPolicy: "retain" });
});
