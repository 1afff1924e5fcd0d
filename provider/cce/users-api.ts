/**
 * Typed calls of the portal's user service (seed 001, chapter 3) and of the quick-skill
 * calls that edit one agent's skill groups (chapter 2). The only code that builds their
 * request bodies. Wire choices where the document is silent: docs/cce-wire-decisions.md.
 */
import { z } from "zod";
import { listOf, numberish, positiveId, textish } from "../core/answer";
import { contractError } from "../core/errors";
import { ProcessCache } from "../core/process-cache";

const CONTRACT = "docs/cce-wire-decisions.md";
import { CceClient } from "./client";

/** The document's user type codes. */
export type UserTypeCode = "A" | "S" | "NC";

/** A user as the provider sees it: `UserAgentInfo` with the document's names. */
export interface UserRecord {
  idProgramUser: number;
  idUser: number;
  loginNm: string;
  firstNm: string;
  lastNm: string;
  email: string | null;
  phone: string | null;
  userTypeCode: UserTypeCode;
  platformId: number | null;
  /** The agent id (ICM peripheral number), digits. */
  agentId: string | null;
  /** The agent's ICM skill target id. */
  agentSkillTargetId: number | null;
  agentEnterpriseName: string | null;
  agentDescription: string | null;
  idProgramSite: number | null;
  idProgramDepartment: number | null;
  idProgramBillUnit: number | null;
  idProgramGroup: number | null;
  idProfile: number | null;
  agentTeamId: number | null;
  agentTeamNm: string | null;
  agentDeskSettingsID: number | null;
  ssoEnabledUser: boolean;
  manager: boolean;
  /** Enabled in the portal and AD. */
  status: boolean;
  /** Enabled in ICM (agents and supervisors). */
  icmStatus: boolean;
  idContactCenterUserStatus: number | null;
  createDateStr: string | null;
  /** How many skill groups the agent is in (UserAgentInfo only; absent from BasicUserInfo). */
  totalAssignedSkills?: number | null;
  /** The user it was cloned from (UserAgentInfo only). */
  sourceIdProgramUser?: number | null;
}

/**
 * `UserAgentInfo` as the portal sends it: the identity fields required (an id that is not a
 * positive whole number is never sent back), every other field the provider reads typed and
 * optional, anything else dropped.
 */
const optionalNumber = numberish.nullish();
const optionalText = textish.nullish();
const userAgentInfo = z.object({
  idProgramUser: positiveId,
  idUser: positiveId,
  loginNm: z.string().min(1),
  firstNm: optionalText,
  lastNm: optionalText,
  email: optionalText,
  phone: optionalText,
  userTypeCode: z.enum(["A", "S", "NC"]),
  platformId: optionalNumber,
  peripheralNumber: optionalText,
  uiAgentID: optionalText,
  agentId: optionalNumber,
  agentSkillTargetId: optionalNumber,
  agentEnterpriseName: optionalText,
  agentDescription: optionalText,
  idProgramSite: optionalNumber,
  idProgramDepartment: optionalNumber,
  idProgramBillUnit: optionalNumber,
  idProgramGroup: optionalNumber,
  idProfile: optionalNumber,
  agentTeamId: optionalNumber,
  agentTeamNm: optionalText,
  agentDeskSettingsID: optionalNumber,
  ssoEnabledUser: z.boolean().nullish(),
  manager: z.boolean().nullish(),
  status: z.boolean().nullish(),
  icmStatus: z.boolean().nullish(),
  idContactCenterUserStatus: optionalNumber,
  createDateStr: optionalText,
  totalAssignedSkills: optionalNumber,
  sourceIdProgramUser: optionalNumber,
});
type UserAgentInfo = z.output<typeof userAgentInfo>;
/** `BasicUserInfo` (updateUser's answer): its agentId is the agent id (text), agentSkillTargetId the skill target id. */
const basicUserInfoAnswer = userAgentInfo.extend({ agentId: optionalText });
const userList = z.object({ userAgentInfoList: listOf(userAgentInfo) });

const num = (value: number | null | undefined): number | null => value ?? null;
const str = (value: string | null | undefined): string | null => value ?? null;

function userRecord(info: UserAgentInfo): UserRecord {
  return {
    idProgramUser: info.idProgramUser,
    idUser: info.idUser,
    loginNm: info.loginNm,
    firstNm: info.firstNm ?? "",
    lastNm: info.lastNm ?? "",
    email: str(info.email),
    phone: str(info.phone),
    userTypeCode: info.userTypeCode,
    platformId: num(info.platformId),
    // UserAgentInfo names the agent id peripheralNumber (and uiAgentID); its agentId is the skill target id.
    agentId: str(info.peripheralNumber ?? info.uiAgentID),
    agentSkillTargetId: num(info.agentId),
    agentEnterpriseName: str(info.agentEnterpriseName),
    agentDescription: str(info.agentDescription),
    idProgramSite: num(info.idProgramSite),
    idProgramDepartment: num(info.idProgramDepartment),
    idProgramBillUnit: num(info.idProgramBillUnit),
    idProgramGroup: num(info.idProgramGroup),
    idProfile: num(info.idProfile),
    agentTeamId: num(info.agentTeamId),
    agentTeamNm: str(info.agentTeamNm),
    agentDeskSettingsID: num(info.agentDeskSettingsID),
    ssoEnabledUser: info.ssoEnabledUser === true,
    manager: info.manager === true,
    status: info.status === true,
    icmStatus: info.icmStatus === true,
    idContactCenterUserStatus: num(info.idContactCenterUserStatus),
    createDateStr: str(info.createDateStr),
    totalAssignedSkills: num(info.totalAssignedSkills),
    sourceIdProgramUser: num(info.sourceIdProgramUser),
  };
}

/** The user with this idProgramUser, or undefined when there is none (the portal answers an empty list). */
export async function getUser(client: CceClient, idProgramUser: number): Promise<UserRecord | undefined> {
  const body = await client.call("protected/users/getUserByIdProgram", { searchId: idProgramUser }, { idempotent: true }, userList);
  const found = body.userAgentInfoList.map(userRecord);
  return found.find((user) => user.idProgramUser === idProgramUser);
}

export interface UserSearch {
  searchColumn: "loginNm" | "FirstNm" | "LastNm" | "AgentID" | "Platform" | "AgentTeamNm" | "Phone" | "All";
  /** Matched by the portal as a case-insensitive substring. */
  searchTerm: string;
}

export async function listUsers(client: CceClient, search?: UserSearch): Promise<UserRecord[]> {
  const body = await client.call(
    "protected/users/getUsers",
    { ...(search ? { ...search, searching: true } : {}), filterByUserType: ["A", "S", "NC"], pageSize: 0, pageNumber: 1 },
    { idempotent: true },
    userList,
  );
  return body.userAgentInfoList.map(userRecord);
}

/** The user whose login name is exactly `loginNm` (login names compare case-insensitively, as in AD). */
export async function findUserByLogin(client: CceClient, loginNm: string): Promise<UserRecord | undefined> {
  const found = await listUsers(client, { searchColumn: "loginNm", searchTerm: loginNm });
  return found.find((user) => user.loginNm.toLowerCase() === loginNm.toLowerCase());
}

/** What a clone sets; every override left undefined is sent as null, which means "as the template". */
export interface CloneSpec {
  templateLoginNm: string;
  loginNm: string;
  firstNm: string;
  lastNm: string;
  phone: string;
  email?: string;
  password?: string;
  userTypeCode: UserTypeCode;
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
  userCollectionIds?: number[];
  agentCollectionIds?: number[];
  ssoEnabledUser?: boolean;
  reuseAgentId: boolean;
}

/** Clones a template user; answers the new user's idProgramUser. Not idempotent: never retried blindly. */
export async function cloneUser(client: CceClient, spec: CloneSpec): Promise<number> {
  const orNull = <T>(value: T | undefined) => (value === undefined ? null : value);
  const body = await client.call(
    "protected/users/cloneUser",
    {
      srcUserName: spec.templateLoginNm,
      srcIdUser: null,
      cloneUserLoginNm: spec.loginNm,
      cloneUserFirstNm: spec.firstNm,
      cloneUserLastNm: spec.lastNm,
      cloneUserPhoneNumber: spec.phone,
      cloneUserEmail: orNull(spec.email),
      cloneUserPassword: orNull(spec.password),
      cloneUserTypeCode: spec.userTypeCode,
      cloneUserAgentId: orNull(spec.agentId),
      cloneAgentEnterpriseName: orNull(spec.agentEnterpriseName),
      cloneAgentDescription: orNull(spec.agentDescription),
      cloneUserIdProgramSite: orNull(spec.idProgramSite),
      cloneUserIdProgramDepartment: orNull(spec.idProgramDepartment),
      cloneUserIdProgramBillUnit: orNull(spec.idProgramBillUnit),
      cloneUserIdProgramGroup: orNull(spec.idProgramGroup),
      cloneUserIdProfile: orNull(spec.idProfile),
      cloneUserAgentTeamID: orNull(spec.agentTeamId),
      cloneUserIdAgentDeskSettings: orNull(spec.agentDeskSettingsID),
      selectedUserCollectionIds: orNull(spec.userCollectionIds),
      selectedAgentCollectionIds: orNull(spec.agentCollectionIds),
      ssoEnabledUser: orNull(spec.ssoEnabledUser),
      reUseAgentId: spec.reuseAgentId,
      reUseADUser: false,
      // "Not applicable, pass null" in the document.
      idProgramUser: null,
      idProgram: null,
      loginNm: null,
      domain: null,
    },
    { idempotent: false },
    z.object({ basicUserAgentInfo: z.object({ idProgramUser: positiveId, loginNm: z.string().min(1) }) }),
  );
  const created = body.basicUserAgentInfo;
  // The new user must be the one asked for: its id is what every later write goes to.
  if (created.loginNm.toLowerCase() !== spec.loginNm.toLowerCase()) {
    throw contractError("CCE", "protected/users/cloneUser", `asked to create ${spec.loginNm}, it answered user ${created.idProgramUser} named ${created.loginNm}`, CONTRACT);
  }
  return created.idProgramUser;
}

/**
 * `BasicUserInfo` for updateUser, built from what was read: updateUser replaces the whole
 * object, so every field the caller does not change must be sent back as it is.
 */
export type BasicUserInfo = Record<string, unknown>;

export function basicUserInfo(user: UserRecord): BasicUserInfo {
  return {
    idProgramUser: user.idProgramUser,
    idUser: user.idUser,
    loginNm: user.loginNm,
    firstNm: user.firstNm,
    lastNm: user.lastNm,
    email: user.email,
    phone: user.phone,
    userTypeCode: user.userTypeCode,
    supervisorAgent: user.userTypeCode === "S" ? "Yes" : "No",
    platformId: user.platformId,
    agentId: user.agentId,
    agentSkillTargetId: user.agentSkillTargetId,
    agentEnterpriseName: user.agentEnterpriseName,
    agentDescription: user.agentDescription,
    idProgramSite: user.idProgramSite,
    idProgramDepartment: user.idProgramDepartment,
    idProgramBillUnit: user.idProgramBillUnit,
    idProgramGroup: user.idProgramGroup,
    idProfile: user.idProfile,
    agentTeamId: user.agentTeamId,
    agentDeskSettingsID: user.agentDeskSettingsID,
    ssoEnabledUser: user.ssoEnabledUser,
    manager: user.manager,
    status: user.status,
    idContactCenterUserStatus: user.idContactCenterUserStatus,
    createDateStr: user.createDateStr,
  };
}

/** The UserRecord fields that BasicUserInfo (updateUser's answer) does not carry. */
const NOT_IN_BASIC_USER_INFO = ["agentTeamNm", "icmStatus", "totalAssignedSkills", "sourceIdProgramUser"] as const;

/**
 * Writes the whole BasicUserInfo; the same object written twice gives the same user, so it may
 * be retried. Answers the user as saved (`UpdateUserInfoResponse.basicUserInfo`, the fields a
 * BasicUserInfo has), or undefined when the answer carries none.
 */
export async function updateUser(client: CceClient, info: BasicUserInfo, reuseAgentId: boolean): Promise<Partial<UserRecord> | undefined> {
  const body = await client.call(
    "protected/users/updateUser",
    { basicUserInfo: info, reuseAgentId, skipUnityUser: true },
    { idempotent: true },
    z.object({ basicUserInfo: basicUserInfoAnswer.nullish() }),
  );
  const saved = body.basicUserInfo;
  if (!saved || saved.idProgramUser !== info.idProgramUser) return undefined;
  // BasicUserInfo names the agent id agentId (a string) and the skill target id agentSkillTargetId,
  // unlike UserAgentInfo; it has no team name, ICM status, skill count or source user.
  const record: Partial<UserRecord> = userRecord({ ...saved, peripheralNumber: saved.agentId, uiAgentID: undefined, agentId: saved.agentSkillTargetId ?? undefined });
  for (const field of NOT_IN_BASIC_USER_INFO) delete record[field];
  return record;
}

/** Physical and irreversible (AD, portal, ICM, CallManager). */
export async function deleteUser(client: CceClient, idProgramUser: number): Promise<void> {
  await client.call("protected/users/deleteUser", { searchId: idProgramUser }, { idempotent: false });
}

type StatusCall = "setUserStatus" | "enableDisableUserInPortal" | "enableDisableUserInICM";

/** `setUserStatus` (portal, AD and ICM), `enableDisableUserInPortal` or `enableDisableUserInICM`. */
export async function setStatus(client: CceClient, call: StatusCall, user: UserRecord, enabled: boolean): Promise<void> {
  await client.call(
    `protected/users/${call}`,
    { enabled, idUser: user.idUser, idProgramUser: user.idProgramUser, loginNm: user.loginNm },
    { idempotent: true },
  );
}

/** Sets the portal/AD password and, for agents and supervisors, the ICM one too. */
export async function resetPassword(client: CceClient, user: UserRecord, password: string): Promise<void> {
  await client.call(
    "protected/users/resetPassword",
    {
      userName: user.loginNm,
      newPassword: password,
      changePortalPassword: true,
      newICMPassword: user.userTypeCode === "NC" ? null : password,
      changeCMPassword: false,
      changePwdAtNextLogon: false,
    },
    { idempotent: true },
  );
}

/** The skill target ids of the skill groups the agent belongs to. */
export async function getAssignedSkillGroups(client: CceClient, user: UserRecord): Promise<number[]> {
  const group = z.object({ skillTargetId: positiveId });
  const body = await client.call(
    "protected/quickskills/getSkillsForAgent",
    { assigned: true, idProgramUser: user.idProgramUser, platformId: user.platformId, getBaseObjectInfoOnly: true, pageSize: 0, pageNumber: 1 },
    { idempotent: true },
    z.object({ basicSkillGroupList: z.array(group).nullish(), simpleSkillGroupList: z.array(group).nullish() }),
  );
  const list = body.basicSkillGroupList ?? body.simpleSkillGroupList ?? [];
  return list.map((g) => g.skillTargetId).sort((a, b) => a - b);
}

const sourceGroups = new ProcessCache<number[]>();

/**
 * The skill groups of a clone's source user (its template), read once per process and source:
 * every clone of one template starts in the same groups, so the first clone's read serves the
 * rest. A failed read is not kept.
 */
export function templateSkillGroups(client: CceClient, portal: string, template: { idProgramUser: number; platformId: number | null }): Promise<number[]> {
  return sourceGroups.get(`${portal}|${template.idProgramUser}`, () => getAssignedSkillGroups(client, template as UserRecord));
}

/** Adds and removes skill groups; a delta already applied is a no-op, so it may be retried. */
export async function saveSkillsToAgent(client: CceClient, user: UserRecord, added: number[], removed: number[]): Promise<void> {
  if (added.length === 0 && removed.length === 0) return;
  await client.call(
    "protected/quickskills/saveSkillsToAgent",
    {
      peripheralID: user.platformId,
      agentIdProgramUser: user.idProgramUser,
      addedSkillGroupSkillTargetIds: added,
      removedSkillGroupSkillTargetIds: removed,
    },
    { idempotent: true },
  );
}

export interface UserCollections {
  userCollectionIds: number[];
  agentCollectionIds: number[];
}

/** The user and agent collections the user belongs to: the "selected" lists of the clone-collections call. */
export async function getUserCollections(client: CceClient, idProgramUser: number): Promise<UserCollections> {
  const row = z.object({ idProgramCollection: positiveId });
  const body = await client.call(
    "protected/access/getManageableAccessCollectionsForCloneUserObjectsByCriteria",
    { idProgramUserToClone: idProgramUser, pageSize: 0, pageNumber: 1 },
    { idempotent: true },
    z.object({ accessibleUserCollectionSelectedList: listOf(row), accessibleAgentCollectionSelectedList: listOf(row) }),
  );
  const ids = (rows: z.output<typeof row>[]) => rows.map((r) => r.idProgramCollection).sort((a, b) => a - b);
  return {
    userCollectionIds: ids(body.accessibleUserCollectionSelectedList),
    agentCollectionIds: ids(body.accessibleAgentCollectionSelectedList),
  };
}

/**
 * Every agent's skill groups, read group by group (`getAllAgentsForSkill`, members only):
 * one call per skill group of the tenant instead of one `getSkillsForAgent` per agent, which
 * is what a refresh of many agents wants. Keyed by idProgramUser; lists sorted.
 */
export async function skillMemberships(client: CceClient, skillTargetIds: number[]): Promise<Map<number, number[]>> {
  const memberships = new Map<number, number[]>();
  // A few groups at a time: the portal is rate-limited, and 429s are retried anyway.
  for (let i = 0; i < skillTargetIds.length; i += 5) {
    const batch = skillTargetIds.slice(i, i + 5);
    const answers = await Promise.all(
      batch.map((skillTargetId) =>
        client.call(
          "protected/quickskills/getAllAgentsForSkill",
          { skillTargetId, assigned: true, getBaseObjectInfoOnly: true, pageSize: 0, pageNumber: 1 },
          { idempotent: true },
          z.object({ basicAgentSkillInfoList: listOf(z.object({ idProgramUser: positiveId })) }),
        ),
      ),
    );
    answers.forEach((body, j) => {
      for (const agent of body.basicAgentSkillInfoList) {
        const held = memberships.get(agent.idProgramUser) ?? [];
        held.push(batch[j]);
        memberships.set(agent.idProgramUser, held);
      }
    });
  }
  for (const held of memberships.values()) held.sort((a, b) => a - b);
  return memberships;
}
