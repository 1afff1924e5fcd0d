/**
 * The CCE user service (seed 001, chapter 3): cloneUser, updateUser, getUserByIdProgram,
 * getUsers, deleteUser, the three status calls, resetPassword and getAccessSummaryByUser,
 * over the directory users of the caller's tenant only. The rules the document leaves open
 * are those of docs/cce-wire-decisions.md.
 */
import type { VendorReply } from "../vendor";
import type { CceResultCode } from "./constants";
import type { CceData, DirectoryUser, Tenant, UserTypeCode } from "./tenant";
import { basicUserAgentInfo, basicUserAgentInfoMobile, basicUserInfo, isAgentType, teamOf, tenantUsers, userAgentInfo } from "./user-views";
import { JsonObject, answeringWrongTypes, failure, field, pageBy, readPaging, success } from "./wire";

const USER_TYPE_CODES: readonly UserTypeCode[] = ["A", "S", "NC"];
/** `<local>@<tenant code>`; the local part starts with a letter or digit, at most 64 characters. */
const LOGIN_LOCAL_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const PHONE_DIGITS = /^\d*$/;
const PHONE_MIN = 5;
const PHONE_MAX = 15;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;
const AGENT_ID = /^\d{1,11}$/;
const ENTERPRISE_NAME = /^[A-Za-z0-9][A-Za-z0-9._]{0,31}$/;

// ---------------------------------------------------------------------------------------
// cloneUser

/** `POST protected/users/cloneUser` (CloneUserRequest): the only way to create a user. */
export const cloneUser = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const request = readCloneRequest(body);
  const tenant = tenantOf(data, idProgram);
  const users = tenantUsers(data, idProgram);

  // The template first: every default of the new user comes from it.
  let template: DirectoryUser | undefined;
  if (request.srcIdUser !== undefined) {
    template = users.find((u) => u.idUser === request.srcIdUser);
    if (!template) return failure("CLONE_USER_FAILED_INVALID_ID_USER", `no user with idUser ${request.srcIdUser} in this tenant`);
  } else {
    if (!request.srcUserName) return failure("CLONE_USER_FAILED_INVALID_SOURCE_USER_NAME", "srcIdUser or srcUserName is required");
    template = findByLogin(users, request.srcUserName);
    if (!template) return failure("CLONE_USER_FAILED_INVALID_SOURCE_USER_NAME", `no user '${request.srcUserName}' in this tenant`);
  }
  const type = request.typeCode ?? template.userTypeCode;
  if (!isUserType(type)) return failure("CLONE_USER_FAILED_USER_TYPE_NOT_FOUND", `cloneUserTypeCode must be A, S or NC, got '${type}'`);
  if (isAgentType(type) !== isAgentType(template.userTypeCode)) {
    return failure(
      "CLONE_USER_FAILED_USER_TYPE_NOT_FOUND",
      `template ${template.loginNm} is of type ${template.userTypeCode}: a ${type} user cannot be cloned from it (agents need the template's platform)`,
    );
  }

  // Then each field's format, in the order of the document's constants.
  const loginProblem = loginNameProblem(request.loginNm, tenant);
  if (loginProblem) return failure("CLONE_USER_FAILED_INVALID_CLONED_USER_LOGIN_NM", loginProblem);
  const firstBad = nameProblem("cloneUserFirstNm", request.firstNm);
  const lastBad = nameProblem("cloneUserLastNm", request.lastNm);
  if (firstBad && lastBad) return failure("CLONE_USER_FAILED_INVALID_CLONED_USER_FIRST_NM_LAST_NM", `${firstBad}; ${lastBad}`);
  if (firstBad) return failure("CLONE_USER_FAILED_INVALID_CLONED_USER_FIRST_NM", firstBad);
  if (lastBad) return failure("CLONE_USER_FAILED_INVALID_CLONED_USER_LAST_NM", lastBad);
  const phone = request.phone ?? "";
  if (!PHONE_DIGITS.test(phone)) return failure("CLONE_USER_FAILED_ONLY_NUMBERS_ALLOWED_PHONE_NUM", `cloneUserPhoneNumber must be digits only, got '${phone}'`);
  if (phone.length < PHONE_MIN || phone.length > PHONE_MAX) {
    return failure("CLONE_USER_FAILED_INVALID_CLONED_USER_PHONE_NUM", `cloneUserPhoneNumber must be ${PHONE_MIN} to ${PHONE_MAX} digits, got '${phone}'`);
  }
  const email = request.email || null;
  if (email !== null && !EMAIL.test(email)) return failure("CLONE_USER_FAILED_INVALID_CLONE_USER_EMAIL", `'${email}' is not an e-mail address`);
  const firstNm = request.firstNm as string;
  const lastNm = request.lastNm as string;
  let enterpriseName: string | null = null;
  if (isAgentType(type)) {
    if (!request.agentId) return failure("CLONE_USER_FAILED_AGENT_ID_NOT_PROVIDED", "cloneUserAgentId is required for an agent or supervisor");
    // The document has no "invalid agent id" constant for clone: a malformed one is "not provided".
    if (!AGENT_ID.test(request.agentId)) return failure("CLONE_USER_FAILED_AGENT_ID_NOT_PROVIDED", `cloneUserAgentId must be 1 to 11 digits, got '${request.agentId}'`);
    enterpriseName = request.enterpriseName || `${firstNm}_${lastNm}`;
    if (!ENTERPRISE_NAME.test(enterpriseName)) {
      return failure("CLONE_USER_FAILED_INVALID_CLONED_AGENT_ENTERPRISE_NM", enterpriseNameProblem(enterpriseName, request.enterpriseName === undefined));
    }
  } else if (request.agentId) {
    return failure("CLONE_USER_FAILED", `a non-contact-center user has no agent id: cloneUserAgentId must be null, got '${request.agentId}'`);
  }

  // Then the references: each must exist in the tenant.
  const refs = resolveCloneReferences(data, idProgram, request, template, type);
  if (typeof refs === "string") return failure("CLONE_USER_FAILED", refs);

  // Last, uniqueness.
  if (loginTaken(data, request.loginNm as string)) {
    return failure("CLONE_USER_FAILED_USER_LOGIN_NM_ALREADY_EXISTS", `the login name '${request.loginNm}' is already used in the portal`);
  }
  const namesake = users.find((u) => sameName(u, firstNm, lastNm));
  if (namesake) return failure("CLONE_USER_FAILED_USER_FIRST_AND_LAST_ALREADY_EXISTS", `${namesake.loginNm} is already named ${firstNm} ${lastNm}`);
  if (isAgentType(type) && !request.reuseAgentId) {
    const holder = agentIdHolder(users, template.platformId, request.agentId as string);
    if (holder) {
      return failure("CLONE_USER_FAILED_AGENT_ID_ALREADY_IN_USE", `agent id ${request.agentId} is used by ${holder.loginNm} on platform ${template.platformId}`);
    }
  }

  const agent = isAgentType(type);
  const created: DirectoryUser = {
    idProgram,
    idProgramUser: data.nextIdProgramUser++,
    idUser: data.nextIdUser++,
    loginNm: request.loginNm as string,
    password: request.password || undefined,
    firstNm,
    lastNm,
    email,
    phone,
    userTypeCode: type,
    platformId: template.platformId,
    agentId: agent ? (request.agentId as string) : null,
    agentSkillTargetId: agent ? data.nextAgentSkillTargetId++ : null,
    agentEnterpriseName: enterpriseName,
    agentDescription: agent ? (request.description ?? template.agentDescription) : null,
    ...refs,
    manager: template.manager,
    ssoEnabledUser: request.ssoEnabledUser ?? template.ssoEnabledUser,
    enabledInPortal: true,
    enabledInIcm: agent,
    createDateStr: new Date().toISOString().slice(0, 10),
    sourceIdProgramUser: template.idProgramUser,
    skillTargetIds: agent ? [...template.skillTargetIds] : [],
    attributes: agent ? { ...template.attributes } : {},
  };
  data.directory.push(created);
  return success("CLONE_USER_SUCCESS", { basicUserAgentInfo: basicUserAgentInfo(data, created) });
});

interface CloneRequest {
  srcIdUser?: number;
  srcUserName?: string;
  typeCode?: string;
  loginNm?: string;
  firstNm?: string;
  lastNm?: string;
  phone?: string;
  email?: string;
  password?: string;
  agentId?: string;
  enterpriseName?: string;
  description?: string;
  siteId?: number;
  siteNm?: string;
  departmentId?: number;
  departmentNm?: string;
  billUnitId?: number;
  billUnitNm?: string;
  roleGroupId?: number;
  profileId?: number;
  teamId?: number;
  deskSettingsId?: number;
  userCollectionIds?: number[];
  agentCollectionIds?: number[];
  ssoEnabledUser?: boolean;
  reuseAgentId?: boolean;
}

function readCloneRequest(body: JsonObject): CloneRequest {
  const s = (name: string) => field.string(body, name);
  const n = (name: string) => field.int(body, name);
  return {
    srcIdUser: n("srcIdUser"),
    srcUserName: s("srcUserName"),
    typeCode: s("cloneUserTypeCode") || undefined,
    loginNm: s("cloneUserLoginNm"),
    firstNm: s("cloneUserFirstNm"),
    lastNm: s("cloneUserLastNm"),
    phone: s("cloneUserPhoneNumber"),
    email: s("cloneUserEmail"),
    password: s("cloneUserPassword"),
    agentId: s("cloneUserAgentId"),
    enterpriseName: s("cloneAgentEnterpriseName") || undefined,
    description: s("cloneAgentDescription"),
    siteId: n("cloneUserIdProgramSite"),
    siteNm: s("cloneUserProgramSiteNm") || undefined,
    departmentId: n("cloneUserIdProgramDepartment"),
    departmentNm: s("cloneUserProgramDepartmentNm") || undefined,
    billUnitId: n("cloneUserIdProgramBillUnit"),
    billUnitNm: s("cloneUserProgramBillUnitNm") || undefined,
    roleGroupId: n("cloneUserIdProgramGroup"),
    profileId: n("cloneUserIdProfile"),
    teamId: n("cloneUserAgentTeamID"),
    deskSettingsId: n("cloneUserIdAgentDeskSettings"),
    userCollectionIds: field.intArray(body, "selectedUserCollectionIds"),
    agentCollectionIds: field.intArray(body, "selectedAgentCollectionIds"),
    ssoEnabledUser: field.boolean(body, "ssoEnabledUser"),
    reuseAgentId: field.boolean(body, "reUseAgentId") ?? field.boolean(body, "reuseAgentId"),
  };
}

type References = Pick<
  DirectoryUser,
  | "idProgramSite" | "idProgramDepartment" | "idProgramBillUnit" | "idProgramGroup" | "idProfile"
  | "agentTeamId" | "agentDeskSettingsID" | "userCollectionIds" | "agentCollectionIds"
>;

/** The new user's references: the request's overrides (id, else name), else the template's; or what is wrong. */
function resolveCloneReferences(data: CceData, idProgram: number, request: CloneRequest, template: DirectoryUser, type: UserTypeCode): References | string {
  const inTenant = <T extends { idProgram: number }>(rows: T[]) => rows.filter((row) => row.idProgram === idProgram);
  const pick = <T extends { id: number; name: string; idProgram: number }>(
    rows: T[], what: string, idField: string, id: number | undefined, nameField: string, name: string | undefined, fallback: number | null,
  ): number | null | string => {
    const own = inTenant(rows);
    if (id !== undefined) return own.some((row) => row.id === id) ? id : `${idField} ${id} is not a ${what} of this tenant`;
    if (name !== undefined) return own.find((row) => row.name.toLowerCase() === name.toLowerCase())?.id ?? `${nameField} '${name}' is not a ${what} of this tenant`;
    return fallback;
  };
  const site = pick(data.sites, "site", "cloneUserIdProgramSite", request.siteId, "cloneUserProgramSiteNm", request.siteNm, template.idProgramSite);
  if (typeof site === "string") return site;
  const department = pick(data.departments, "department", "cloneUserIdProgramDepartment", request.departmentId, "cloneUserProgramDepartmentNm", request.departmentNm, template.idProgramDepartment);
  if (typeof department === "string") return department;
  const billUnit = pick(data.billingUnits, "billing unit", "cloneUserIdProgramBillUnit", request.billUnitId, "cloneUserProgramBillUnitNm", request.billUnitNm, template.idProgramBillUnit);
  if (typeof billUnit === "string") return billUnit;
  const profile = pick(data.apmProfiles, "profile", "cloneUserIdProfile", request.profileId, "", undefined, template.idProfile);
  if (typeof profile === "string") return profile;

  // -1: the standard role group of the new user's type, in place of a user-defined one.
  let roleGroup: number | string;
  if (request.roleGroupId === -1) {
    roleGroup = inTenant(data.roleGroups).find((g) => g.standardFor === type)?.id ?? `this tenant has no standard role group for type ${type}`;
  } else {
    roleGroup = pick(data.roleGroups, "role group", "cloneUserIdProgramGroup", request.roleGroupId, "", undefined, template.idProgramGroup) as number | string;
  }
  if (typeof roleGroup === "string") return roleGroup;

  const userCollections = collectionIds(data, idProgram, "USER", "selectedUserCollectionIds", request.userCollectionIds, template.userCollectionIds);
  if (typeof userCollections === "string") return userCollections;

  if (!isAgentType(type)) {
    const agentOnly = [
      ["cloneUserAgentTeamID", request.teamId], ["cloneUserIdAgentDeskSettings", request.deskSettingsId],
    ].find(([, value]) => value !== undefined);
    if (agentOnly) return `${agentOnly[0]} applies to agents and supervisors only`;
    if (request.agentCollectionIds?.length) return "selectedAgentCollectionIds applies to agents and supervisors only";
    return {
      idProgramSite: site as number, idProgramDepartment: department, idProgramBillUnit: billUnit, idProgramGroup: roleGroup,
      idProfile: profile, agentTeamId: null, agentDeskSettingsID: null, userCollectionIds: userCollections, agentCollectionIds: [],
    };
  }
  // Teams live on a peripheral: the new agent's is the template's.
  const teams = data.teams.filter((t) => t.peripheralId === template.platformId);
  const team = pick(teams, `team on platform ${template.platformId}`, "cloneUserAgentTeamID", request.teamId, "", undefined, template.agentTeamId);
  if (typeof team === "string") return team;
  const desk = pick(data.deskSettings, "agent desk settings", "cloneUserIdAgentDeskSettings", request.deskSettingsId, "", undefined, template.agentDeskSettingsID);
  if (typeof desk === "string") return desk;
  const agentCollections = collectionIds(data, idProgram, "AGENT", "selectedAgentCollectionIds", request.agentCollectionIds, template.agentCollectionIds);
  if (typeof agentCollections === "string") return agentCollections;
  return {
    idProgramSite: site as number, idProgramDepartment: department, idProgramBillUnit: billUnit, idProgramGroup: roleGroup,
    idProfile: profile, agentTeamId: team, agentDeskSettingsID: desk, userCollectionIds: userCollections, agentCollectionIds: agentCollections,
  };
}

/** null = the template's collections, an array = exactly those (each a collection of that kind in the tenant). */
function collectionIds(data: CceData, idProgram: number, kind: "USER" | "AGENT", name: string, wanted: number[] | undefined, fallback: number[]): number[] | string {
  if (wanted === undefined) return [...fallback];
  const unknown = wanted.find((id) => !data.collections.some((c) => c.id === id && c.idProgram === idProgram && c.kind === kind));
  if (unknown !== undefined) return `${name}: ${unknown} is not a ${kind.toLowerCase()} collection of this tenant`;
  return [...new Set(wanted)];
}

// ---------------------------------------------------------------------------------------
// updateUser

/** `POST protected/users/updateUser` (UpdateUserInfoRequest): replaces the user's BasicUserInfo. */
export const updateUser = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const info = field.object(body, "basicUserInfo");
  if (!info) return failure("UPDATE_USER_FAILED", "basicUserInfo is required");
  const request = readBasicUserInfo(info);
  const reuseAgentId = field.boolean(body, "reuseAgentId") ?? field.boolean(body, "reUseAgentId") ?? false;
  const tenant = tenantOf(data, idProgram);
  const users = tenantUsers(data, idProgram);

  if (request.idProgramUser === undefined) return failure("UPDATE_USER_FAILED_ID_PROGRAM_USER_NOT_FOUND", "basicUserInfo.idProgramUser is required");
  const user = users.find((u) => u.idProgramUser === request.idProgramUser);
  if (!user) return failure("UPDATE_USER_FAILED_ID_PROGRAM_USER_NOT_FOUND", `no user ${request.idProgramUser} in this tenant`);
  const loginProblem = loginNameProblem(request.loginNm, tenant);
  if (loginProblem) return failure("UPDATE_USER_FAILED_INVALID_LOGIN_NM", loginProblem);
  if (request.loginNm?.toLowerCase() !== user.loginNm.toLowerCase()) {
    return failure("UPDATE_USER_FAILED_INVALID_LOGIN_NM", `login names never change: user ${user.idProgramUser} is '${user.loginNm}', the request says '${request.loginNm}'`);
  }
  if (!request.firstNm) return failure("UPDATE_USER_FAILED_FIRST_NM_REQUIRED");
  if (!request.lastNm) return failure("UPDATE_USER_FAILED_LAST_NM_REQUIRED");
  if (/\s/.test(request.firstNm)) return failure("UPDATE_USER_FAILED_INVALID_FIRST_NM", `firstNm may not contain spaces, got '${request.firstNm}'`);
  if (/\s/.test(request.lastNm)) return failure("UPDATE_USER_FAILED_INVALID_LAST_NM", `lastNm may not contain spaces, got '${request.lastNm}'`);
  const phone = request.phone || null;
  if (phone !== null && !PHONE_DIGITS.test(phone)) return failure("UPDATE_USER_FAILED_PHONE_ONLY_NUMBERS_ALLOWED", `phone must be digits only, got '${phone}'`);
  if (phone !== null && (phone.length < PHONE_MIN || phone.length > PHONE_MAX)) {
    return failure("UPDATE_USER_FAILED_PHONE_LENGTH_ERROR", `phone must be ${PHONE_MIN} to ${PHONE_MAX} digits, got '${phone}' (${phone.length})`);
  }
  const email = request.email || null;
  // updateUser has no e-mail constant: its "unexpected error" with the reason.
  if (email !== null && !EMAIL.test(email)) return failure("UPDATE_USER_FAILED", `email: '${email}' is not an e-mail address`);

  const type = request.userTypeCode;
  if (!isUserType(type)) return failure("UPDATE_USER_FAILED_REQUESTED_USER_TYPE_NOT_FOUND", `userTypeCode must be A, S or NC, got '${type ?? ""}'`);
  const agent = isAgentType(type);
  if (agent) {
    if (request.platformId === undefined) return failure("UPDATE_USER_FAILED_PLATFORM_ID_NOT_PROVIDED");
    if (request.platformId !== user.platformId) {
      return failure(
        "UPDATE_USER_FAILED_PLATFORM_CANNOT_BE_CHANGED",
        user.platformId === null
          ? `${user.loginNm} is a non-contact-center user: it cannot become an agent on platform ${request.platformId}; replace the user instead`
          : `${user.loginNm} is on platform ${user.platformId}, the request says ${request.platformId}`,
      );
    }
    if (!request.agentId || !AGENT_ID.test(request.agentId)) return failure("UPDATE_USER_FAILED_INVALID_AGENT_ID", `agentId must be 1 to 11 digits, got '${request.agentId ?? ""}'`);
    if (!request.agentEnterpriseName || !ENTERPRISE_NAME.test(request.agentEnterpriseName)) {
      return failure("UPDATE_USER_FAILED_INVALID_ENTERPRISE_NM", enterpriseNameProblem(request.agentEnterpriseName ?? "", false));
    }
  } else {
    if (request.platformId !== undefined) return failure("UPDATE_USER_FAILED_PLATFORM_SHOULD_BE_NULL", `got platformId ${request.platformId}`);
    if (user.platformId !== null) {
      return failure("UPDATE_USER_FAILED_PLATFORM_CANNOT_BE_CHANGED", `${user.loginNm} is an agent on platform ${user.platformId}: it cannot become a non-contact-center user; replace the user instead`);
    }
    if (request.agentId) return failure("UPDATE_USER_FAILED_INVALID_AGENT_ID", `a non-contact-center user has no agent id, got '${request.agentId}'`);
  }

  const refs = resolveUpdateReferences(data, idProgram, request, user, agent);
  if (typeof refs === "string") return failure("UPDATE_USER_FAILED", refs);

  const namesake = users.find((u) => u !== user && sameName(u, request.firstNm as string, request.lastNm as string));
  if (namesake) return failure("UPDATE_USER_FAILED_USER_FIRST_AND_LAST_ALREADY_EXISTS", `${namesake.loginNm} is already named ${request.firstNm} ${request.lastNm}`);
  if (agent && !reuseAgentId) {
    const holder = agentIdHolder(users.filter((u) => u !== user), user.platformId, request.agentId as string);
    if (holder) return failure("UPDATE_USER_FAILED_AGENT_ID_ALREADY_IN_USE", `agent id ${request.agentId} is used by ${holder.loginNm} on platform ${user.platformId}`);
  }

  Object.assign(user, refs, {
    firstNm: request.firstNm,
    lastNm: request.lastNm,
    phone,
    email,
    userTypeCode: type,
    agentId: agent ? request.agentId : null,
    agentEnterpriseName: agent ? request.agentEnterpriseName : null,
    agentDescription: agent ? (request.agentDescription ?? null) : null,
    manager: request.manager ?? false,
    ssoEnabledUser: request.ssoEnabledUser ?? false,
  });
  return success("UPDATE_USER_SUCCESS", { basicUserInfo: basicUserInfo(user) });
});

interface BasicUserInfoRequest {
  idProgramUser?: number;
  loginNm?: string;
  firstNm?: string;
  lastNm?: string;
  phone?: string;
  email?: string;
  userTypeCode?: string;
  platformId?: number;
  agentId?: string;
  agentEnterpriseName?: string;
  agentDescription?: string;
  idProgramSite?: number;
  idProgramDepartment?: number;
  idProgramBillUnit?: number;
  idProgramGroup?: number;
  idProfile?: number;
  agentTeamId?: number;
  agentDeskSettingsID?: number;
  manager?: boolean;
  ssoEnabledUser?: boolean;
}

/** The fields updateUser uses; status, idContactCenterUserStatus, createDateStr, idUser and agentSkillTargetId are ignored. */
function readBasicUserInfo(info: JsonObject): BasicUserInfoRequest {
  const s = (name: string) => field.string(info, name);
  const n = (name: string) => field.int(info, name);
  // Read for their types only: the real server would fail to deserialise them too.
  for (const ignored of ["idUser", "agentSkillTargetId", "idContactCenterUserStatus"]) n(ignored);
  field.boolean(info, "status");
  s("supervisorAgent");
  return {
    idProgramUser: n("idProgramUser"),
    loginNm: s("loginNm"),
    firstNm: s("firstNm"),
    lastNm: s("lastNm"),
    phone: s("phone"),
    email: s("email"),
    userTypeCode: s("userTypeCode"),
    platformId: n("platformId"),
    agentId: s("agentId"),
    agentEnterpriseName: s("agentEnterpriseName"),
    agentDescription: s("agentDescription"),
    idProgramSite: n("idProgramSite"),
    idProgramDepartment: n("idProgramDepartment"),
    idProgramBillUnit: n("idProgramBillUnit"),
    idProgramGroup: n("idProgramGroup"),
    idProfile: n("idProfile"),
    agentTeamId: n("agentTeamId"),
    agentDeskSettingsID: n("agentDeskSettingsID"),
    manager: field.boolean(info, "manager"),
    ssoEnabledUser: field.boolean(info, "ssoEnabledUser"),
  };
}

/** The update's references, each checked against the tenant; the whole BasicUserInfo is replaced, so null clears. */
function resolveUpdateReferences(data: CceData, idProgram: number, request: BasicUserInfoRequest, user: DirectoryUser, agent: boolean) {
  if (!request.idProgramSite) return "idProgramSite is required (null or 0 is refused)";
  const checks: [string, number | undefined, { id: number; idProgram: number }[]][] = [
    ["idProgramSite", request.idProgramSite, data.sites],
    ["idProgramDepartment", request.idProgramDepartment, data.departments],
    ["idProgramBillUnit", request.idProgramBillUnit, data.billingUnits],
    ["idProgramGroup", request.idProgramGroup, data.roleGroups],
    ["idProfile", request.idProfile, data.apmProfiles],
    ["agentTeamId", request.agentTeamId, data.teams.filter((t) => t.peripheralId === user.platformId)],
    ["agentDeskSettingsID", request.agentDeskSettingsID, data.deskSettings],
  ];
  for (const [name, id, rows] of checks) {
    if (id !== undefined && !rows.some((row) => row.id === id && row.idProgram === idProgram)) return `${name} ${id} does not exist in this tenant${name === "agentTeamId" ? ` on platform ${user.platformId}` : ""}`;
  }
  if (request.idProgramGroup === undefined) return "idProgramGroup is required";
  if (!agent && (request.agentTeamId !== undefined || request.agentDeskSettingsID !== undefined)) {
    return "agentTeamId and agentDeskSettingsID apply to agents and supervisors only";
  }
  return {
    idProgramSite: request.idProgramSite,
    idProgramDepartment: request.idProgramDepartment ?? null,
    idProgramBillUnit: request.idProgramBillUnit ?? null,
    idProgramGroup: request.idProgramGroup,
    idProfile: request.idProfile ?? null,
    agentTeamId: request.agentTeamId ?? null,
    agentDeskSettingsID: request.agentDeskSettingsID ?? null,
  };
}

// ---------------------------------------------------------------------------------------
// Reading users

/** `POST protected/users/getUserByIdProgram` (SearchByIdRequest): an unknown id answers an empty list. */
export const getUserByIdProgram = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const searchId = field.int(body, "searchId");
  // The document lists BAD_REQUEST among this call's result constants: a body answer, not a 404.
  if (searchId === undefined) return failure("BAD_REQUEST", "searchId is required");
  const found = tenantUsers(data, idProgram).filter((u) => u.idProgramUser === searchId);
  return success("GET_USERS_SUCCESS", {
    userAgentInfoList: found.map((u) => userAgentInfo(data, u)),
    pagingInfo: { totalPages: 1, totalElements: found.length },
  });
});

/** getUsers' searchColumn values (case-insensitive) and what each searches. */
const SEARCH_COLUMNS: Record<string, (data: CceData, user: DirectoryUser) => (string | null)[]> = {
  loginnm: (_, u) => [u.loginNm],
  firstnm: (_, u) => [u.firstNm],
  lastnm: (_, u) => [u.lastNm],
  agentid: (_, u) => [u.agentId],
  platform: (data, u) => [u.platformId === null ? null : String(u.platformId), data.peripherals.find((p) => p.peripheralId === u.platformId)?.name ?? null],
  agentteamnm: (data, u) => [teamOf(data, u)?.name ?? null],
  phone: (_, u) => [u.phone],
};

/** `POST protected/users/getUsers` (GetUsersRequest). */
export const getUsers = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const platformId = field.int(body, "platformId");
  const types = field.stringArray(body, "filterByUserType");
  const searching = field.boolean(body, "searching") ?? false;
  const searchTerm = field.string(body, "searchTerm") ?? "";
  const searchColumn = (field.string(body, "searchColumn") || "All").toLowerCase();
  const mobileOnly = field.boolean(body, "getMobileUserInfoOnly") ?? false;
  const baseOnly = field.boolean(body, "getBaseObjectInfoOnly") ?? false;
  const status = body.filterByStatus;
  const paging = readPaging(body, "GET_USERS_FAILED");
  if ("reply" in paging) return paging.reply;

  const unknownType = types?.find((t) => !isUserType(t));
  if (unknownType !== undefined) return failure("GET_USERS_FAILED", `filterByUserType: '${unknownType}' is not A, S or NC`);
  const statusFilter = readStatusFilter(status);
  if (statusFilter === "invalid") return failure("GET_USERS_FAILED", `filterByStatus must be "A", "D" or empty, got ${JSON.stringify(status)}`);
  if (searching && searchColumn !== "all" && !(searchColumn in SEARCH_COLUMNS)) {
    return failure("GET_USERS_FAILED", `searchColumn must be one of loginNm, FirstNm, LastNm, AgentID, Platform, AgentTeamNm, Phone, All; got '${body.searchColumn}'`);
  }
  const term = searchTerm.toLowerCase();
  const columns = searchColumn === "all" ? Object.values(SEARCH_COLUMNS) : [SEARCH_COLUMNS[searchColumn]];
  const rows = tenantUsers(data, idProgram).filter(
    (u) =>
      (platformId === undefined || u.platformId === platformId) &&
      (!types?.length || types.includes(u.userTypeCode)) &&
      (statusFilter === undefined || u.enabledInPortal === statusFilter) &&
      (!searching || term === "" || columns.some((values) => values(data, u).some((v) => v?.toLowerCase().includes(term)))),
  );
  const { page, pagingInfo } = pageBy(rows, paging, (u) => u.idProgramUser);
  if (mobileOnly) return success("GET_USERS_SUCCESS", { userMobileAgentInfoList: page.map((u) => basicUserAgentInfoMobile(data, u)), pagingInfo });
  if (baseOnly) return success("GET_USERS_SUCCESS", { basicUserAgentInfoList: page.map((u) => basicUserAgentInfo(data, u)), pagingInfo });
  return success("GET_USERS_SUCCESS", { userAgentInfoList: page.map((u) => userAgentInfo(data, u)), pagingInfo });
});

/** true: active only, false: deactivated only, undefined: all. */
function readStatusFilter(value: unknown): boolean | undefined | "invalid" {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
  if (typeof value !== "string") return "invalid";
  const code = value.toUpperCase();
  return code === "A" ? true : code === "D" ? false : code === "B" ? undefined : "invalid";
}

/** `POST protected/users/getAccessSummaryByUser` (AccessGroupTreeInfoRequest): the user's role group and collections with their members. */
export const getAccessSummaryByUser = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const id = field.int(body, "idProgramUser");
  if (id === undefined) return failure("GET_ACCESS_SUMMARY_BY_USER_FAILED", "idProgramUser is required");
  const users = tenantUsers(data, idProgram);
  const user = users.find((u) => u.idProgramUser === id);
  if (!user) return failure("GET_ACCESS_SUMMARY_BY_USER_FAILED_PROGRAM_USER_NOT_FOUND", `no user ${id} in this tenant`);
  const group = data.roleGroups.find((g) => g.id === user.idProgramGroup);
  const listCollectionInfo = [...user.userCollectionIds, ...user.agentCollectionIds].flatMap((collectionId) => {
    const collection = data.collections.find((c) => c.id === collectionId);
    if (!collection) return [];
    const members = users.filter((u) => (collection.kind === "USER" ? u.userCollectionIds : u.agentCollectionIds).includes(collection.id));
    return [{
      collectionName: collection.name,
      listProgramObjectBasicInfo: members.map((m) => ({
        objectNm: m.loginNm,
        objectKeyString1: String(m.idProgramUser),
        objectTypeNm: collection.kind === "USER" ? "User" : "Agent",
        idProgramObject: m.idProgramUser,
      })),
    }];
  });
  return success("GET_ACCESS_SUMMARY_BY_USER_SUCCESS", {
    listAccessGroupSummary: [{ accessGroupName: group?.name ?? null, listCollectionInfo }],
  });
});

// ---------------------------------------------------------------------------------------
// Deleting, status and passwords

/** `POST protected/users/deleteUser` (SearchByIdRequest): physical; skill memberships and attributes go with the user. */
export const deleteUser = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const id = field.int(body, "searchId");
  if (id === undefined) return failure("DELETE_USER_FAILED", "searchId is required");
  const user = tenantUsers(data, idProgram).find((u) => u.idProgramUser === id);
  if (!user) return failure("DELETE_USER_FAILED", `no user ${id} in this tenant`);
  data.directory = data.directory.filter((u) => u !== user);
  return success("DELETE_USER_SUCCESS");
});

type StatusChange = "portal" | "icm" | "both";

const STATUS_CONSTANTS: Record<StatusChange, { ok: CceResultCode; failed: CceResultCode; notFound: CceResultCode }> = {
  both: { ok: "SET_USER_STATUS_SUCCESS", failed: "SET_USER_STATUS_FAILED", notFound: "SET_USER_STATUS_FAILED_INVALID_LOGIN_NM" },
  portal: { ok: "ENABLE_DISABLE_USER_IN_PORTAL_SUCCESS", failed: "ENABLE_DISABLE_USER_IN_PORTAL_FAILED", notFound: "ENABLE_DISABLE_USER_IN_PORTAL_FAILED" },
  icm: { ok: "ENABLE_DISABLE_USER_IN_IMC_SUCCESS", failed: "ENABLE_DISABLE_USER_IN_IMC_FAILED", notFound: "ENABLE_DISABLE_USER_IN_IMC_FAILED" },
};

/** The three SetUserStatusRequest calls: the user by idProgramUser, else loginNm, else idUser. */
function setStatus(change: StatusChange) {
  return answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
    const constants = STATUS_CONSTANTS[change];
    const enabled = field.boolean(body, "enabled");
    const idProgramUser = field.int(body, "idProgramUser");
    const loginNm = field.string(body, "loginNm");
    const idUser = field.int(body, "idUser");
    if (enabled === undefined) return failure(constants.failed, "enabled is required");
    const users = tenantUsers(data, idProgram);
    const user =
      idProgramUser !== undefined ? users.find((u) => u.idProgramUser === idProgramUser)
      : loginNm ? findByLogin(users, loginNm)
      : idUser !== undefined ? users.find((u) => u.idUser === idUser)
      : undefined;
    if (!user) return failure(constants.notFound, `no user ${idProgramUser ?? loginNm ?? idUser ?? "(none named)"} in this tenant`);
    if (change === "icm" && !isAgentType(user.userTypeCode)) {
      return failure(constants.failed, `${user.loginNm} is a non-contact-center user: it has no ICM agent`);
    }
    if (change !== "icm") setPortalEnabled(data, user, enabled);
    if (change !== "portal" && isAgentType(user.userTypeCode)) user.enabledInIcm = enabled;
    return success(constants.ok);
  });
}

export const setUserStatus = setStatus("both");
export const enableDisableUserInPortal = setStatus("portal");
export const enableDisableUserInICM = setStatus("icm");

/** `POST protected/users/resetPassword` (ResetPasswordRequest). */
export const resetPassword = answeringWrongTypes((data: CceData, idProgram: number, body: JsonObject): VendorReply => {
  const userName = field.string(body, "userName");
  const changePortal = field.boolean(body, "changePortalPassword") ?? false;
  const newPassword = field.string(body, "newPassword");
  const newIcmPassword = field.string(body, "newICMPassword");
  field.boolean(body, "changeCMPassword");
  field.boolean(body, "changePwdAtNextLogon");
  if (!userName) return failure("RESET_PASSWORD_FAILED_USER_NOT_FOUND", "userName is required");
  const user = findByLogin(tenantUsers(data, idProgram), userName);
  if (!user) return failure("RESET_PASSWORD_FAILED_USER_NOT_FOUND", `no user '${userName}' in this tenant`);
  if (changePortal && !newPassword) return failure("RESET_PASSWORD_FAILED", "changePortalPassword is true but newPassword is empty");
  if (newIcmPassword && !isAgentType(user.userTypeCode)) return failure("RESET_ICM_PASSWORD_NOT_ALLOWED_FOR_NON_CONTACT_USERS");
  if (!changePortal && !newIcmPassword) return failure("RESET_PASSWORD_FAILED", "nothing to reset: send changePortalPassword true with newPassword, or newICMPassword");
  if (changePortal) setPortalPassword(data, user, newPassword as string);
  if (newIcmPassword) user.icmPassword = newIcmPassword;
  return success("RESET_PASSWORD_SUCCESS");
});

// ---------------------------------------------------------------------------------------
// Shared rules

function tenantOf(data: CceData, idProgram: number): Tenant {
  const tenant = data.tenants.find((t) => t.idProgram === idProgram);
  if (!tenant) throw new Error(`seed data: no tenant ${idProgram}`);
  return tenant;
}

function isUserType(code: string | undefined): code is UserTypeCode {
  return USER_TYPE_CODES.includes(code as UserTypeCode);
}

/** Logins are case-insensitive, as at login. */
function findByLogin(users: DirectoryUser[], loginNm: string): DirectoryUser | undefined {
  return users.find((u) => u.loginNm.toLowerCase() === loginNm.toLowerCase());
}

/** What is wrong with a login name for this tenant, or undefined. */
function loginNameProblem(loginNm: string | undefined, tenant: Tenant): string | undefined {
  if (!loginNm) return "the login name is required";
  const at = loginNm.lastIndexOf("@");
  const [local, suffix] = at < 0 ? [loginNm, ""] : [loginNm.slice(0, at), loginNm.slice(at + 1)];
  if (suffix.toUpperCase() !== tenant.programPrefix.toUpperCase()) {
    return `the login name must end in @${tenant.programPrefix} (this tenant's code), got '${loginNm}'`;
  }
  if (!LOGIN_LOCAL_PART.test(local)) {
    return `the part before @ must start with a letter or digit and hold at most 64 letters, digits, '.', '_' or '-', got '${local}'`;
  }
  return undefined;
}

/** A login name is unique in the whole portal: every tenant's users and every login account. */
function loginTaken(data: CceData, loginNm: string): boolean {
  const wanted = loginNm.toLowerCase();
  return data.directory.some((u) => u.loginNm.toLowerCase() === wanted) || data.users.some((u) => u.loginNm.toLowerCase() === wanted);
}

function nameProblem(fieldName: string, value: string | undefined): string | undefined {
  if (!value) return `${fieldName} is required`;
  if (/\s/.test(value)) return `${fieldName} may not contain spaces, got '${value}'`;
  return undefined;
}

function enterpriseNameProblem(name: string, derived: boolean): string {
  const source = derived ? `the enterprise name derived from the names ('${name}')` : `the enterprise name '${name}'`;
  return `${source} must be 1 to 32 letters, digits, '.' and '_', not starting with '.' or '_'`;
}

function sameName(user: DirectoryUser, firstNm: string, lastNm: string): boolean {
  return user.firstNm.toLowerCase() === firstNm.toLowerCase() && user.lastNm.toLowerCase() === lastNm.toLowerCase();
}

/** The agent holding an agent id on a platform (agent ids are unique per platform). */
function agentIdHolder(users: DirectoryUser[], platformId: number | null, agentId: string): DirectoryUser | undefined {
  return users.find((u) => u.platformId === platformId && u.agentId !== null && Number(u.agentId) === Number(agentId));
}

/** The portal account is the login account too: keep the seeded administrators' logins in step. */
function setPortalEnabled(data: CceData, user: DirectoryUser, enabled: boolean): void {
  for (const same of data.directory.filter((u) => u.loginNm === user.loginNm)) same.enabledInPortal = enabled;
  const account = data.users.find((u) => u.loginNm === user.loginNm);
  if (account) account.loginEnabled = enabled;
}

function setPortalPassword(data: CceData, user: DirectoryUser, password: string): void {
  for (const same of data.directory.filter((u) => u.loginNm === user.loginNm)) same.password = password;
  const account = data.users.find((u) => u.loginNm === user.loginNm);
  if (account) account.password = password;
}
