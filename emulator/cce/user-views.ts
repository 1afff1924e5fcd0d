/**
 * How the user service shows a directory user: UserAgentInfo (the full row), its
 * BasicUserAgentInfo and BasicUserAgentInfoMobile subsets, and BasicUserInfo (what
 * updateUser takes back). Fields the emulator does not model are null.
 */
import type { CceData, DirectoryUser, UserTypeCode } from "./tenant";

const USER_TYPES: Record<UserTypeCode, { idUserType: number; userTypeNm: string }> = {
  A: { idUserType: 1, userTypeNm: "Agent" },
  S: { idUserType: 2, userTypeNm: "Supervisor" },
  NC: { idUserType: 3, userTypeNm: "Non Contact Center User" },
};

/** `idContactCenterUserStatus` of an active and of a deactivated portal account. */
const STATUS_ACTIVE = 1;
const STATUS_INACTIVE = 2;

const contactCenterUserStatus = (user: DirectoryUser) => (user.enabledInPortal ? STATUS_ACTIVE : STATUS_INACTIVE);

export const isAgentType = (type: UserTypeCode) => type === "A" || type === "S";

/** The directory users of one tenant. */
export function tenantUsers(data: CceData, idProgram: number): DirectoryUser[] {
  return data.directory.filter((user) => user.idProgram === idProgram);
}

/** The skill groups an agent is in that still exist (a group deleted in ICM drops out). */
export function memberSkillGroups(data: CceData, user: DirectoryUser) {
  return data.skillGroups.filter((group) => user.skillTargetIds.includes(group.skillTargetId));
}

/** The user's agent team, if any. */
export const teamOf = (data: CceData, user: DirectoryUser) => data.teams.find((t) => t.id === user.agentTeamId);

export function userAgentInfo(data: CceData, user: DirectoryUser) {
  const team = teamOf(data, user);
  const platform = data.peripherals.find((p) => p.peripheralId === user.platformId);
  return {
    idProgram: user.idProgram,
    agentTeamDesc: team?.description ?? null,
    ...USER_TYPES[user.userTypeCode],
    agentDescription: user.agentDescription,
    userTypeCode: user.userTypeCode,
    platform: platform?.name ?? null,
    supervisorAgent: user.userTypeCode === "S" ? "Yes" : "No",
    personId: null,
    agentTeam: team?.name ?? null,
    agentEnterpriseName: user.agentEnterpriseName,
    agentTeamNm: team?.name ?? null,
    idContactCenterUserStatus: contactCenterUserStatus(user),
    teamPrimary: false,
    intUIAgentID: user.agentId === null ? null : Number(user.agentId),
    priSupervisorSkillTargetID: null,
    primaryFlag: false,
    idSourceSystem: 1,
    ...basicUserAgentInfo(data, user),
  };
}

export function basicUserAgentInfo(data: CceData, user: DirectoryUser) {
  return {
    idProgramBillUnit: user.idProgramBillUnit,
    firstNm: user.firstNm,
    idProgramGroup: user.idProgramGroup,
    cmClusterId: null,
    idProgramUser: user.idProgramUser,
    primaryIdPhone: null,
    unityPhoneLine: null,
    phone: user.phone,
    idUser: user.idUser,
    email: user.email,
    sourceIdProgramUser: user.sourceIdProgramUser ?? null,
    loginNm: user.loginNm,
    lastNm: user.lastNm,
    totalAssignedSkills: memberSkillGroups(data, user).length,
    platformId: user.platformId,
    idUcmEndUser: null,
    ssoEnabledUser: user.ssoEnabledUser,
    allowedToEdit: true,
    agentDeskSettingsID: user.agentDeskSettingsID,
    idProfile: user.idProfile,
    idProgramUnityUser: null,
    manager: user.manager,
    internalUser: false,
    contactCenterUserStatusNm: user.enabledInPortal ? "Active" : "Inactive",
    icmStatus: isAgentType(user.userTypeCode) && user.enabledInIcm,
    uiAgentID: user.agentId,
    agentTeamId: user.agentTeamId,
    idProgramSite: user.idProgramSite,
    /** 2: a tenant-level user (partner-level accounts are 1). */
    userTypeLevel: 2,
    lastStatusChangedDateTime: null,
    peripheralNumber: user.agentId,
    status: user.enabledInPortal,
    // Typed number here, unlike BasicUserInfo's string: the agent's skill target id (see the wire decisions).
    agentId: isAgentType(user.userTypeCode) ? user.agentSkillTargetId : null,
    idProgramDepartment: user.idProgramDepartment,
    createDateStr: user.createDateStr,
    allowedToManageObjectsInCollection: true,
    allowedToEditCollection: true,
    accessTypeNm: "Manage",
    allowedToAssignUsersOrGroupsToCollection: true,
    accessTypeCode: "M",
  };
}

export function basicUserAgentInfoMobile(data: CceData, user: DirectoryUser) {
  const basic = basicUserAgentInfo(data, user);
  const { idUcmEndUser, loginNm, uiAgentID, contactCenterUserStatusNm, idProgramUser, internalUser, platformId } = basic;
  const { lastStatusChangedDateTime, lastNm, sourceIdProgramUser, ssoEnabledUser, cmClusterId, status, allowedToEdit, firstNm } = basic;
  return {
    idUcmEndUser, loginNm, uiAgentID, contactCenterUserStatusNm, idProgramUser, internalUser, platformId,
    lastStatusChangedDateTime, lastNm, sourceIdProgramUser, ssoEnabledUser, cmClusterId, status, allowedToEdit, firstNm,
    agentTeamNm: teamOf(data, user)?.name ?? null,
    idContactCenterUserStatus: contactCenterUserStatus(user),
  };
}

/** BasicUserInfo: what getUserByIdProgram's row carries back into updateUser. */
export function basicUserInfo(user: DirectoryUser) {
  return {
    agentDeskSettingsID: user.agentDeskSettingsID,
    phone: user.phone,
    idProgramDepartment: user.idProgramDepartment,
    agentDescription: user.agentDescription,
    ssoEnabledUser: user.ssoEnabledUser,
    platformId: user.platformId,
    supervisorAgent: user.userTypeCode === "S" ? "Yes" : "No",
    agentEnterpriseName: user.agentEnterpriseName,
    idProgramSite: user.idProgramSite,
    agentTeamId: user.agentTeamId,
    idProgramBillUnit: user.idProgramBillUnit,
    idUser: user.idUser,
    loginNm: user.loginNm,
    firstNm: user.firstNm,
    idProgramUser: user.idProgramUser,
    userTypeCode: user.userTypeCode,
    manager: user.manager,
    idProgramGroup: user.idProgramGroup,
    lastNm: user.lastNm,
    status: user.enabledInPortal,
    idContactCenterUserStatus: contactCenterUserStatus(user),
    idProfile: user.idProfile,
    createDateStr: user.createDateStr,
    email: user.email,
    agentId: user.agentId,
    agentSkillTargetId: user.agentSkillTargetId,
  };
}
