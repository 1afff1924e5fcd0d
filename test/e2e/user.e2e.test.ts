/**
 * CceUser, AgentAttribute and the lookups through the real Pulumi CLI: create by cloning,
 * converge, update, drift of each kind, deleted by hand, a failure between the clone's
 * steps, a lost clone answer, bad input in preview, deletion policies, secrets.
 */
import { cceDemoCredentials, cceDemoIds } from "../../emulator/cce/tenant";
import { ALLOW_IRREVERSIBLE_DELETION, createTestStack, expectConverged, expectNotWrittenInPlaintext, plannedSteps, recordEvents, TestStack, useCceEmulator } from "./harness";

const { password } = cceDemoCredentials.admin;
const ids = cceDemoIds;

const cce = useCceEmulator();
/** The resource types whose planned steps these tests read. */
const TYPES = /cce:(User|AgentAttribute)$/;

interface Declaration {
  users?: Record<string, object>;
  passwords?: Record<string, string>;
  attributes?: Record<string, object>;
  lookups?: Record<string, object>;
}

/** Stack config of the contact-center program for one declaration. */
function configOf(d: Declaration) {
  return {
    ...cce.config(),
    // These tests exercise deletion policies, "delete" included: allowed.
    ...ALLOW_IRREVERSIBLE_DELETION,
    users: { value: JSON.stringify(d.users ?? {}) },
    attributes: { value: JSON.stringify(d.attributes ?? {}) },
    lookups: { value: JSON.stringify(d.lookups ?? {}) },
    ...(d.passwords ? { passwords: { value: JSON.stringify(d.passwords), secret: true } } : {}),
  };
}

const stackDeclaring = (d: Declaration) => createTestStack("contact-center", configOf(d));
const redeclare = (t: TestStack, d: Declaration) => t.stack.setAllConfig(configOf(d));

/** An agent as the tests declare it, cloned from the seeded agent template. */
const jane = (change: object = {}) => ({
  loginName: "jane.doe@DEM",
  template: "tmpl.agent@DEM",
  userType: "agent",
  firstName: "Jane",
  lastName: "Doe",
  phone: "5551234",
  email: "jane.doe@example.com",
  agentId: "4711",
  siteId: ids.sites.HQ,
  skillGroupIds: [ids.skillGroups.Sales, ids.skillGroups.Support],
  ...change,
});

/** The user of this login name as the portal holds it (UserAgentInfo), or undefined. */
const portalUser = (loginNm: string): Promise<any> => cce.portal.userNamed(cce.session, loginNm);
const assignedSkills = (idProgramUser: number): Promise<number[]> => cce.portal.assignedSkills(cce.session, idProgramUser);

async function agentAttributes(loginNm: string): Promise<Record<string, string>> {
  const body = await cce.portal.call(cce.session, "protected/attributes/getAllAgents", {});
  const agent = (body.agents as any[]).find((a) => a.loginNm === loginNm);
  return Object.fromEntries((agent?.attributes ?? []).map((held: any) => [held.attribute.name, held.attributeValue]));
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: Error) => e,
  );

test("an agent and a non-contact-center user: clone, converge, lookups, password change, type change, destroy disables", async () => {
  const rep = {
    loginName: "rep@DEM", template: "tmpl.nc@DEM", userType: "nonContactCenter", firstName: "Rita", lastName: "Rep", phone: "5550000",
  };
  const declaration = (janeChange: object, janePassword: string): Declaration => ({
    users: { jane: jane(janeChange), rep },
    passwords: { jane: janePassword, rep: "Rep-Secret-2026!" },
    lookups: {
      hq: { kind: "site", name: "hq" },
      team: { kind: "team", name: "Team_Sales" },
      agentRole: { kind: "roleGroup", name: "Agent" },
      sales: { kind: "attribute", name: "Sales_Skill" },
      pg: { kind: "platform", name: "CUCM_PG_1" },
      template: { kind: "templateUser", loginName: "tmpl.agent@DEM" },
    },
  });
  const t = await stackDeclaring(declaration({}, "Jane-Secret-2026!"));
  try {
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 3 });
    const created = await portalUser("jane.doe@DEM");
    expect(created).toMatchObject({ userTypeCode: "A", firstNm: "Jane", lastNm: "Doe", phone: "5551234", peripheralNumber: "4711", idProgramSite: ids.sites.HQ, platformId: 5000 });
    expect(await assignedSkills(created.idProgramUser)).toEqual([ids.skillGroups.Sales, ids.skillGroups.Support]);
    expect(await cce.control.verifyPassword("jane.doe@DEM", "Jane-Secret-2026!")).toBe(true);
    expect(await portalUser("rep@DEM")).toMatchObject({ userTypeCode: "NC", platformId: null });
    expect(up.outputs.users.value.jane.idProgramUser).toBe(created.idProgramUser);

    const lookups = up.outputs.lookups.value;
    expect(lookups.hq).toEqual({ id: ids.sites.HQ, name: "HQ", description: expect.any(String) });
    expect(lookups.team.id).toBe(ids.teams.Team_Sales);
    expect(lookups.agentRole.id).toBe(ids.roleGroups.Agent);
    expect(lookups.sales).toMatchObject({ id: ids.attributes.Sales_Skill, dataType: "proficiency" });
    expect(lookups.pg.id).toBe(ids.peripherals.CUCM_PG_1);
    expect(lookups.template).toMatchObject({ idProgramUser: ids.users.tmplAgent, userType: "agent", platformId: 5000 });
    await expectConverged(t);

    // Secrets: neither the users' passwords nor the connection's are in the state, in any form.
    const state = t.stateText();
    expect(state).toContain("jane.doe@DEM");
    expectNotWrittenInPlaintext(t, ["Jane-Secret-2026!", "Rep-Secret-2026!", password]);

    // WHEN the password, phone and type change THEN one update applies all three.
    await redeclare(t, declaration({ phone: "5559999", userType: "supervisor" }, "Jane-Rotated-2026!"));
    const planned = recordEvents();
    await t.stack.preview({ onEvent: planned.onEvent });
    // The engine lists the changed plain fields; a changed secret it shows only as an update.
    expect(plannedSteps(planned.events, TYPES)).toEqual([["update", "jane", ["phone", "userType"]]]);
    await t.stack.up();
    expect(await portalUser("jane.doe@DEM")).toMatchObject({ userTypeCode: "S", phone: "5559999", idProgramUser: created.idProgramUser });
    expect(await cce.control.verifyPassword("jane.doe@DEM", "Jane-Rotated-2026!")).toBe(true);
    expectNotWrittenInPlaintext(t, ["Jane-Rotated-2026!"]);
    await expectConverged(t);

    // WHEN destroyed with the default policy THEN both users stay, disabled.
    await t.stack.destroy();
    expect(await portalUser("jane.doe@DEM")).toMatchObject({ status: false, icmStatus: false });
    expect(await portalUser("rep@DEM")).toMatchObject({ status: false });
  } finally {
    await t.cleanup();
  }
});

test("out-of-band changes of each kind are reported by refresh, field by field, and put back by up", async () => {
  const t = await stackDeclaring({ users: { jane: jane({ teamId: ids.teams.Team_Sales }) }, passwords: { jane: "Jane-Secret-2026!" } });
  try {
    await t.stack.up();
    const before = await portalUser("jane.doe@DEM");

    // By hand: a whole-object updateUser (phone, site, team), a skill added, the portal login disabled.
    const read = await cce.portal.call(cce.session, "protected/users/getUserByIdProgram", { searchId: before.idProgramUser });
    const info = read.userAgentInfoList[0];
    const changed = await cce.portal.call(cce.session, "protected/users/updateUser", {
      basicUserInfo: {
        ...info, agentId: info.peripheralNumber, agentSkillTargetId: info.agentId,
        phone: "5550101", idProgramSite: ids.sites.Branch, agentTeamId: ids.teams.Team_Support,
      },
      reuseAgentId: false,
    });
    expect(changed.codeMessage).toBe("UPDATE_USER_SUCCESS");
    const skills = await cce.portal.call(cce.session, "protected/quickskills/saveSkillsToAgent", {
      peripheralID: 5000, agentIdProgramUser: before.idProgramUser, addedSkillGroupSkillTargetIds: [], removedSkillGroupSkillTargetIds: [ids.skillGroups.Support],
    });
    expect(skills.codeMessage).toBe("SAVE_SKILLS_TO_AGENT_SUCCESS");
    const disabled = await cce.portal.call(cce.session, "protected/users/enableDisableUserInPortal", {
      enabled: false, idUser: before.idUser, idProgramUser: before.idProgramUser, loginNm: before.loginNm,
    });
    expect(disabled.codeMessage).toBe("ENABLE_DISABLE_USER_IN_PORTAL_SUCCESS");

    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
    const restore = recordEvents();
    await t.stack.preview({ onEvent: restore.onEvent });
    expect(plannedSteps(restore.events, TYPES)).toEqual([["update", "jane", ["enabledInPortal", "phone", "siteId", "skillGroupIds", "teamId"]]]);

    await t.stack.up();
    const after = await portalUser("jane.doe@DEM");
    expect(after).toMatchObject({ phone: "5551234", idProgramSite: ids.sites.HQ, agentTeamId: ids.teams.Team_Sales, status: true });
    expect(await assignedSkills(before.idProgramUser)).toEqual([ids.skillGroups.Sales, ids.skillGroups.Support]);
    await expectConverged(t);
  } finally {
    await t.cleanup();
  }
});

test("a user deleted by hand is cloned again by the next up; deletionPolicy delete deletes; an adopted user is retained", async () => {
  const t = await stackDeclaring({
    users: {
      jane: jane({ deletionPolicy: "delete" }),
      bob: { loginName: "bob@DEM", template: "tmpl.agent@DEM", userType: "agent", firstName: "Bob", lastName: "Builder", phone: "5557777", agentId: "1003", adopt: true, deletionPolicy: "retain" },
    },
  });
  try {
    const bobBefore = await portalUser("bob@DEM");
    await t.stack.up();
    const first = await portalUser("jane.doe@DEM");
    // Adoption takes the existing user and brings it to the declaration: the same id, the declared phone.
    expect(await portalUser("bob@DEM")).toMatchObject({ idProgramUser: bobBefore.idProgramUser, phone: "5557777", firstNm: "Bob" });

    const deleted = await cce.portal.call(cce.session, "protected/users/deleteUser", { searchId: first.idProgramUser });
    expect(deleted.codeMessage).toBe("DELETE_USER_SUCCESS");
    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ delete: 1 });
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 1 });
    const second = await portalUser("jane.doe@DEM");
    expect(second.idProgramUser).not.toBe(first.idProgramUser);
    expect(up.outputs.users.value.jane.idProgramUser).toBe(second.idProgramUser);
    await expectConverged(t);

    await t.stack.destroy();
    expect(await portalUser("jane.doe@DEM")).toBeUndefined();
    expect(await portalUser("bob@DEM")).toMatchObject({ idProgramUser: bobBefore.idProgramUser, status: true });
  } finally {
    await t.cleanup();
  }
});

test("a failure between the clone's steps leaves no orphan, and a re-run converges", async () => {
  const t = await stackDeclaring({ users: { jane: jane() } });
  try {
    await cce.control.fault({ endpoint: "quickskills/saveSkillsToAgent", kind: "status", status: 500, count: 50 });
    const failed = await failureOf(t.stack.up());
    expect(failed?.message).toContain("The user jane.doe@DEM had been cloned; it was deleted again so that the next run starts clean.");
    expect(await portalUser("jane.doe@DEM")).toBeUndefined();

    await cce.control.clearFaults();
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 1 });
    const user = await portalUser("jane.doe@DEM");
    expect(await assignedSkills(user.idProgramUser)).toEqual([ids.skillGroups.Sales, ids.skillGroups.Support]);
    await expectConverged(t);
  } finally {
    await t.cleanup();
  }
});

test("a clone whose answer is lost after the commit leaves exactly one user", async () => {
  const t = await stackDeclaring({ users: { jane: jane() } });
  try {
    await cce.control.fault({ endpoint: "users/cloneUser", kind: "drop-response", count: 1 });
    await t.stack.up();
    const all = await cce.portal.call(cce.session, "protected/users/getUsers", { searchColumn: "loginNm", searchTerm: "jane.doe", searching: true, pageSize: 0 });
    expect(all.userAgentInfoList).toHaveLength(1);
    await expectConverged(t);
  } finally {
    await t.cleanup();
  }
});

test("bad input fails the preview with the field, rule and value, before any API call", async () => {
  // The engine stops a preview at the first resource that fails check(), so one case per preview.
  const cases: [string, Declaration, string[]][] = [
    ["an agent with two bad fields", { users: { jane: jane({ phone: "12-34", firstName: "Mary Ann" }) } }, [
      `phone must be digits only (the portal's rule), got "12-34"`,
      `firstName must not contain spaces (the portal's rule), got "Mary Ann"`,
    ]],
    ["an agent id on a non-contact-center user", {
      users: { rep: { loginName: "rep@DEM", template: "tmpl.nc@DEM", userType: "nonContactCenter", firstName: "R", lastName: "R", phone: "5550000", agentId: "12" } },
    }, [`agentId applies only to agents and supervisors, not to a nonContactCenter user, got "12"`]],
    ["a proficiency out of range", { attributes: { tooProficient: { agent: "alice@DEM", attribute: "Sales_Skill", value: 11 } } }, [
      "value must be a whole number from 1 to 10 (a proficiency) or true/false, got 11",
    ]],
  ];
  const t = await stackDeclaring({});
  try {
    for (const [, declaration, messages] of cases) {
      await redeclare(t, declaration);
      await cce.control.resetCalls();
      const error = await failureOf(t.stack.preview());
      for (const message of messages) expect(error?.message).toContain(message);
      expect((await cce.control.calls()).total).toBe(0);
    }
  } finally {
    await t.cleanup();
  }
});

test("agent attributes: assign, converge, drift, data-type check in preview, remove on destroy", async () => {
  const declared = (salesValue: unknown, spanish: unknown) => ({
    attributes: {
      aliceSales: { agent: "alice@DEM", attribute: "Sales_Skill", value: salesValue },
      aliceSpanish: { agent: ids.users.alice, attribute: "Spanish", value: spanish },
    },
  });
  const t = await stackDeclaring(declared(7, true));
  try {
    // Alice holds Sales_Skill 8 and Spanish true: only the proficiency is written.
    await cce.control.resetCalls();
    await t.stack.up();
    expect((await cce.control.calls()).byEndpoint["POST /portal/services/protected/attributes/saveAttributesToAgent"]).toBe(1);
    expect(await agentAttributes("alice@DEM")).toMatchObject({ Sales_Skill: "7", Spanish: "true" });
    await expectConverged(t);

    // By hand: the proficiency changes. Refresh reports the value; up puts it back.
    const saved = await cce.portal.call(cce.session, "protected/attributes/saveAttributesToAgent", {
      agentsIds: [String(ids.agents.alice)],
      attributesInfo: [{ id: ids.attributes.Sales_Skill, name: "Sales_Skill", dataType: "4", defaultValue: "3", refURL: `/unifiedconfig/config/attribute/${ids.attributes.Sales_Skill}` }],
    });
    expect(saved.codeMessage).toBe("SAVE_ATTR_TO_AGENT_SUCCESS");
    expect((await t.stack.refresh()).summary.resourceChanges).toMatchObject({ update: 1 });
    const restore = recordEvents();
    await t.stack.preview({ onEvent: restore.onEvent });
    expect(plannedSteps(restore.events, TYPES)).toEqual([["update", "aliceSales", ["value"]]]);
    await t.stack.up();
    expect((await agentAttributes("alice@DEM")).Sales_Skill).toBe("7");

    // A value of the wrong data type is refused by check(), which knows Spanish is a boolean.
    await redeclare(t, declared(7, 5));
    const error = await failureOf(t.stack.preview());
    expect(error?.message).toContain("value must be true or false: Spanish is a boolean attribute, got 5");

    await redeclare(t, declared(7, true));
    await t.stack.destroy();
    const left = await agentAttributes("alice@DEM");
    expect(left).not.toHaveProperty("Sales_Skill");
    expect(left).not.toHaveProperty("Spanish");
  } finally {
    await t.cleanup();
  }
});
