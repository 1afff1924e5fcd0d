/**
 * The CCE emulator's agent calls over real HTTP (seed 001, chapter 2): skill membership from
 * both sides, and agent attributes.
 */
import { cceDemoCredentials, cceDemoIds } from "../../emulator";
import { EmulatorControl, PortalSession as Session } from "../support/portal";
import { Reply, usePortalEmulator } from "../support/emulator-portal";

const { admin, labAdmin } = cceDemoCredentials;
const ids = cceDemoIds;
const { Sales, Support, Chat_Support, Lab_Queue } = ids.skillGroups;

const emulator = usePortalEmulator();
const { call, loginAs } = emulator;
const codeOf = (reply: Reply) => reply.body.codeMessage;

async function skillsOf(s: Session, idProgramUser: number, assigned = true): Promise<number[]> {
  const reply = await call(s, "quickskills/getSkillsForAgent", { assigned, idProgramUser, pageSize: 0 });
  return reply.body.basicSkillGroupList.map((g: any) => g.skillTargetId);
}

async function assignedCount(s: Session, skillTargetId: number): Promise<number> {
  const reply = await call(s, "skills/getSkillGroups", { skillTargetId });
  return reply.body.basicSkillGroupList[0].totalAssignedUsers;
}

async function attributesOf(s: Session, idProgramUser: number): Promise<Record<string, string>> {
  const reply = await call(s, "attributes/getAllAgents", {});
  const agent = reply.body.agents.find((a: any) => a.idProgramUser === idProgramUser);
  return Object.fromEntries(agent.attributes.map((a: any) => [a.attribute.name, a.attributeValue]));
}

describe("quickskills/getSkillsForAgent and getAllAgentsForSkill", () => {
  test("an agent's groups, and the ones on its platform it could get", async () => {
    const dem = await loginAs(admin);
    const reply = await call(dem, "quickskills/getSkillsForAgent", { assigned: true, idProgramUser: ids.users.alice, pageSize: 0 });
    expect(reply.body.codeMessage).toBe("GET_SKILLS_FOR_AGENT_SUCCESS");
    expect(reply.body.simpleSkillGroupList[0]).toEqual({
      skillTargetId: Sales, isAllowedToEdit: true, on: true, skillName: "Sales", peripheralName: "Sales", enterpriseName: "CUCM_PG_1.Sales",
    });
    expect(reply.body.skillGroupList[1].description).toBe("Customer support calls");
    expect(reply.body.pagingInfo).toEqual({ totalPages: 1, totalElements: 2 });
    expect(await skillsOf(dem, ids.users.bob, false)).toEqual([Support]);
    // The document's example: pageNumber 0 and getBaseObjectInfoOnly.
    const example = await call(dem, "quickskills/getSkillsForAgent", {
      pageNumber: 0, pageSize: 9999, direction: "ASC", sortBy: [], assigned: false, searchTerm: "", searching: false,
      getBaseObjectInfoOnly: true, platformId: ids.peripherals.CUCM_PG_1, idProgramUser: ids.users.bob,
    });
    expect(example.body.basicSkillGroupList.map((g: any) => g.skillTargetId)).toEqual([Support]);
    expect(example.body.skillGroupList).toBe(null);
    expect(codeOf(await call(dem, "quickskills/getSkillsForAgent", { assigned: true, idProgramUser: ids.users.tmplNc }))).toBe("GET_SKILLS_FOR_AGENT_FAILED");
    expect(codeOf(await call(dem, "quickskills/getSkillsForAgent", { assigned: true }))).toBe("GET_SKILLS_FOR_AGENT_FAILED");
  });

  test("a group's members and the agents on its peripheral that are not", async () => {
    const dem = await loginAs(admin);
    const members = await call(dem, "quickskills/getAllAgentsForSkill", { skillTargetId: Sales, assigned: true, pageSize: 0 });
    expect(members.body.codeMessage).toBe("GET_AGENTS_FOR_SKILL_SUCCESS");
    expect(members.body.basicAgentSkillInfoList.map((a: any) => a.username)).toEqual(["tmpl.agent@DEM", "alice@DEM", "bob@DEM"]);
    expect(members.body.basicAgentSkillInfoList[1]).toEqual({
      agentId: ids.agents.alice, platformId: ids.peripherals.CUCM_PG_1, idProgramUser: ids.users.alice, status: true, idUser: ids.idUsers.alice,
      firstNm: "Alice", lastNm: "Archer", username: "alice@DEM", uiAgentId: "1002", isAllowedToEdit: true, platformName: "CUCM_PG_1", totalAssignedSkills: 2,
    });
    expect(members.body.agentSkillInfoList[1]).toMatchObject({ skillTargetId: Sales, skillGroupName: "Sales", intUIAgentID: 1002, agentEnterpriseNm: "Alice_Archer" });
    const others = await call(dem, "quickskills/getAllAgentsForSkill", { skillTargetId: Sales, assigned: false, getBaseObjectInfoOnly: true });
    // carol is on the chat peripheral: she cannot join a voice group.
    expect(others.body.basicAgentSkillInfoList.map((a: any) => a.username)).toEqual(["tmpl.supervisor@DEM"]);
    expect(others.body.agentSkillInfoList).toBe(null);
    const searched = await call(dem, "quickskills/getAllAgentsForSkill", { skillTargetId: Sales, assigned: true, searching: true, searchTerm: "BAK" });
    expect(searched.body.basicAgentSkillInfoList.map((a: any) => a.username)).toEqual(["bob@DEM"]);
    expect(codeOf(await call(dem, "quickskills/getAllAgentsForSkill", { skillTargetId: Lab_Queue, assigned: true }))).toBe("GET_AGENTS_FOR_SKILL_FAILED");
  });
});

describe("quickskills/saveSkillsToAgent", () => {
  test("applies deltas idempotently and totalAssignedUsers follows", async () => {
    const dem = await loginAs(admin);
    expect(await assignedCount(dem, Support)).toBe(2);
    const delta = { agentIdProgramUser: ids.users.bob, peripheralID: ids.peripherals.CUCM_PG_1, addedSkillGroupSkillTargetIds: [Support], removedSkillGroupSkillTargetIds: [Sales] };
    const reply = await call(dem, "quickskills/saveSkillsToAgent", delta);
    expect(reply.body.code).toBe(0);
    expect(reply.body.codeMessage).toBe("SAVE_SKILLS_TO_AGENT_SUCCESS");
    expect(await skillsOf(dem, ids.users.bob)).toEqual([Support]);
    expect(await assignedCount(dem, Support)).toBe(3);
    expect(await assignedCount(dem, Sales)).toBe(2);

    expect(codeOf(await call(dem, "quickskills/saveSkillsToAgent", delta))).toBe("SAVE_SKILLS_TO_AGENT_SUCCESS");
    expect(await skillsOf(dem, ids.users.bob)).toEqual([Support]);
    expect(await assignedCount(dem, Support)).toBe(3);
  });

  test("refuses a group of another platform, a missing agent and a wrong peripheral", async () => {
    const dem = await loginAs(admin);
    const other = await call(dem, "quickskills/saveSkillsToAgent", { agentIdProgramUser: ids.users.bob, addedSkillGroupSkillTargetIds: [Chat_Support] });
    expect(codeOf(other)).toBe("SAVE_SKILLS_TO_AGENT_FAILED");
    expect(other.body.errorMessage).toContain("peripheral 5001");
    expect(codeOf(await call(dem, "quickskills/saveSkillsToAgent", { agentIdProgramUser: ids.users.bob, addedSkillGroupSkillTargetIds: [Lab_Queue] }))).toBe("SAVE_SKILLS_TO_AGENT_FAILED");
    expect(codeOf(await call(dem, "quickskills/saveSkillsToAgent", { addedSkillGroupSkillTargetIds: [Sales] }))).toBe("BAD_REQUEST_AGENT_ID_REQD");
    expect(codeOf(await call(dem, "quickskills/saveSkillsToAgent", { agentIdProgramUser: ids.users.tmplNc, addedSkillGroupSkillTargetIds: [Sales] }))).toBe("SAVE_SKILLS_TO_AGENT_FAILED");
    expect(codeOf(await call(dem, "quickskills/saveSkillsToAgent", { agentIdProgramUser: ids.users.bob, peripheralID: ids.peripherals.MR_PG_1, addedSkillGroupSkillTargetIds: [Support] }))).toBe("SAVE_SKILLS_TO_AGENT_FAILED");
    // Nothing changed on the refusals.
    expect(await skillsOf(dem, ids.users.bob)).toEqual([Sales]);
    const wrongType = await call(dem, "quickskills/saveSkillsToAgent", { agentIdProgramUser: ids.users.bob, addedSkillGroupSkillTargetIds: "5101" });
    expect(wrongType.status).toBe(404);
  });

  test("a group deleted by hand drops its members", async () => {
    const dem = await loginAs(admin);
    await new EmulatorControl(emulator.url).deleteSkillGroupByHand(Support);
    expect(await skillsOf(dem, ids.users.alice)).toEqual([Sales]);
    // Removing it again converges.
    expect(codeOf(await call(dem, "quickskills/saveSkillsToAgent", { agentIdProgramUser: ids.users.alice, removedSkillGroupSkillTargetIds: [Support] }))).toBe("SAVE_SKILLS_TO_AGENT_SUCCESS");
  });
});

describe("quickskills/saveAgentsToSkill", () => {
  test("adds and removes agents by idProgramUser, answering the group with SAVE_SKILL_GROUP_SUCCESS", async () => {
    const dem = await loginAs(admin);
    const reply = await call(dem, "quickskills/saveAgentsToSkill", {
      skillGroupSkillTargetId: Support, peripheralID: ids.peripherals.CUCM_PG_1, addedAgentIds: [ids.users.bob], removedAgentIds: [ids.users.alice, ids.users.tmplAgent],
    });
    expect(reply.body.codeMessage).toBe("SAVE_SKILL_GROUP_SUCCESS");
    expect(reply.body.basicSkillGroupInfo).toMatchObject({ skillTargetId: Support, totalAssignedUsers: 2, enterpriseName: "CUCM_PG_1.Support" });
    expect(await skillsOf(dem, ids.users.bob)).toEqual([Sales, Support]);
    expect(await skillsOf(dem, ids.users.alice)).toEqual([Sales]);
  });

  test("refusals with the SaveSkillGroup constants", async () => {
    const dem = await loginAs(admin);
    const save = (body: object) => call(dem, "quickskills/saveAgentsToSkill", body);
    expect(codeOf(await save({ peripheralID: 5000, addedAgentIds: [ids.users.bob] }))).toBe("BAD_REQUEST_SKILL_GROUP_ID_REQUIRED");
    expect(codeOf(await save({ skillGroupSkillTargetId: Support, addedAgentIds: [ids.users.bob] }))).toBe("BAD_REQUEST_PERIPHERAL_ID_REQUIRED");
    expect(codeOf(await save({ skillGroupSkillTargetId: Support, peripheralID: 5001, addedAgentIds: [ids.users.bob] }))).toBe("SAVE_SKILL_GROUP_FAILED");
    expect(codeOf(await save({ skillGroupSkillTargetId: Lab_Queue, peripheralID: ids.peripherals.CUCM_PG_LAB, addedAgentIds: [ids.users.bob] }))).toBe("SAVE_SKILL_GROUP_FAILED");
    expect(codeOf(await save({ skillGroupSkillTargetId: Support, peripheralID: 5000, addedAgentIds: [ids.users.carol] }))).toBe("SAVE_SKILL_GROUP_FAILED");
    expect(codeOf(await save({ skillGroupSkillTargetId: Support, peripheralID: 5000, addedAgentIds: [ids.users.bob, 1] }))).toBe("SAVE_SKILL_GROUP_FAILED");
    expect(await skillsOf(dem, ids.users.bob)).toEqual([Sales]);
  });
});

describe("attributes of agents", () => {
  test("getAllAgents lists agents and supervisors with their attributes, filtered by platform and type", async () => {
    const dem = await loginAs(admin);
    const reply = await call(dem, "attributes/getAllAgents", { platformId: null });
    expect(reply.body.codeMessage).toBe("GET_ALL_AGENTS_SUCCESS");
    expect(reply.body.agents.map((a: any) => a.loginNm)).toEqual(["tmpl.agent@DEM", "tmpl.supervisor@DEM", "alice@DEM", "bob@DEM", "carol@DEM"]);
    const alice = reply.body.agents[2];
    expect(alice).toEqual({
      attributes: [
        { description: "Sales proficiency", attributeValue: "8", attribute: { refURL: `/unifiedconfig/config/attribute/${ids.attributes.Sales_Skill}`, name: "Sales_Skill" } },
        { description: "Speaks Spanish", attributeValue: "true", attribute: { refURL: `/unifiedconfig/config/attribute/${ids.attributes.Spanish}`, name: "Spanish" } },
      ],
      skillTargetId: ids.agents.alice, idProgramUser: ids.users.alice, loginNm: "alice@DEM", firstNm: "Alice", lastNm: "Archer",
      agentId: "1002", platformId: ids.peripherals.CUCM_PG_1, userTypeCode: "A", refURL: `/unifiedconfig/config/agent/${ids.agents.alice}`,
    });
    const chat = await call(dem, "attributes/getAllAgents", { platformId: ids.peripherals.MR_PG_1 });
    expect(chat.body.agents.map((a: any) => a.loginNm)).toEqual(["carol@DEM"]);
    const supervisors = await call(dem, "attributes/getAllAgents", { filterByUserType: ["S"] });
    expect(supervisors.body.agents.map((a: any) => a.loginNm)).toEqual(["tmpl.supervisor@DEM"]);
    const lab = await loginAs(labAdmin);
    expect((await call(lab, "attributes/getAllAgents", {})).body.agents.map((a: any) => a.skillTargetId)).toEqual([ids.agents.labTmplAgent]);
  });

  test("saveAttributesToAgent adds and changes values; updateAgentAttributes removes one", async () => {
    const dem = await loginAs(admin);
    const info = (id: number, defaultValue: string) => ({ id, defaultValue, refURL: `/unifiedconfig/config/attribute/${id}`, dataType: "4" });
    const saved = await call(dem, "attributes/saveAttributesToAgent", {
      agentsIds: [String(ids.agents.bob), String(ids.agents.carol)],
      attributesInfo: [info(ids.attributes.Sales_Skill, "9"), { id: ids.attributes.Spanish, defaultValue: "false" }],
    });
    expect(saved.body.code).toBe(0);
    expect(saved.body.codeMessage).toBe("SAVE_ATTR_TO_AGENT_SUCCESS");
    expect(await attributesOf(dem, ids.users.bob)).toEqual({ Sales_Skill: "9", Spanish: "false", Billing_Skill: "4" });
    expect(await attributesOf(dem, ids.users.carol)).toEqual({ Sales_Skill: "9", Spanish: "false" });

    const removed = await call(dem, "attributes/updateAgentAttributes", { agentId: String(ids.agents.bob), attributeId: String(ids.attributes.Billing_Skill) });
    expect(removed.body.code).toBe(0);
    expect(removed.body.codeMessage).toBe("UPDATE_AGENT_ATTRIBUTES__SUCCESS");
    expect(await attributesOf(dem, ids.users.bob)).toEqual({ Sales_Skill: "9", Spanish: "false" });
    const again = await call(dem, "attributes/updateAgentAttributes", { agentId: String(ids.agents.bob), attributeId: String(ids.attributes.Billing_Skill) });
    expect(again.body.codeMessage).toBe("UPDATE_AGENT_ATTRIBUTES_FAILED");
  });

  test.each([
    ["proficiency 0", { agentsIds: ["5503"], attributesInfo: [{ id: 5121, defaultValue: "0" }] }, "must be 1 to 10"],
    ["proficiency 11", { agentsIds: ["5503"], attributesInfo: [{ id: 5121, defaultValue: "11" }] }, "must be 1 to 10"],
    ["boolean yes", { agentsIds: ["5503"], attributesInfo: [{ id: 5122, defaultValue: "yes" }] }, "must be \"true\" or \"false\""],
    ["unknown agent", { agentsIds: ["9999"], attributesInfo: [{ id: 5121, defaultValue: "5" }] }, "agent '9999'"],
    ["agent named by idProgramUser", { agentsIds: [String(ids.users.bob)], attributesInfo: [{ id: 5121, defaultValue: "5" }] }, `agent '${ids.users.bob}'`],
    ["unknown attribute", { agentsIds: ["5503"], attributesInfo: [{ id: 1, defaultValue: "5" }] }, "attribute 1"],
    ["attribute of another tenant", { agentsIds: ["5503"], attributesInfo: [{ id: ids.attributes.Lab_Skill, defaultValue: "5" }] }, `attribute ${ids.attributes.Lab_Skill}`],
    ["no agents", { agentsIds: [], attributesInfo: [{ id: 5121, defaultValue: "5" }] }, "agentsIds"],
    ["the table's field names", { agentIds: ["5503"], attributeInfo: [{ id: 5121, defaultValue: "5" }] }, "agentsIds"],
  ])("saveAttributesToAgent refuses %s", async (_, body, message) => {
    const dem = await loginAs(admin);
    const reply = await call(dem, "attributes/saveAttributesToAgent", body);
    expect(reply.body.code).toBe(-1);
    expect(reply.body.codeMessage).toBe("SAVE_ATTR_TO_AGENT_FAILED");
    expect(reply.body.errorMessage).toContain(message);
    expect(await attributesOf(dem, ids.users.bob)).toEqual({ Sales_Skill: "6", Billing_Skill: "4" });
  });

  test("updateAgentAttributes refuses unknown agents and attributes", async () => {
    const dem = await loginAs(admin);
    const remove = (agentId: unknown, attributeId: unknown) => call(dem, "attributes/updateAgentAttributes", { agentId, attributeId });
    expect(codeOf(await remove("9999", "5121"))).toBe("UPDATE_AGENT_ATTRIBUTES_FAILED");
    expect(codeOf(await remove(String(ids.agents.bob), "1"))).toBe("UPDATE_AGENT_ATTRIBUTES_FAILED");
    expect(codeOf(await remove(null, "5121"))).toBe("UPDATE_AGENT_ATTRIBUTES_FAILED");
    expect((await remove({ id: 1 }, "5121")).status).toBe(404);
    expect(await attributesOf(dem, ids.users.bob)).toEqual({ Sales_Skill: "6", Billing_Skill: "4" });
  });

  test("a deleted agent's attributes and memberships are gone", async () => {
    const dem = await loginAs(admin);
    expect(codeOf(await call(dem, "users/deleteUser", { searchId: ids.users.bob }))).toBe("DELETE_USER_SUCCESS");
    expect(await assignedCount(dem, Sales)).toBe(2);
    const agents = await call(dem, "attributes/getAllAgents", {});
    expect(agents.body.agents.map((a: any) => a.idProgramUser)).not.toContain(ids.users.bob);
    expect(codeOf(await call(dem, "attributes/updateAgentAttributes", { agentId: String(ids.agents.bob), attributeId: "5121" }))).toBe("UPDATE_AGENT_ATTRIBUTES_FAILED");
  });
});
