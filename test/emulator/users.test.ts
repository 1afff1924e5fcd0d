/**
 * The CCE emulator's user service and its lookups over real HTTP (seed 001, chapter 3;
 * rules from docs/cce-wire-decisions.md).
 */
import { cceDemoCredentials, cceDemoIds } from "../../emulator";
import { Portal, PortalSession as Session } from "../support/portal";
import { Reply, usePortalEmulator } from "../support/emulator-portal";

const { admin, labAdmin } = cceDemoCredentials;
const ids = cceDemoIds;

const emulator = usePortalEmulator();
const { call, loginAs } = emulator;

/** A valid clone of the agent template; `overrides` change or (undefined) drop fields. */
function agentClone(overrides: Record<string, unknown> = {}) {
  return {
    srcUserName: "tmpl.agent@DEM",
    cloneUserLoginNm: "new.agent@DEM",
    cloneUserFirstNm: "New",
    cloneUserLastNm: "Agent",
    cloneUserPhoneNumber: "5551234",
    cloneUserEmail: "new.agent@dem.cce.example",
    cloneUserPassword: "Secret-1!",
    cloneUserAgentId: "2000",
    ...overrides,
  };
}

const clone = (s: Session, body: object) => call(s, "users/cloneUser", body);
const byId = async (s: Session, searchId: number) => (await call(s, "users/getUserByIdProgram", { searchId })).body.userAgentInfoList;
const codeOf = (reply: Reply) => reply.body.codeMessage;

describe("users/cloneUser", () => {
  test("clones the agent template: copies its settings, skills and attributes, takes fresh ids", async () => {
    const dem = await loginAs(admin);
    const reply = await clone(dem, agentClone());
    expect(reply.status).toBe(200);
    expect(reply.body.code).toBe(0);
    expect(reply.body.codeMessage).toBe("CLONE_USER_SUCCESS");
    const created = reply.body.basicUserAgentInfo;
    expect(created.idProgramUser).toBe(ids.firstNewIdProgramUser);
    expect(created.idUser).toBe(ids.firstNewIdUser);
    expect(created.agentId).toBe(ids.firstNewAgentSkillTargetId);
    expect(created.uiAgentID).toBe("2000");
    expect(created.sourceIdProgramUser).toBe(ids.users.tmplAgent);
    expect(created).not.toHaveProperty("agentTeamNm"); // not a BasicUserAgentInfo field

    const [row] = await byId(dem, created.idProgramUser);
    expect(row.loginNm).toBe("new.agent@DEM");
    expect(row.userTypeCode).toBe("A");
    expect(row.supervisorAgent).toBe("No");
    expect(row.platformId).toBe(ids.peripherals.CUCM_PG_1);
    expect(row.platform).toBe("CUCM_PG_1");
    expect(row.peripheralNumber).toBe("2000");
    expect(row.agentEnterpriseName).toBe("New_Agent");
    expect(row.agentDescription).toBe("Template for sales agents");
    expect(row.idProgramSite).toBe(ids.sites.HQ);
    expect(row.idProgramDepartment).toBe(ids.departments.Sales);
    expect(row.idProgramBillUnit).toBe(ids.billingUnits.BU_Sales);
    expect(row.idProgramGroup).toBe(ids.roleGroups.Agent);
    expect(row.idProfile).toBe(ids.apmProfiles.Sales_Profile);
    expect(row.agentTeamId).toBe(ids.teams.Team_Sales);
    expect(row.agentTeamNm).toBe("Team_Sales");
    expect(row.agentDeskSettingsID).toBe(ids.deskSettings.Sales_Desk);
    expect(row.status).toBe(true);
    expect(row.icmStatus).toBe(true);
    expect(row.contactCenterUserStatusNm).toBe("Active");
    expect(row.totalAssignedSkills).toBe(1);
    expect(row.ssoEnabledUser).toBe(false);
    expect(await emulator.control.verifyPassword("new.agent@DEM", "Secret-1!")).toBe(true);
    expect(await emulator.control.verifyPassword("new.agent@DEM", "wrong")).toBe(false);

    const skills = await call(dem, "quickskills/getSkillsForAgent", { assigned: true, idProgramUser: created.idProgramUser });
    expect(skills.body.basicSkillGroupList.map((g: any) => g.skillTargetId)).toEqual([ids.skillGroups.Sales]);
    const agents = await call(dem, "attributes/getAllAgents", {});
    const mine = agents.body.agents.find((a: any) => a.idProgramUser === created.idProgramUser);
    expect(mine.attributes).toEqual([
      { description: "Sales proficiency", attributeValue: "5", attribute: { refURL: `/unifiedconfig/config/attribute/${ids.attributes.Sales_Skill}`, name: "Sales_Skill" } },
    ]);
    const collections = await call(dem, "access/getManageableAccessCollectionsForCloneUserObjectsByCriteria", { idProgramUserToClone: created.idProgramUser, pageSize: 0 });
    expect(collections.body.accessibleUserCollectionSelectedList.map((c: any) => c.idProgramCollection)).toEqual([ids.userCollections.UC_Sales]);
    expect(collections.body.accessibleAgentCollectionSelectedList.map((c: any) => c.idProgramCollection)).toEqual([ids.agentCollections.AC_Sales]);
  });

  test("overrides replace the template's settings; -1 picks the standard role group", async () => {
    const dem = await loginAs(admin);
    const reply = await clone(dem, agentClone({
      srcUserName: undefined,
      srcIdUser: ids.idUsers.tmplAgent,
      cloneUserIdProgramSite: ids.sites.Branch,
      cloneUserProgramDepartmentNm: "Support",
      cloneUserIdProgramBillUnit: ids.billingUnits.BU_Support,
      cloneUserIdProgramGroup: -1,
      cloneUserIdProfile: ids.apmProfiles.Default_Profile,
      cloneUserAgentTeamID: ids.teams.Team_Support,
      cloneUserIdAgentDeskSettings: ids.deskSettings.Default_Desk,
      selectedUserCollectionIds: [],
      selectedAgentCollectionIds: [ids.agentCollections.AC_Support],
      cloneAgentEnterpriseName: "new.agent_1",
      ssoEnabledUser: true,
    }));
    expect(codeOf(reply)).toBe("CLONE_USER_SUCCESS");
    const [row] = await byId(dem, reply.body.basicUserAgentInfo.idProgramUser);
    expect(row.idProgramSite).toBe(ids.sites.Branch);
    expect(row.idProgramDepartment).toBe(ids.departments.Support);
    expect(row.idProgramBillUnit).toBe(ids.billingUnits.BU_Support);
    expect(row.idProgramGroup).toBe(ids.roleGroups.Agent);
    expect(row.idProfile).toBe(ids.apmProfiles.Default_Profile);
    expect(row.agentTeamNm).toBe("Team_Support");
    expect(row.agentDeskSettingsID).toBe(ids.deskSettings.Default_Desk);
    expect(row.agentEnterpriseName).toBe("new.agent_1");
    expect(row.ssoEnabledUser).toBe(true);
    const summary = await call(dem, "users/getAccessSummaryByUser", { idProgramUser: row.idProgramUser });
    expect(summary.body.codeMessage).toBe("GET_ACCESS_SUMMARY_BY_USER_SUCCESS");
    expect(summary.body.listAccessGroupSummary[0].accessGroupName).toBe("Agent");
    expect(summary.body.listAccessGroupSummary[0].listCollectionInfo.map((c: any) => c.collectionName)).toEqual(["AC_Support"]);
  });

  test("clones the supervisor template as a supervisor, and as an agent when asked", async () => {
    const dem = await loginAs(admin);
    const supervisor = await clone(dem, agentClone({ srcUserName: "tmpl.supervisor@DEM" }));
    expect(codeOf(supervisor)).toBe("CLONE_USER_SUCCESS");
    const [row] = await byId(dem, supervisor.body.basicUserAgentInfo.idProgramUser);
    expect(row.userTypeCode).toBe("S");
    expect(row.supervisorAgent).toBe("Yes");
    expect(row.agentTeamNm).toBe("Team_Support");
    expect(row.idProgramGroup).toBe(ids.roleGroups.Supervisor);

    const agent = await clone(dem, agentClone({ srcUserName: "tmpl.supervisor@DEM", cloneUserTypeCode: "A", cloneUserLoginNm: "demoted@DEM", cloneUserFirstNm: "Other", cloneUserAgentId: "2001" }));
    expect(codeOf(agent)).toBe("CLONE_USER_SUCCESS");
    expect((await byId(dem, agent.body.basicUserAgentInfo.idProgramUser))[0].supervisorAgent).toBe("No");
  });

  test("clones the non-contact-center template without platform, agent or skills", async () => {
    const dem = await loginAs(admin);
    const reply = await clone(dem, {
      srcUserName: "tmpl.nc@DEM", cloneUserLoginNm: "new.user@DEM", cloneUserFirstNm: "New", cloneUserLastNm: "User",
      cloneUserPhoneNumber: "5559999", cloneUserEmail: null, selectedUserCollectionIds: [ids.userCollections.UC_Sales],
    });
    expect(codeOf(reply)).toBe("CLONE_USER_SUCCESS");
    const [row] = await byId(dem, reply.body.basicUserAgentInfo.idProgramUser);
    expect(row.userTypeCode).toBe("NC");
    expect(row.platformId).toBe(null);
    expect(row.platform).toBe(null);
    expect(row.agentId).toBe(null);
    expect(row.uiAgentID).toBe(null);
    expect(row.agentTeamId).toBe(null);
    expect(row.icmStatus).toBe(false);
    expect(row.ssoEnabledUser).toBe(true);
    expect(row.idProgramSite).toBe(ids.sites.Branch);
    expect(row.idProgramGroup).toBe(ids.roleGroups.User);
    expect(row.email).toBe(null);
    // No cloneUserPassword: the user can only use SSO.
    expect(await emulator.control.verifyPassword("new.user@DEM", "")).toBe(false);
  });

  test.each([
    ["srcIdUser unknown", { srcUserName: undefined, srcIdUser: 1 }, "CLONE_USER_FAILED_INVALID_ID_USER"],
    ["no template named", { srcUserName: undefined }, "CLONE_USER_FAILED_INVALID_SOURCE_USER_NAME"],
    ["srcUserName unknown", { srcUserName: "nobody@DEM" }, "CLONE_USER_FAILED_INVALID_SOURCE_USER_NAME"],
    ["unknown type", { cloneUserTypeCode: "X" }, "CLONE_USER_FAILED_USER_TYPE_NOT_FOUND"],
    ["agent template into NC", { cloneUserTypeCode: "NC" }, "CLONE_USER_FAILED_USER_TYPE_NOT_FOUND"],
    ["NC template into agent", { srcUserName: "tmpl.nc@DEM", cloneUserTypeCode: "A" }, "CLONE_USER_FAILED_USER_TYPE_NOT_FOUND"],
    ["login missing", { cloneUserLoginNm: undefined }, "CLONE_USER_FAILED_INVALID_CLONED_USER_LOGIN_NM"],
    ["login of another tenant", { cloneUserLoginNm: "new.agent@LAB" }, "CLONE_USER_FAILED_INVALID_CLONED_USER_LOGIN_NM"],
    ["login starting with a dot", { cloneUserLoginNm: ".agent@DEM" }, "CLONE_USER_FAILED_INVALID_CLONED_USER_LOGIN_NM"],
    ["login with a space", { cloneUserLoginNm: "new agent@DEM" }, "CLONE_USER_FAILED_INVALID_CLONED_USER_LOGIN_NM"],
    ["login local part of 65", { cloneUserLoginNm: `${"a".repeat(65)}@DEM` }, "CLONE_USER_FAILED_INVALID_CLONED_USER_LOGIN_NM"],
    ["first name with a space", { cloneUserFirstNm: "Mary Ann" }, "CLONE_USER_FAILED_INVALID_CLONED_USER_FIRST_NM"],
    ["first name missing", { cloneUserFirstNm: undefined }, "CLONE_USER_FAILED_INVALID_CLONED_USER_FIRST_NM"],
    ["last name with a space", { cloneUserLastNm: "van Dyke" }, "CLONE_USER_FAILED_INVALID_CLONED_USER_LAST_NM"],
    ["both names wrong", { cloneUserFirstNm: "Mary Ann", cloneUserLastNm: "" }, "CLONE_USER_FAILED_INVALID_CLONED_USER_FIRST_NM_LAST_NM"],
    ["phone with letters", { cloneUserPhoneNumber: "555-1234" }, "CLONE_USER_FAILED_ONLY_NUMBERS_ALLOWED_PHONE_NUM"],
    ["phone too short", { cloneUserPhoneNumber: "1234" }, "CLONE_USER_FAILED_INVALID_CLONED_USER_PHONE_NUM"],
    ["phone too long", { cloneUserPhoneNumber: "1234567890123456" }, "CLONE_USER_FAILED_INVALID_CLONED_USER_PHONE_NUM"],
    ["phone missing", { cloneUserPhoneNumber: undefined }, "CLONE_USER_FAILED_INVALID_CLONED_USER_PHONE_NUM"],
    ["e-mail without domain", { cloneUserEmail: "new.agent@example" }, "CLONE_USER_FAILED_INVALID_CLONE_USER_EMAIL"],
    ["agent id missing", { cloneUserAgentId: undefined }, "CLONE_USER_FAILED_AGENT_ID_NOT_PROVIDED"],
    ["agent id not digits", { cloneUserAgentId: "A100" }, "CLONE_USER_FAILED_AGENT_ID_NOT_PROVIDED"],
    ["agent id of 12 digits", { cloneUserAgentId: "123456789012" }, "CLONE_USER_FAILED_AGENT_ID_NOT_PROVIDED"],
    ["enterprise name starting with _", { cloneAgentEnterpriseName: "_agent" }, "CLONE_USER_FAILED_INVALID_CLONED_AGENT_ENTERPRISE_NM"],
    ["enterprise name of 33", { cloneAgentEnterpriseName: "a".repeat(33) }, "CLONE_USER_FAILED_INVALID_CLONED_AGENT_ENTERPRISE_NM"],
    ["derived enterprise name invalid", { cloneUserFirstNm: "O'Neil" }, "CLONE_USER_FAILED_INVALID_CLONED_AGENT_ENTERPRISE_NM"],
    ["unknown site", { cloneUserIdProgramSite: 9999 }, "CLONE_USER_FAILED"],
    ["site of another tenant", { cloneUserIdProgramSite: ids.sites.Lab_Site }, "CLONE_USER_FAILED"],
    ["unknown site name", { cloneUserProgramSiteNm: "Nowhere" }, "CLONE_USER_FAILED"],
    ["team on another platform", { cloneUserAgentTeamID: ids.teams.Team_Chat }, "CLONE_USER_FAILED"],
    ["user collection given as agent collection", { selectedAgentCollectionIds: [ids.userCollections.UC_Sales] }, "CLONE_USER_FAILED"],
    ["login already used", { cloneUserLoginNm: "ALICE@DEM" }, "CLONE_USER_FAILED_USER_LOGIN_NM_ALREADY_EXISTS"],
    ["login of a login account", { cloneUserLoginNm: "admin@DEM" }, "CLONE_USER_FAILED_USER_LOGIN_NM_ALREADY_EXISTS"],
    ["names already used", { cloneUserFirstNm: "alice", cloneUserLastNm: "ARCHER" }, "CLONE_USER_FAILED_USER_FIRST_AND_LAST_ALREADY_EXISTS"],
    ["agent id used on the platform", { cloneUserAgentId: "1002" }, "CLONE_USER_FAILED_AGENT_ID_ALREADY_IN_USE"],
  ])("%s is refused with its constant", async (_, overrides, constant) => {
    const dem = await loginAs(admin);
    const reply = await clone(dem, agentClone(overrides));
    expect(reply.status).toBe(200);
    expect(reply.body.code).toBe(-1);
    expect(reply.body.codeMessage).toBe(constant);
    expect(typeof reply.body.errorMessage).toBe("string");
    // A refused clone creates nothing.
    expect(await byId(dem, ids.firstNewIdProgramUser)).toEqual([]);
  });

  test("an NC clone with an agent id is refused", async () => {
    const dem = await loginAs(admin);
    const reply = await clone(dem, agentClone({ srcUserName: "tmpl.nc@DEM" }));
    expect(codeOf(reply)).toBe("CLONE_USER_FAILED");
    expect(reply.body.errorMessage).toContain("cloneUserAgentId must be null");
  });

  test("an agent id in use on another platform is free; reUseAgentId allows a shared one", async () => {
    const dem = await loginAs(admin);
    // carol holds 1000 on MR_PG_1 only... and tmpl.agent holds 1000 on CUCM_PG_1.
    expect(codeOf(await clone(dem, agentClone({ cloneUserAgentId: "1004" })))).toBe("CLONE_USER_SUCCESS");
    const shared = await clone(dem, agentClone({ cloneUserLoginNm: "shared@DEM", cloneUserFirstNm: "Shared", cloneUserAgentId: "1002", reUseAgentId: true }));
    expect(codeOf(shared)).toBe("CLONE_USER_SUCCESS");
  });

  test("a wrong type is a 404 bad request", async () => {
    const dem = await loginAs(admin);
    const reply = await clone(dem, agentClone({ srcIdUser: { id: 1 } }));
    expect(reply.status).toBe(404);
    expect(reply.body.codeMessage).toBe("BAD_REQUEST");
  });
});

describe("tenant isolation", () => {
  test("a LAB administrator neither sees nor clones DEM users", async () => {
    const lab = await loginAs(labAdmin);
    const users = await call(lab, "users/getUsers", { pageSize: 0 });
    expect(users.body.userAgentInfoList.map((u: any) => u.idProgramUser)).toEqual([ids.users.labAdmin, ids.users.partnerInLab, ids.users.labTmplAgent]);
    expect(await byId(lab, ids.users.alice)).toEqual([]);
    expect(codeOf(await clone(lab, agentClone({ cloneUserLoginNm: "x@LAB" })))).toBe("CLONE_USER_FAILED_INVALID_SOURCE_USER_NAME");
    expect(codeOf(await clone(lab, agentClone({ srcUserName: undefined, srcIdUser: ids.idUsers.tmplAgent, cloneUserLoginNm: "x@LAB" })))).toBe("CLONE_USER_FAILED_INVALID_ID_USER");
    expect(codeOf(await call(lab, "users/deleteUser", { searchId: ids.users.alice }))).toBe("DELETE_USER_FAILED");
    expect(codeOf(await call(lab, "users/setUserStatus", { enabled: false, idProgramUser: ids.users.alice }))).toBe("SET_USER_STATUS_FAILED_INVALID_LOGIN_NM");

    const labClone = await clone(lab, agentClone({ srcUserName: "tmpl.agent@LAB", cloneUserLoginNm: "lab.agent@LAB" }));
    expect(codeOf(labClone)).toBe("CLONE_USER_SUCCESS");
    expect(labClone.body.basicUserAgentInfo.platformId).toBe(ids.peripherals.CUCM_PG_LAB);
    expect(labClone.body.basicUserAgentInfo.idProgramSite).toBe(ids.sites.Lab_Site);
  });
});

/** The user's BasicUserInfo as getUserByIdProgram shows it, ready to send back. */
async function basicInfoOf(s: Session, idProgramUser: number) {
  const [row] = await byId(s, idProgramUser);
  const keys = [
    "agentDeskSettingsID", "phone", "idProgramDepartment", "agentDescription", "ssoEnabledUser", "platformId", "supervisorAgent",
    "agentEnterpriseName", "idProgramSite", "agentTeamId", "idProgramBillUnit", "idUser", "loginNm", "firstNm", "idProgramUser",
    "userTypeCode", "manager", "idProgramGroup", "lastNm", "status", "idContactCenterUserStatus", "idProfile", "createDateStr", "email",
  ];
  const info: Record<string, any> = { ...Object.fromEntries(keys.map((k) => [k, row[k]])), agentId: row.uiAgentID, agentSkillTargetId: row.agentId };
  return info;
}

describe("users/updateUser", () => {
  test("replaces BasicUserInfo and answers it", async () => {
    const dem = await loginAs(admin);
    const info = await basicInfoOf(dem, ids.users.alice);
    expect(info.agentId).toBe("1002");
    expect(info.agentSkillTargetId).toBe(ids.agents.alice);
    const reply = await call(dem, "users/updateUser", {
      basicUserInfo: {
        ...info, firstNm: "Alicia", phone: "5550000", email: null, userTypeCode: "S", agentId: "1010", agentEnterpriseName: "Alicia_Archer",
        agentDescription: "Promoted", idProgramSite: ids.sites.Branch, agentTeamId: ids.teams.Team_Support, idProgramDepartment: null,
        status: false, agentSkillTargetId: 1,
      },
    });
    expect(codeOf(reply)).toBe("UPDATE_USER_SUCCESS");
    expect(reply.body.basicUserInfo.firstNm).toBe("Alicia");
    expect(reply.body.basicUserInfo.supervisorAgent).toBe("Yes");
    // status and agentSkillTargetId are ignored: status has its own calls.
    expect(reply.body.basicUserInfo.status).toBe(true);
    expect(reply.body.basicUserInfo.agentSkillTargetId).toBe(ids.agents.alice);
    const [row] = await byId(dem, ids.users.alice);
    expect(row.firstNm).toBe("Alicia");
    expect(row.phone).toBe("5550000");
    expect(row.email).toBe(null);
    expect(row.userTypeCode).toBe("S");
    expect(row.uiAgentID).toBe("1010");
    expect(row.agentEnterpriseName).toBe("Alicia_Archer");
    expect(row.agentDescription).toBe("Promoted");
    expect(row.idProgramSite).toBe(ids.sites.Branch);
    expect(row.agentTeamNm).toBe("Team_Support");
    expect(row.idProgramDepartment).toBe(null);
    // Skills stay: updateUser does not touch membership.
    expect(row.totalAssignedSkills).toBe(2);
  });

  test.each([
    ["idProgramUser unknown", { idProgramUser: 1 }, "UPDATE_USER_FAILED_ID_PROGRAM_USER_NOT_FOUND"],
    ["login missing", { loginNm: null }, "UPDATE_USER_FAILED_INVALID_LOGIN_NM"],
    ["login changed", { loginNm: "alicia@DEM" }, "UPDATE_USER_FAILED_INVALID_LOGIN_NM"],
    ["login suffix of another tenant", { loginNm: "alice@LAB" }, "UPDATE_USER_FAILED_INVALID_LOGIN_NM"],
    ["first name missing", { firstNm: "" }, "UPDATE_USER_FAILED_FIRST_NM_REQUIRED"],
    ["last name missing", { lastNm: null }, "UPDATE_USER_FAILED_LAST_NM_REQUIRED"],
    ["first name with a space", { firstNm: "Ali ce" }, "UPDATE_USER_FAILED_INVALID_FIRST_NM"],
    ["last name with a space", { lastNm: "Ar cher" }, "UPDATE_USER_FAILED_INVALID_LAST_NM"],
    ["phone with letters", { phone: "555x1234" }, "UPDATE_USER_FAILED_PHONE_ONLY_NUMBERS_ALLOWED"],
    ["phone too short", { phone: "1234" }, "UPDATE_USER_FAILED_PHONE_LENGTH_ERROR"],
    ["e-mail malformed", { email: "alice" }, "UPDATE_USER_FAILED"],
    ["unknown type", { userTypeCode: "Z" }, "UPDATE_USER_FAILED_REQUESTED_USER_TYPE_NOT_FOUND"],
    ["platform missing", { platformId: null }, "UPDATE_USER_FAILED_PLATFORM_ID_NOT_PROVIDED"],
    ["platform changed", { platformId: ids.peripherals.MR_PG_1 }, "UPDATE_USER_FAILED_PLATFORM_CANNOT_BE_CHANGED"],
    ["agent made NC with platform", { userTypeCode: "NC" }, "UPDATE_USER_FAILED_PLATFORM_SHOULD_BE_NULL"],
    ["agent made NC", { userTypeCode: "NC", platformId: null, agentId: null }, "UPDATE_USER_FAILED_PLATFORM_CANNOT_BE_CHANGED"],
    ["agent id missing", { agentId: null }, "UPDATE_USER_FAILED_INVALID_AGENT_ID"],
    ["agent id not digits", { agentId: "12a" }, "UPDATE_USER_FAILED_INVALID_AGENT_ID"],
    ["enterprise name with a space", { agentEnterpriseName: "Alice Archer" }, "UPDATE_USER_FAILED_INVALID_ENTERPRISE_NM"],
    ["site null", { idProgramSite: null }, "UPDATE_USER_FAILED"],
    ["site 0", { idProgramSite: 0 }, "UPDATE_USER_FAILED"],
    ["team of another platform", { agentTeamId: ids.teams.Team_Chat }, "UPDATE_USER_FAILED"],
    ["role group of another tenant", { idProgramGroup: ids.roleGroups.Lab_Agent }, "UPDATE_USER_FAILED"],
    ["names of another user", { firstNm: "Bob", lastNm: "Baker" }, "UPDATE_USER_FAILED_USER_FIRST_AND_LAST_ALREADY_EXISTS"],
    ["agent id of another agent", { agentId: "1003" }, "UPDATE_USER_FAILED_AGENT_ID_ALREADY_IN_USE"],
  ])("%s is refused with its constant", async (_, change, constant) => {
    const dem = await loginAs(admin);
    const info = await basicInfoOf(dem, ids.users.alice);
    const reply = await call(dem, "users/updateUser", { basicUserInfo: { ...info, ...change } });
    expect(reply.body.code).toBe(-1);
    expect(reply.body.codeMessage).toBe(constant);
    const [row] = await byId(dem, ids.users.alice);
    expect(row.firstNm).toBe("Alice");
    expect(row.uiAgentID).toBe("1002");
  });

  test("an agent id in use is accepted with reuseAgentId", async () => {
    const dem = await loginAs(admin);
    const info = await basicInfoOf(dem, ids.users.alice);
    const reply = await call(dem, "users/updateUser", { basicUserInfo: { ...info, agentId: "1003" }, reuseAgentId: true });
    expect(codeOf(reply)).toBe("UPDATE_USER_SUCCESS");
    expect(reply.body.basicUserInfo.agentId).toBe("1003");
  });

  test("an NC user needs platform null and no agent id, and cannot become an agent", async () => {
    const dem = await loginAs(admin);
    const info = await basicInfoOf(dem, ids.users.tmplNc);
    expect(info.platformId).toBe(null);
    const withPlatform = await call(dem, "users/updateUser", { basicUserInfo: { ...info, platformId: ids.peripherals.CUCM_PG_1 } });
    expect(codeOf(withPlatform)).toBe("UPDATE_USER_FAILED_PLATFORM_SHOULD_BE_NULL");
    const withAgentId = await call(dem, "users/updateUser", { basicUserInfo: { ...info, agentId: "5000" } });
    expect(codeOf(withAgentId)).toBe("UPDATE_USER_FAILED_INVALID_AGENT_ID");
    const toAgent = await call(dem, "users/updateUser", { basicUserInfo: { ...info, userTypeCode: "A", platformId: ids.peripherals.CUCM_PG_1, agentId: "5000", agentEnterpriseName: "T_N" } });
    expect(codeOf(toAgent)).toBe("UPDATE_USER_FAILED_PLATFORM_CANNOT_BE_CHANGED");
    const ok = await call(dem, "users/updateUser", { basicUserInfo: { ...info, lastNm: "Portal" } });
    expect(codeOf(ok)).toBe("UPDATE_USER_SUCCESS");
    expect(ok.body.basicUserInfo.lastNm).toBe("Portal");
  });

  test("a missing basicUserInfo is refused; a wrong type is a 404", async () => {
    const dem = await loginAs(admin);
    expect(codeOf(await call(dem, "users/updateUser", {}))).toBe("UPDATE_USER_FAILED");
    const wrong = await call(dem, "users/updateUser", { basicUserInfo: { idProgramUser: [1] } });
    expect(wrong.status).toBe(404);
    expect(wrong.body.codeMessage).toBe("BAD_REQUEST");
  });
});

describe("users/getUserByIdProgram and deleteUser", () => {
  test("answers the UserAgentInfo of the id", async () => {
    const dem = await loginAs(admin);
    const reply = await call(dem, "users/getUserByIdProgram", { searchId: ids.users.alice });
    expect(reply.body.codeMessage).toBe("GET_USERS_SUCCESS");
    expect(reply.body.pagingInfo).toEqual({ totalPages: 1, totalElements: 1 });
    const [row] = reply.body.userAgentInfoList;
    expect(row).toMatchObject({
      idProgram: ids.tenants.DEM, idProgramUser: ids.users.alice, idUser: ids.idUsers.alice, loginNm: "alice@DEM",
      firstNm: "Alice", lastNm: "Archer", email: "alice@dem.cce.example", phone: "55510020",
      userTypeCode: "A", platform: "CUCM_PG_1", platformId: ids.peripherals.CUCM_PG_1, peripheralNumber: "1002", uiAgentID: "1002",
      agentId: ids.agents.alice, agentEnterpriseName: "Alice_Archer", agentTeamId: ids.teams.Team_Sales, agentTeamNm: "Team_Sales",
      supervisorAgent: "No", status: true, icmStatus: true, contactCenterUserStatusNm: "Active", totalAssignedSkills: 2,
      idProgramSite: ids.sites.HQ, idProgramDepartment: ids.departments.Sales, idProgramBillUnit: ids.billingUnits.BU_Sales,
      idProgramGroup: ids.roleGroups.Agent, idProfile: ids.apmProfiles.Sales_Profile, agentDeskSettingsID: ids.deskSettings.Sales_Desk,
      ssoEnabledUser: false, createDateStr: "2026-01-05",
    });
    expect(row).not.toHaveProperty("password");
  });

  test("a missing searchId is BAD_REQUEST", async () => {
    const dem = await loginAs(admin);
    const reply = await call(dem, "users/getUserByIdProgram", {});
    expect(reply.body.code).toBe(-1);
    expect(reply.body.codeMessage).toBe("BAD_REQUEST");
  });

  test("delete removes the user, its memberships and attributes; then the id answers an empty list", async () => {
    const dem = await loginAs(admin);
    const reply = await call(dem, "users/deleteUser", { searchId: ids.users.alice });
    expect(codeOf(reply)).toBe("DELETE_USER_SUCCESS");
    const after = await call(dem, "users/getUserByIdProgram", { searchId: ids.users.alice });
    expect(after.body.codeMessage).toBe("GET_USERS_SUCCESS");
    expect(after.body.userAgentInfoList).toEqual([]);
    const groups = await call(dem, "skills/getSkillGroups", { pageSize: 0 });
    const count = (id: number) => groups.body.basicSkillGroupList.find((g: any) => g.skillTargetId === id).totalAssignedUsers;
    expect(count(ids.skillGroups.Sales)).toBe(2);
    expect(count(ids.skillGroups.Support)).toBe(1);
    expect(codeOf(await call(dem, "users/deleteUser", { searchId: ids.users.alice }))).toBe("DELETE_USER_FAILED");
    expect(codeOf(await call(dem, "users/deleteUser", {}))).toBe("DELETE_USER_FAILED");
  });
});

describe("status calls", () => {
  test("enableDisableUserInPortal sets status, enableDisableUserInICM icmStatus, setUserStatus both", async () => {
    const dem = await loginAs(admin);
    const portal = await call(dem, "users/enableDisableUserInPortal", { enabled: false, idProgramUser: ids.users.bob });
    expect(codeOf(portal)).toBe("ENABLE_DISABLE_USER_IN_PORTAL_SUCCESS");
    let [row] = await byId(dem, ids.users.bob);
    expect(row.status).toBe(false);
    expect(row.contactCenterUserStatusNm).toBe("Inactive");
    expect(row.icmStatus).toBe(true);

    const icm = await call(dem, "users/enableDisableUserInICM", { enabled: false, loginNm: "bob@DEM" });
    expect(codeOf(icm)).toBe("ENABLE_DISABLE_USER_IN_IMC_SUCCESS");
    [row] = await byId(dem, ids.users.bob);
    expect(row.icmStatus).toBe(false);

    const both = await call(dem, "users/setUserStatus", { enabled: true, loginNm: "BOB@DEM" });
    expect(codeOf(both)).toBe("SET_USER_STATUS_SUCCESS");
    [row] = await byId(dem, ids.users.bob);
    expect(row.status).toBe(true);
    expect(row.icmStatus).toBe(true);
  });

  test("unknown users and NC users in ICM are refused", async () => {
    const dem = await loginAs(admin);
    expect(codeOf(await call(dem, "users/setUserStatus", { enabled: true, loginNm: "nobody@DEM" }))).toBe("SET_USER_STATUS_FAILED_INVALID_LOGIN_NM");
    expect(codeOf(await call(dem, "users/enableDisableUserInPortal", { enabled: true, idProgramUser: 1 }))).toBe("ENABLE_DISABLE_USER_IN_PORTAL_FAILED");
    expect(codeOf(await call(dem, "users/enableDisableUserInICM", { enabled: true, idProgramUser: 1 }))).toBe("ENABLE_DISABLE_USER_IN_IMC_FAILED");
    expect(codeOf(await call(dem, "users/enableDisableUserInICM", { enabled: false, idProgramUser: ids.users.tmplNc }))).toBe("ENABLE_DISABLE_USER_IN_IMC_FAILED");
    expect(codeOf(await call(dem, "users/setUserStatus", { idProgramUser: ids.users.bob }))).toBe("SET_USER_STATUS_FAILED");
  });
});

describe("users/resetPassword", () => {
  test("sets the portal password and the ICM one", async () => {
    const dem = await loginAs(admin);
    const reply = await call(dem, "users/resetPassword", { userName: "bob@DEM", changePortalPassword: true, newPassword: "New-Bob-1!", newICMPassword: "icm-1" });
    expect(reply.body.codeMessage).toBe("RESET_PASSWORD_SUCCESS");
    expect(reply.body.code).toBe(0);
    expect(await emulator.control.verifyPassword("bob@DEM", "New-Bob-1!")).toBe(true);
    expect(await emulator.control.verifyPassword("bob@DEM", "Bob-2026!")).toBe(false);
  });

  test("an administrator's new password is the one it logs in with", async () => {
    const dem = await loginAs(admin);
    expect(codeOf(await call(dem, "users/resetPassword", { userName: admin.username, changePortalPassword: true, newPassword: "Changed-1!" }))).toBe("RESET_PASSWORD_SUCCESS");
    await expect(new Portal(emulator.portalUrl).login(admin.username, "Changed-1!")).resolves.toHaveProperty("token");
  });

  test("refusals", async () => {
    const dem = await loginAs(admin);
    expect(codeOf(await call(dem, "users/resetPassword", { userName: "nobody@DEM", changePortalPassword: true, newPassword: "x" }))).toBe("RESET_PASSWORD_FAILED_USER_NOT_FOUND");
    expect(codeOf(await call(dem, "users/resetPassword", { changePortalPassword: true, newPassword: "x" }))).toBe("RESET_PASSWORD_FAILED_USER_NOT_FOUND");
    expect(codeOf(await call(dem, "users/resetPassword", { userName: "tmpl.nc@DEM", newICMPassword: "icm" }))).toBe("RESET_ICM_PASSWORD_NOT_ALLOWED_FOR_NON_CONTACT_USERS");
    // Refused as a whole: the portal password of the NC user did not change either.
    expect(codeOf(await call(dem, "users/resetPassword", { userName: "admin@DEM", changePortalPassword: true, newPassword: "P-1", newICMPassword: "icm" }))).toBe("RESET_ICM_PASSWORD_NOT_ALLOWED_FOR_NON_CONTACT_USERS");
    expect(await emulator.control.verifyPassword("admin@DEM", admin.password)).toBe(true);
    expect(codeOf(await call(dem, "users/resetPassword", { userName: "bob@DEM", changePortalPassword: true }))).toBe("RESET_PASSWORD_FAILED");
  });
});

describe("users/getUsers", () => {
  const list = (reply: Reply) => reply.body.userAgentInfoList.map((u: any) => u.loginNm);

  test("lists the tenant's users in id order with paging", async () => {
    const dem = await loginAs(admin);
    const all = await call(dem, "users/getUsers", { pageSize: "0", pageNumber: 1, filterByUserType: ["S", "A", "NC"] });
    expect(all.body.codeMessage).toBe("GET_USERS_SUCCESS");
    expect(all.body.pagingInfo).toEqual({ totalPages: 1, totalElements: 9 });
    expect(list(all)).toEqual([
      "admin@DEM", "partner@PRT", "disabled@DEM", "tmpl.agent@DEM", "tmpl.supervisor@DEM", "tmpl.nc@DEM", "alice@DEM", "bob@DEM", "carol@DEM",
    ]);
    const page = await call(dem, "users/getUsers", { pageSize: 3, pageNumber: 2 });
    expect(list(page)).toEqual(["tmpl.agent@DEM", "tmpl.supervisor@DEM", "tmpl.nc@DEM"]);
    expect(page.body.pagingInfo).toEqual({ totalPages: 3, totalElements: 9 });
  });

  test("filters by type, status and platform", async () => {
    const dem = await loginAs(admin);
    expect(list(await call(dem, "users/getUsers", { pageSize: 0, filterByUserType: ["S"] }))).toEqual(["tmpl.supervisor@DEM"]);
    expect(list(await call(dem, "users/getUsers", { pageSize: 0, filterByStatus: "D" }))).toEqual(["disabled@DEM"]);
    expect(list(await call(dem, "users/getUsers", { pageSize: 0, platformId: ids.peripherals.MR_PG_1 }))).toEqual(["carol@DEM"]);
    expect(list(await call(dem, "users/getUsers", { pageSize: 0, filterByStatus: "A", filterByUserType: ["A"], platformId: ids.peripherals.CUCM_PG_1 })))
      .toEqual(["tmpl.agent@DEM", "alice@DEM", "bob@DEM"]);
    expect(codeOf(await call(dem, "users/getUsers", { filterByUserType: ["X"] }))).toBe("GET_USERS_FAILED");
    expect(codeOf(await call(dem, "users/getUsers", { filterByStatus: "Q" }))).toBe("GET_USERS_FAILED");
  });

  test("searches a column, or all of them, case-insensitively; a team is found through its members", async () => {
    const dem = await loginAs(admin);
    const search = (searchColumn: string, searchTerm: string) => call(dem, "users/getUsers", { pageSize: 0, searching: true, searchColumn, searchTerm });
    expect(list(await search("AgentTeamNm", "team_sales"))).toEqual(["tmpl.agent@DEM", "alice@DEM", "bob@DEM"]);
    const team = (await search("AgentTeamNm", "Team_Sales")).body.userAgentInfoList[0];
    expect(team.agentTeamId).toBe(ids.teams.Team_Sales);
    expect(list(await search("loginNm", "TMPL."))).toEqual(["tmpl.agent@DEM", "tmpl.supervisor@DEM", "tmpl.nc@DEM"]);
    expect(list(await search("FirstNm", "ali"))).toEqual(["alice@DEM"]);
    expect(list(await search("AgentID", "1000"))).toEqual(["tmpl.agent@DEM", "carol@DEM"]);
    expect(list(await search("Platform", "MR_PG"))).toEqual(["carol@DEM"]);
    expect(list(await search("Phone", "55510030"))).toEqual(["bob@DEM"]);
    expect(list(await search("all", "baker"))).toEqual(["bob@DEM"]);
    expect(codeOf(await search("Shoe", "x"))).toBe("GET_USERS_FAILED");
    // searching false: the term is ignored.
    const notSearching = await call(dem, "users/getUsers", { pageSize: 0, searching: false, searchColumn: "FirstNm", searchTerm: "ali" });
    expect(notSearching.body.pagingInfo.totalElements).toBe(9);
  });

  test("answers the mobile or the basic shape when asked", async () => {
    const dem = await loginAs(admin);
    const mobile = await call(dem, "users/getUsers", { pageSize: 1, getMobileUserInfoOnly: true, filterByUserType: ["A"] });
    expect(mobile.body).not.toHaveProperty("userAgentInfoList");
    expect(mobile.body.userMobileAgentInfoList[0]).toEqual({
      idUcmEndUser: null, loginNm: "tmpl.agent@DEM", uiAgentID: "1000", contactCenterUserStatusNm: "Active", agentTeamNm: "Team_Sales",
      idProgramUser: ids.users.tmplAgent, internalUser: false, platformId: ids.peripherals.CUCM_PG_1, lastStatusChangedDateTime: null,
      lastNm: "Agent", sourceIdProgramUser: null, ssoEnabledUser: false, cmClusterId: null, status: true, allowedToEdit: true,
      firstNm: "Template", idContactCenterUserStatus: 1,
    });
    const basic = await call(dem, "users/getUsers", { pageSize: 1, getBaseObjectInfoOnly: true, filterByUserType: ["A"] });
    expect(basic.body).not.toHaveProperty("userAgentInfoList");
    expect(basic.body.basicUserAgentInfoList[0].idProgramUser).toBe(ids.users.tmplAgent);
    expect(basic.body.basicUserAgentInfoList[0]).not.toHaveProperty("platform");
    // BasicUserAgentInfo has no team name and no status id (UserAgentInfo and the mobile shape do).
    expect(basic.body.basicUserAgentInfoList[0]).not.toHaveProperty("agentTeamNm");
    expect(basic.body.basicUserAgentInfoList[0]).not.toHaveProperty("idContactCenterUserStatus");
  });
});

describe("lookups", () => {
  test("sites, role groups (as siteInfoList), departments, billing units and platforms of the tenant", async () => {
    const dem = await loginAs(admin);
    const sites = await call(dem, "sites/getAllSites", {});
    expect(sites.body.codeMessage).toBe("GET_ALL_SITES_SUCCESS");
    expect(sites.body.siteInfoList.map((s: any) => [s.idProgramSite, s.programSiteNm])).toEqual([[ids.sites.HQ, "HQ"], [ids.sites.Branch, "Branch"]]);

    const roles = await call(dem, "roles/getAllRoles", {});
    expect(roles.body.codeMessage).toBe("GET_ALL_ROLES_SUCCESS");
    expect(roles.body).not.toHaveProperty("roleInfoList");
    const agentRole = roles.body.siteInfoList.find((g: any) => g.idProgramGroup === ids.roleGroups.Agent);
    expect(agentRole).toEqual({
      idProgramGroup: ids.roleGroups.Agent, idProgram: ids.tenants.DEM, programGroupNm: "Agent", programGroupDesc: "Standard agents",
      deleted: false, systemManaged: true, idGroupType: 1, groupTypeCode: "ROLE", totalAssignedUsers: 4, totalAssignedFeatures: 0,
    });
    expect(roles.body.siteInfoList).toHaveLength(5);

    const departments = await call(dem, "departments/getAllDepartments", {});
    expect(departments.body.codeMessage).toBe("GET_ALL_DEPARTMENTS_SUCCESS");
    expect(departments.body.basicRefInfo[0]).toEqual({ code: "SALES", id: ids.departments.Sales, name: "Sales", description: "Sales department", allowedToEdit: true });
    const units = await call(dem, "users/getAllBillingUnits", {});
    expect(units.body.codeMessage).toBe("GET_ALL_BILL_UNITS_SUCCESS");
    expect(units.body.basicRefInfo.map((u: any) => u.id)).toEqual([ids.billingUnits.BU_Sales, ids.billingUnits.BU_Support]);
    const platforms = await call(dem, "users/getAllPlatforms", {});
    expect(platforms.body.codeMessage).toBe("GET_ALL_PLATFORMS_SUCCESS");
    expect(platforms.body.basicRefInfo.map((p: any) => [p.id, p.name])).toEqual([[ids.peripherals.CUCM_PG_1, "CUCM_PG_1"], [ids.peripherals.MR_PG_1, "MR_PG_1"]]);
  });

  test("desk settings, APM profiles and access collections", async () => {
    const dem = await loginAs(admin);
    const desks = await call(dem, "users/getAllAgentDeskSettings", {});
    expect(desks.body.codeMessage).toBe("GET_AGENT_DESK_SETTINGS_SUCCESS");
    expect(desks.body.basicAgentDeskSettingsInfoList).toEqual([
      { agentDeskSettingsId: ids.deskSettings.Default_Desk, enterpriseName: "Default_Desk" },
      { agentDeskSettingsId: ids.deskSettings.Sales_Desk, enterpriseName: "Sales_Desk" },
    ]);
    const profiles = await call(dem, "users/getAllApmProfiles", {});
    expect(profiles.body.codeMessage).toBe("GET_ALL_APM_PROFILES_SUCCESS");
    expect(profiles.body.basicProfileInfoList.map((p: any) => [p.idProfile, p.profileNm, p.totalAssignedUsers]))
      .toEqual([[ids.apmProfiles.Default_Profile, "Default_Profile", 2], [ids.apmProfiles.Sales_Profile, "Sales_Profile", 4]]);

    const collections = await call(dem, "access/getManageableAccessCollectionsForCloneUserObjectsByCriteria", { pageSize: "0", pageNumber: 1, idProgramUserToClone: ids.users.tmplSupervisor });
    expect(collections.body.codeMessage).toBe("GET_MANAGEABLE_ACCESS_COLLECTIONS_SUCCESS");
    expect(collections.body.accessibleUserCollectionSelectedList.map((c: any) => c.programCollectionNm)).toEqual(["UC_Sales"]);
    expect(collections.body.accessibleUserCollectionNotSelectedList.map((c: any) => c.programCollectionNm)).toEqual(["UC_All"]);
    expect(collections.body.accessibleAgentCollectionSelectedList.map((c: any) => c.programCollectionNm)).toEqual(["AC_Support"]);
    expect(collections.body.accessibleAgentCollectionNotSelectedList[0]).toMatchObject({
      idProgramCollection: ids.agentCollections.AC_Sales, idCollectionType: 2, collectionTypeNm: "Agent Collection", totalAssignedObjects: 3,
    });
    expect(codeOf(await call(dem, "access/getManageableAccessCollectionsForCloneUserObjectsByCriteria", {}))).toBe("GET_MANAGEABLE_ACCESS_COLLECTIONS_FAILED");
    expect(codeOf(await call(dem, "users/getAccessSummaryByUser", { idProgramUser: 1 }))).toBe("GET_ACCESS_SUMMARY_BY_USER_FAILED_PROGRAM_USER_NOT_FOUND");
  });

  test("each tenant sees its own lookups", async () => {
    const lab = await loginAs(labAdmin);
    expect((await call(lab, "sites/getAllSites", {})).body.siteInfoList.map((s: any) => s.idProgramSite)).toEqual([ids.sites.Lab_Site]);
    expect((await call(lab, "roles/getAllRoles", {})).body.siteInfoList.map((g: any) => g.idProgramGroup)).toEqual([ids.roleGroups.Lab_Administrator, ids.roleGroups.Lab_Agent]);
    expect((await call(lab, "users/getAllPlatforms", {})).body.basicRefInfo.map((p: any) => p.id)).toEqual([ids.peripherals.CUCM_PG_LAB]);
    expect((await call(lab, "users/getAllAgentDeskSettings", {})).body.basicAgentDeskSettingsInfoList.map((d: any) => d.agentDeskSettingsId)).toEqual([ids.deskSettings.Lab_Desk]);
  });

  test("lookups page like every list call", async () => {
    const dem = await loginAs(admin);
    const page = await call(dem, "roles/getAllRoles", { pageSize: 2, pageNumber: 2, direction: "DESC" });
    expect(page.body.siteInfoList.map((g: any) => g.idProgramGroup)).toEqual([ids.roleGroups.Supervisor, ids.roleGroups.Agent]);
    expect(page.body.pagingInfo).toEqual({ totalPages: 3, totalElements: 5 });
    expect(codeOf(await call(dem, "sites/getAllSites", { pageNumber: 0 }))).toBe("GET_ALL_SITES_FAILED");
  });
});
