/**
 * Agents in the skill service (seed 001, chapter 2): getAllAgents, getAllAgentsForSkill,
 * getSkillsForAgent, the two skill membership calls and the two agent attribute calls, over
 * the caller's tenant only. Membership and attributes live on the directory users, so a
 * deleted user takes them along and skill groups count their members from them.
 */
import type { VendorReply } from "../vendor";
import type { Attribute, CceData, DirectoryUser, SkillGroup } from "./tenant";
import { basicInfo, skillGroupInfo, tenantGroups } from "./skills";
import { isAgentType, memberSkillGroups, tenantUsers } from "./user-views";
import { JsonObject, answeringWrongTypes, failure, field, pageBy, readPaging, success } from "./wire";

/** Agents and supervisors of the tenant. */
function tenantAgents(data: CceData, idProgram: number): DirectoryUser[] {
  return tenantUsers(data, idProgram).filter((u) => isAgentType(u.userTypeCode));
}

const agentRefUrl = (skillTargetId: number | null) => `/unifiedconfig/config/agent/${skillTargetId}`;

// ---------------------------------------------------------------------------------------
// Reading

/**
 * `POST protected/attributes/getAllAgents` (GetAllAgentsRequest) → `agents`: AgentInfo's
 * `attributes` plus the identity fields the wire decisions add.
 */
export const getAllAgents = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const platformId = field.int(body, "platformId");
  const types = field.stringArray(body, "filterByUserType");
  const agents = tenantAgents(data, idProgram).filter(
    (u) => (platformId === undefined || u.platformId === platformId) && (!types?.length || types.includes(u.userTypeCode)),
  );
  return success("GET_ALL_AGENTS_SUCCESS", {
    agents: agents.map((agent) => ({
      attributes: Object.entries(agent.attributes).flatMap(([id, attributeValue]) => {
        const attribute = data.attributes.find((a) => a.id === Number(id));
        if (!attribute) return [];
        return [{ description: attribute.description, attributeValue, attribute: { refURL: `/unifiedconfig/config/attribute/${attribute.id}`, name: attribute.name } }];
      }),
      skillTargetId: agent.agentSkillTargetId,
      idProgramUser: agent.idProgramUser,
      loginNm: agent.loginNm,
      firstNm: agent.firstNm,
      lastNm: agent.lastNm,
      agentId: agent.agentId,
      platformId: agent.platformId,
      userTypeCode: agent.userTypeCode,
      refURL: agentRefUrl(agent.agentSkillTargetId),
    })),
    pagingInfo: { totalPages: 1, totalElements: agents.length },
  });
});

/** `POST protected/quickskills/getAllAgentsForSkill` (GetAgentsForSkillRequest): a group's members, or the agents that could join it. */
export const getAllAgentsForSkill = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const skillTargetId = field.int(body, "skillTargetId");
  const platformId = field.int(body, "platformId");
  const assigned = field.boolean(body, "assigned") ?? field.boolean(body, "Assigned") ?? true;
  const searching = field.boolean(body, "searching") ?? false;
  const term = (field.string(body, "searchTerm") ?? "").toLowerCase();
  const baseOnly = field.boolean(body, "getBaseObjectInfoOnly") ?? false;
  const status = field.string(body, "filterByStatus")?.toUpperCase();
  const paging = readPaging(body, "GET_AGENTS_FOR_SKILL_FAILED");
  if ("reply" in paging) return paging.reply;
  if (skillTargetId === undefined) return failure("GET_AGENTS_FOR_SKILL_FAILED", "skillTargetId is required");
  const found = tenantGroups(data, idProgram).find(({ group }) => group.skillTargetId === skillTargetId);
  if (!found) return failure("GET_AGENTS_FOR_SKILL_FAILED", `no skill group ${skillTargetId} in this tenant`);
  if (status !== undefined && status !== "" && !["A", "D", "B"].includes(status)) {
    return failure("GET_AGENTS_FOR_SKILL_FAILED", `filterByStatus must be A, D or B, got '${status}'`);
  }
  const { group, peripheral } = found;
  const agents = tenantAgents(data, idProgram).filter(
    (u) =>
      u.platformId === group.peripheralId &&
      (platformId === undefined || u.platformId === platformId) &&
      u.skillTargetIds.includes(group.skillTargetId) === assigned &&
      (status === "A" ? u.enabledInPortal : status === "D" ? !u.enabledInPortal : true) &&
      (!searching || term === "" || [u.loginNm, u.firstNm, u.lastNm, u.agentId ?? ""].some((v) => v.toLowerCase().includes(term))),
  );
  const { page, pagingInfo } = pageBy(agents, paging, (u) => u.agentSkillTargetId ?? 0);
  const basic = page.map((agent) => basicAgentSkillInfo(data, agent, peripheral.name));
  return success("GET_AGENTS_FOR_SKILL_SUCCESS", {
    agentSkillInfoList: baseOnly ? null : page.map((agent, i) => agentSkillInfo(agent, group, basic[i])),
    basicAgentSkillInfoList: basic,
    pagingInfo,
  });
});

function basicAgentSkillInfo(data: CceData, agent: DirectoryUser, platformName: string) {
  return {
    agentId: agent.agentSkillTargetId,
    platformId: agent.platformId,
    idProgramUser: agent.idProgramUser,
    status: agent.enabledInPortal,
    idUser: agent.idUser,
    firstNm: agent.firstNm,
    lastNm: agent.lastNm,
    username: agent.loginNm,
    uiAgentId: agent.agentId,
    isAllowedToEdit: true,
    platformName,
    totalAssignedSkills: memberSkillGroups(data, agent).length,
  };
}

function agentSkillInfo(agent: DirectoryUser, group: SkillGroup, basic: ReturnType<typeof basicAgentSkillInfo>) {
  return {
    idRow: null,
    primaryFlag: false,
    personId: null,
    supervisorAgent: agent.userTypeCode === "S" ? "Y" : "N",
    agentDesc: agent.agentDescription,
    idProgram: agent.idProgram,
    idSourceSystem: 1,
    agentEnterpriseNm: agent.agentEnterpriseName,
    skillTargetId: group.skillTargetId,
    skillGroupName: group.name,
    skillGroupDesc: group.description,
    transferNumber: null,
    idProfile: agent.idProfile,
    phone: agent.phone,
    idUserType: agent.userTypeCode === "S" ? 2 : 1,
    userTypeNm: agent.userTypeCode === "S" ? "Supervisor" : "Agent",
    userTypeLevel: 2,
    userTypeCode: agent.userTypeCode,
    originalId: 0,
    intUIAgentID: Number(agent.agentId),
    ...basic,
  };
}

/** `POST protected/quickskills/getSkillsForAgent` (GetSkillsForAgentRequest): the agent's groups, or the ones on its platform it lacks. */
export const getSkillsForAgent = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const idProgramUser = field.int(body, "idProgramUser");
  const assigned = field.boolean(body, "assigned") ?? field.boolean(body, "Assigned") ?? true;
  const searching = field.boolean(body, "searching") ?? false;
  const term = (field.string(body, "searchTerm") ?? "").toLowerCase();
  const baseOnly = field.boolean(body, "getBaseObjectInfoOnly") ?? false;
  const skillTargetId = field.int(body, "skillTargetId");
  field.int(body, "platformId");
  // The document's own example sends pageNumber 0: read it as the first page.
  const paging = readPaging({ ...body, pageNumber: body.pageNumber === 0 || body.pageNumber === "0" ? 1 : body.pageNumber }, "GET_SKILLS_FOR_AGENT_FAILED");
  if ("reply" in paging) return paging.reply;
  if (idProgramUser === undefined) return failure("GET_SKILLS_FOR_AGENT_FAILED", "idProgramUser is required");
  const agent = tenantAgents(data, idProgram).find((u) => u.idProgramUser === idProgramUser);
  if (!agent) return failure("GET_SKILLS_FOR_AGENT_FAILED", `no agent or supervisor ${idProgramUser} in this tenant`);

  const rows = tenantGroups(data, idProgram).filter(
    ({ group }) =>
      group.peripheralId === agent.platformId &&
      agent.skillTargetIds.includes(group.skillTargetId) === assigned &&
      (skillTargetId === undefined || group.skillTargetId === skillTargetId) &&
      (!searching || term === "" || [group.name, group.description].some((v) => v.toLowerCase().includes(term))),
  );
  const { page, pagingInfo } = pageBy(rows, paging, ({ group }) => group.skillTargetId);
  const basic = page.map(({ group, peripheral }) => basicInfo(data, group, peripheral));
  return success("GET_SKILLS_FOR_AGENT_SUCCESS", {
    simpleSkillGroupList: basic.map(({ skillTargetId, isAllowedToEdit, on, skillName, peripheralName, enterpriseName }) =>
      ({ skillTargetId, isAllowedToEdit, on, skillName, peripheralName, enterpriseName })),
    basicSkillGroupList: basic,
    skillGroupList: baseOnly ? null : page.map(({ group }) => skillGroupInfo(idProgram, group)),
    pagingInfo,
  });
});

// ---------------------------------------------------------------------------------------
// Skill membership, from either side. Deltas: adding a group an agent has, or removing one
// it lacks, changes nothing, so a repeated call converges.

/** `POST protected/quickskills/saveSkillsToAgent` (SaveSkillsToAgentRequest). */
export const saveSkillsToAgent = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const idProgramUser = field.int(body, "agentIdProgramUser");
  const agentSkillTargetId = field.int(body, "agentSkillTargetId");
  const peripheralId = field.int(body, "peripheralID");
  const added = field.intArray(body, "addedSkillGroupSkillTargetIds") ?? [];
  const removed = field.intArray(body, "removedSkillGroupSkillTargetIds") ?? [];
  if (idProgramUser === undefined && agentSkillTargetId === undefined) return failure("BAD_REQUEST_AGENT_ID_REQD", "agentIdProgramUser is required");
  const agent = tenantAgents(data, idProgram).find((u) =>
    idProgramUser !== undefined ? u.idProgramUser === idProgramUser : u.agentSkillTargetId === agentSkillTargetId);
  if (!agent) return failure("SAVE_SKILLS_TO_AGENT_FAILED", `no agent or supervisor ${idProgramUser ?? `with skill target id ${agentSkillTargetId}`} in this tenant`);
  if (peripheralId !== undefined && peripheralId !== agent.platformId) {
    return failure("SAVE_SKILLS_TO_AGENT_FAILED", `${agent.loginNm} is on platform ${agent.platformId}, the request names peripheralID ${peripheralId}`);
  }
  const both = added.find((id) => removed.includes(id));
  if (both !== undefined) return failure("SAVE_SKILLS_TO_AGENT_FAILED", `skill group ${both} is both added and removed`);
  const groups = tenantGroups(data, idProgram).map(({ group }) => group);
  for (const id of added) {
    const group = groups.find((g) => g.skillTargetId === id);
    if (!group) return failure("SAVE_SKILLS_TO_AGENT_FAILED", `no skill group ${id} in this tenant`);
    if (group.peripheralId !== agent.platformId) return failure("SAVE_SKILLS_TO_AGENT_FAILED", wrongPlatform(agent, group));
  }
  for (const id of removed) {
    // A group that no longer exists has no members to remove: nothing to do.
    const group = groups.find((g) => g.skillTargetId === id);
    if (group && group.peripheralId !== agent.platformId) return failure("SAVE_SKILLS_TO_AGENT_FAILED", wrongPlatform(agent, group));
  }
  agent.skillTargetIds = [...new Set([...agent.skillTargetIds, ...added])].filter((id) => !removed.includes(id));
  return success("SAVE_SKILLS_TO_AGENT_SUCCESS");
});

/**
 * `POST protected/quickskills/saveAgentsToSkill` (SaveAgentsToSkillRequest): agents named by
 * idProgramUser. Answers with the SAVE_SKILL_GROUP_* constants, as the document lists them.
 */
export const saveAgentsToSkill = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const skillTargetId = field.int(body, "skillGroupSkillTargetId");
  const peripheralId = field.int(body, "peripheralID");
  const added = field.intArray(body, "addedAgentIds") ?? [];
  const removed = field.intArray(body, "removedAgentIds") ?? [];
  if (skillTargetId === undefined) return failure("BAD_REQUEST_SKILL_GROUP_ID_REQUIRED", "skillGroupSkillTargetId is required");
  if (peripheralId === undefined) return failure("BAD_REQUEST_PERIPHERAL_ID_REQUIRED");
  const found = tenantGroups(data, idProgram).find(({ group }) => group.skillTargetId === skillTargetId);
  if (!found) return failure("SAVE_SKILL_GROUP_FAILED", `no skill group ${skillTargetId} in this tenant`);
  const { group, peripheral } = found;
  if (group.peripheralId !== peripheralId) {
    return failure("SAVE_SKILL_GROUP_FAILED", `skill group ${group.skillTargetId} is on peripheral ${group.peripheralId}, the request names ${peripheralId}`);
  }
  const agents = tenantAgents(data, idProgram);
  const changes: [DirectoryUser, "add" | "remove"][] = [];
  for (const [ids, change] of [[added, "add"], [removed, "remove"]] as const) {
    for (const id of ids) {
      const agent = agents.find((u) => u.idProgramUser === id);
      if (!agent) return failure("SAVE_SKILL_GROUP_FAILED", `no agent or supervisor ${id} in this tenant`);
      if (agent.platformId !== group.peripheralId) return failure("SAVE_SKILL_GROUP_FAILED", wrongPlatform(agent, group));
      changes.push([agent, change]);
    }
  }
  for (const [agent, change] of changes) {
    const others = agent.skillTargetIds.filter((id) => id !== group.skillTargetId);
    agent.skillTargetIds = change === "add" ? [...others, group.skillTargetId] : others;
  }
  return success("SAVE_SKILL_GROUP_SUCCESS", { basicSkillGroupInfo: basicInfo(data, group, peripheral) });
});

function wrongPlatform(agent: DirectoryUser, group: SkillGroup): string {
  return `skill group ${group.name} (${group.skillTargetId}) is on peripheral ${group.peripheralId}, ${agent.loginNm} on ${agent.platformId}`;
}

// ---------------------------------------------------------------------------------------
// Attributes of agents. Agents are named by skill target id, as a string.

/**
 * `POST protected/attributes/saveAttributesToAgent` (`agentsIds`, `attributesInfo`, the
 * example's wire names): gives every agent every attribute, valued by its `defaultValue`.
 */
export const saveAttributesToAgent = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const agentIds = field.stringArray(body, "agentsIds");
  const infos = body.attributesInfo;
  if (infos !== undefined && infos !== null && (!Array.isArray(infos) || infos.some((i) => typeof i !== "object" || i === null || Array.isArray(i)))) {
    return failure("BAD_REQUEST", "attributesInfo must be an array of AttributeInfo objects", 404);
  }
  if (!agentIds?.length) return failure("SAVE_ATTR_TO_AGENT_FAILED", "agentsIds is required");
  if (!Array.isArray(infos) || infos.length === 0) return failure("SAVE_ATTR_TO_AGENT_FAILED", "attributesInfo is required");

  const agents: DirectoryUser[] = [];
  for (const id of agentIds) {
    const agent = findAgentBySkillTargetId(data, idProgram, id);
    if (!agent) return failure("SAVE_ATTR_TO_AGENT_FAILED", `agent '${id}' is not the skill target id of an agent in this tenant`);
    agents.push(agent);
  }
  const values: [Attribute, string][] = [];
  for (const info of infos as JsonObject[]) {
    const idField = field.int(info, "id");
    const refUrl = field.string(info, "refURL");
    const attributeId = idField ?? (refUrl ? Number(refUrl.split("/").pop()) : undefined);
    const attribute = data.attributes.find((a) => a.id === attributeId && a.idProgram === idProgram);
    if (!attribute) return failure("SAVE_ATTR_TO_AGENT_FAILED", `attribute ${attributeId ?? JSON.stringify(info)} does not exist in this tenant`);
    const value = field.string(info, "defaultValue") ?? "";
    const problem = attributeValueProblem(attribute, value);
    if (problem) return failure("SAVE_ATTR_TO_AGENT_FAILED", problem);
    values.push([attribute, value]);
  }
  for (const agent of agents) for (const [attribute, value] of values) agent.attributes[attribute.id] = value;
  return success("SAVE_ATTR_TO_AGENT_SUCCESS");
});

/** `POST protected/attributes/updateAgentAttributes {agentId, attributeId}`: removes one attribute from one agent. */
export const updateAgentAttributes = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const agentId = field.string(body, "agentId");
  const attributeId = field.string(body, "attributeId");
  if (!agentId || !attributeId) return failure("UPDATE_AGENT_ATTRIBUTES_FAILED", "agentId and attributeId are required");
  const agent = findAgentBySkillTargetId(data, idProgram, agentId);
  if (!agent) return failure("UPDATE_AGENT_ATTRIBUTES_FAILED", `agent '${agentId}' is not the skill target id of an agent in this tenant`);
  const attribute = data.attributes.find((a) => String(a.id) === attributeId.trim() && a.idProgram === idProgram);
  if (!attribute) return failure("UPDATE_AGENT_ATTRIBUTES_FAILED", `attribute '${attributeId}' does not exist in this tenant`);
  if (!(attribute.id in agent.attributes)) return failure("UPDATE_AGENT_ATTRIBUTES_FAILED", `${agent.loginNm} does not have attribute ${attribute.name}`);
  delete agent.attributes[attribute.id];
  return success("UPDATE_AGENT_ATTRIBUTES__SUCCESS");
});

function findAgentBySkillTargetId(data: CceData, idProgram: number, id: string): DirectoryUser | undefined {
  if (!/^\s*\d+\s*$/.test(id)) return undefined;
  return tenantAgents(data, idProgram).find((u) => u.agentSkillTargetId === Number(id));
}

/** Proficiency ("4") takes 1-10, boolean ("3") true/false. */
function attributeValueProblem(attribute: Attribute, value: string): string | undefined {
  if (attribute.dataType === "4" && !(/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 10)) {
    return `${attribute.name} is a proficiency attribute: its value (defaultValue) must be 1 to 10, got '${value}'`;
  }
  if (attribute.dataType === "3" && value !== "true" && value !== "false") {
    return `${attribute.name} is a boolean attribute: its value (defaultValue) must be "true" or "false", got '${value}'`;
  }
  return undefined;
}
