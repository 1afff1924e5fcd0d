/**
 * What `CceUser` does at each step of its life. Runs in the provider process only.
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkInputs } from "../core/check";
import { sameValue } from "../core/diff";
import { isApiError, isTransportError, notFoundError, validationError } from "../core/errors";
import { guarded } from "../core/guarded";
import { sharedRead } from "../core/shared-read";
import { CceClient, connectCce } from "./client";
import { portalKey } from "./connection";
import { namesStillLive, resolveNamedReferences } from "./named-references";
import { USER_NAMED_REFERENCES, userInputs, UserInputs, UserOutputs, userTypes } from "./user";
import {
  basicUserInfo,
  cloneUser,
  deleteUser,
  findUserByLogin,
  getAssignedSkillGroups,
  getUser,
  listUsers,
  skillMemberships,
  getUserCollections,
  resetPassword,
  saveSkillsToAgent,
  setStatus,
  templateSkillGroups,
  updateUser,
  UserRecord,
} from "./users-api";
import { forgetClonedAgent, rememberClonedAgent } from "./cloned-agents";
import { refreshSkillGroups } from "./skill-groups-api";
import type { ConfigSource } from "../core/connection";

/** Inputs that map one-to-one onto a BasicUserInfo field, with that field's name. */
const USER_INFO_FIELDS = {
  firstName: "firstNm",
  lastName: "lastNm",
  email: "email",
  phone: "phone",
  agentId: "agentId",
  agentEnterpriseName: "agentEnterpriseName",
  agentDescription: "agentDescription",
  siteId: "idProgramSite",
  departmentId: "idProgramDepartment",
  billingUnitId: "idProgramBillUnit",
  roleGroupId: "idProgramGroup",
  profileId: "idProfile",
  teamId: "agentTeamId",
  deskSettingsId: "agentDeskSettingsID",
  ssoEnabled: "ssoEnabledUser",
} as const satisfies Partial<Record<keyof UserInputs, keyof UserRecord>>;

type UserInfoField = keyof typeof USER_INFO_FIELDS;
const userInfoFields = Object.keys(USER_INFO_FIELDS) as UserInfoField[];

/** Every input `diff` compares; `template` is read only at create, so changing it changes nothing. */
const COMPARED_FIELDS = [
  "loginName", "userType", "platformId", ...userInfoFields, "password", "userCollectionIds", "agentCollectionIds",
  "skillGroupIds", "enabledInPortal", "enabledInIcm", "reuseAgentId", "adopt", "deletionPolicy",
] as const;

const isContactCenter = (type: UserInputs["userType"]) => type !== "nonContactCenter";
const typeOf = (code: string): UserInputs["userType"] =>
  (Object.entries(userTypes).find(([, wire]) => wire === code)?.[0] as UserInputs["userType"]) ?? "nonContactCenter";
const sorted = (ids: number[] | undefined) => (ids === undefined ? undefined : [...ids].sort((a, b) => a - b));

export async function check(config: ConfigSource | undefined, olds: unknown, news: Record<string, unknown>) {
  const result = checkInputs(userInputs, news);
  if (result.failures.length === 0) {
    // Membership lists are sets: sort them so a reordering is not a change.
    for (const field of ["skillGroupIds", "userCollectionIds", "agentCollectionIds"]) {
      if (Array.isArray(result.inputs[field])) result.inputs[field] = sorted(result.inputs[field] as number[]);
    }
    // Names become ids here, so diff, create and update see ids only.
    result.failures = await guarded(() => resolveNamedReferences(config, olds, result.inputs, USER_NAMED_REFERENCES));
  }
  return result as { inputs: UserInputs; failures: { property: string; reason: string }[] };
}

export async function diff(_id: string, olds: UserOutputs, news: UserInputs): Promise<pulumi.dynamic.DiffResult> {
  const changed = COMPARED_FIELDS.filter((field) => !sameValue(olds[field], news[field]));
  const replaces: string[] = changed.filter((field) => field === "loginName" || field === "platformId");
  // Non-contact-center users have no platform and the portal never changes a platform.
  if (changed.includes("userType") && isContactCenter(olds.userType) !== isContactCenter(news.userType)) replaces.push("userType");
  if (replaces.length > 0 && !changed.includes("loginName") && olds.deletionPolicy !== "delete") {
    // The replacement keeps the login name, so the old user must be gone before the clone, and
    // the engine deletes it with the policy already in the state.
    throw validationError(
      replaces[0],
      `needs the user ${news.loginName} to be replaced (deleted, then cloned again under the same login name), which only deletionPolicy "delete" allows; ` +
        `set deletionPolicy: "delete" and run \`pulumi up\` first (accepting that the portal deletes the user irreversibly), or keep the current value ${JSON.stringify(olds[replaces[0] as keyof UserOutputs])}`,
      news[replaces[0] as keyof UserInputs],
    );
  }
  if (replaces.length === 0) {
    for (const field of ["userCollectionIds", "agentCollectionIds"] as const) {
      if (changed.includes(field) && news[field] !== undefined) {
        throw validationError(
          field,
          `cannot be changed after the user is created: the portal API sets collections only in cloneUser. Change them in the portal ` +
            `(then \`pulumi refresh\`), or replace the user (\`pulumi up --replace <urn>\`, which applies deletionPolicy "${olds.deletionPolicy}" to the old one); was ${JSON.stringify(olds[field] ?? "the template's")}`,
          news[field],
        );
      }
    }
  }
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: replaces.includes("loginName") ? false : true };
}

/** The live values of the declared inputs, for outputs and for drift. */
/** How a user's skill groups are read: one call per agent, unless a refresh passes the tenant's memberships. */
type SkillsOf = (user: UserRecord) => Promise<number[]>;

async function liveInputs(cce: CceClient, user: UserRecord, declared: Partial<UserInputs>, skillsOf: SkillsOf = (u) => getAssignedSkillGroups(cce, u)): Promise<Partial<UserInputs>> {
  const live: Partial<UserInputs> = {
    loginName: user.loginNm,
    userType: typeOf(user.userTypeCode),
    enabledInPortal: user.status,
    enabledInIcm: isContactCenter(typeOf(user.userTypeCode)) ? user.icmStatus : declared.enabledInIcm,
  };
  for (const field of userInfoFields) {
    // Unset inputs are not managed: leave them unset rather than report the template's values as drift.
    if (declared[field] === undefined) continue;
    const value = user[USER_INFO_FIELDS[field]];
    (live as Record<string, unknown>)[field] = value === null ? undefined : value;
  }
  if (declared.platformId !== undefined) live.platformId = user.platformId ?? undefined;
  if (declared.skillGroupIds !== undefined && user.platformId !== null) live.skillGroupIds = await skillsOf(user);
  if (declared.userCollectionIds !== undefined || declared.agentCollectionIds !== undefined) {
    const collections = await getUserCollections(cce, user.idProgramUser);
    if (declared.userCollectionIds !== undefined) live.userCollectionIds = collections.userCollectionIds;
    if (declared.agentCollectionIds !== undefined) live.agentCollectionIds = collections.agentCollectionIds;
  }
  return live;
}

function outputsOf(inputs: UserInputs, user: UserRecord, adopted: boolean): UserOutputs {
  return {
    ...inputs,
    idProgramUser: user.idProgramUser,
    idUser: user.idUser,
    agentSkillTargetId: user.agentSkillTargetId,
    livePlatformId: user.platformId,
    liveAgentEnterpriseName: user.agentEnterpriseName,
    teamName: user.agentTeamNm,
    adopted,
  };
}

/**
 * How converge learns the agent's current skill groups: `read` them, take them as a new
 * `clone`'s (its template's, see clonedSkillGroups), or `skip` membership (an update whose
 * declared groups did not change).
 */
type Membership = "read" | "clone" | "skip";

/**
 * A new clone's skill groups, read once per template rather than once per clone: a clone
 * starts in its template's groups (seed 001: CloneUser copies the source user's skills). The
 * clone's own count (`totalAssignedSkills`, read after the clone) must agree, else its groups
 * are read.
 */
async function clonedSkillGroups(cce: CceClient, portal: string, user: UserRecord): Promise<number[]> {
  if (user.totalAssignedSkills === 0) return [];
  if (user.sourceIdProgramUser != null && user.totalAssignedSkills != null) {
    const inherited = await templateSkillGroups(cce, portal, { idProgramUser: user.sourceIdProgramUser, platformId: user.platformId });
    if (inherited.length === user.totalAssignedSkills) return inherited;
  }
  return getAssignedSkillGroups(cce, user);
}

/**
 * Brings an existing user to the declared inputs with the fewest calls: updateUser only when
 * a BasicUserInfo field differs, then password, status and skill-group deltas. The user is
 * read again at the end only when a call changed it and its answer does not say how.
 */
async function converge(
  cce: CceClient,
  user: UserRecord,
  inputs: UserInputs,
  options: { password: boolean; membership: Membership; portal: string },
): Promise<UserRecord> {
  const info = basicUserInfo(user);
  let infoChanged = false;
  for (const field of userInfoFields) {
    const wanted = inputs[field];
    if (wanted !== undefined && !sameValue(info[USER_INFO_FIELDS[field]], wanted)) {
      info[USER_INFO_FIELDS[field]] = wanted;
      infoChanged = true;
    }
  }
  const wantedType = userTypes[inputs.userType];
  if (user.userTypeCode !== wantedType) {
    info.userTypeCode = wantedType;
    info.supervisorAgent = wantedType === "S" ? "Yes" : "No";
    infoChanged = true;
  }
  let live = user;
  let readAgain = false;
  if (infoChanged) {
    // The answer is the user as saved; it lacks only the team's name, kept when the team is too.
    const saved = await updateUser(cce, info, inputs.reuseAgentId);
    if (saved && saved.agentTeamId === user.agentTeamId) live = { ...live, ...saved };
    else readAgain = true;
  }
  if (options.password && inputs.password !== undefined) await resetPassword(cce, user, inputs.password);

  const contactCenter = isContactCenter(inputs.userType);
  if (contactCenter && user.status !== inputs.enabledInPortal && user.icmStatus !== inputs.enabledInIcm && inputs.enabledInPortal === inputs.enabledInIcm) {
    await setStatus(cce, "setUserStatus", user, inputs.enabledInPortal);
    readAgain = true;
  } else {
    if (user.status !== inputs.enabledInPortal) await setStatus(cce, "enableDisableUserInPortal", user, inputs.enabledInPortal);
    if (contactCenter && user.icmStatus !== inputs.enabledInIcm) await setStatus(cce, "enableDisableUserInICM", user, inputs.enabledInIcm);
    readAgain ||= user.status !== inputs.enabledInPortal || (contactCenter && user.icmStatus !== inputs.enabledInIcm);
  }

  if (inputs.skillGroupIds !== undefined && user.platformId !== null && options.membership !== "skip") {
    const current = options.membership === "clone" ? await clonedSkillGroups(cce, options.portal, user) : await getAssignedSkillGroups(cce, user);
    const added = inputs.skillGroupIds.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !inputs.skillGroupIds!.includes(id));
    await saveSkillsToAgent(cce, user, added, removed);
  }
  return readAgain ? ((await getUser(cce, user.idProgramUser)) ?? live) : live;
}

/** Refuses an adopted user whose type or platform the declaration cannot have without a replace. */
function assertCompatible(user: UserRecord, inputs: UserInputs): void {
  const liveType = typeOf(user.userTypeCode);
  if (isContactCenter(liveType) !== isContactCenter(inputs.userType)) {
    throw validationError("userType", `cannot turn the existing ${liveType} ${user.loginNm} into a ${inputs.userType} (the portal never changes a platform)`, inputs.userType);
  }
  if (inputs.platformId !== undefined && user.platformId !== inputs.platformId) {
    throw validationError("platformId", `must be the platform ${user.loginNm} is on (${user.platformId}); the portal never changes a platform`, inputs.platformId);
  }
}

export async function create(config: ConfigSource | undefined, inputs: UserInputs) {
  return guarded(async () => {
    const { connection, cce } = connectCce(config);
    const portal = portalKey(connection);

    if (inputs.adopt) {
      const existing = await findUserByLogin(cce, inputs.loginName);
      if (existing) {
        assertCompatible(existing, inputs);
        const live = await converge(cce, existing, inputs, { password: true, membership: "read", portal });
        return { id: String(live.idProgramUser), outs: outputsOf(inputs, live, true) };
      }
    }

    if (inputs.platformId !== undefined) {
      // A clone lands on its template's platform; say so before cloning, not after.
      const template = await findUserByLogin(cce, inputs.template);
      if (template && template.platformId !== inputs.platformId) {
        throw validationError(
          "platformId",
          `must match the platform of template ${inputs.template} (${template.platformId}): a clone is on its template's platform`,
          inputs.platformId,
        );
      }
    }

    const { idProgramUser, answered } = await cloneOrFindCommitted(cce, inputs);
    // One read of the new user: the clone's answer (BasicUserAgentInfo) lacks its type, team
    // name and enterprise name, which converge compares and the outputs report.
    const cloned = await getUser(cce, idProgramUser);
    if (!cloned) throw notFoundError(`User ${inputs.loginName} (idProgramUser ${idProgramUser}), just cloned,`);
    try {
      // Only a clone whose answer arrived is known to be new, and so in its template's groups.
      const live = await converge(cce, cloned, inputs, { password: false, membership: answered ? "clone" : "read", portal });
      if (live.agentSkillTargetId !== null) {
        // For the AgentAttribute creates that follow, which would otherwise list every agent.
        rememberClonedAgent(connection, { idProgramUser: live.idProgramUser, loginNm: live.loginNm, skillTargetId: live.agentSkillTargetId });
      }
      return { id: String(live.idProgramUser), outs: outputsOf(inputs, live, false) };
    } catch (error) {
      throw await rollBack(cce, cloned, error);
    }
  });
}

/**
 * Clones the user; when the answer is lost, finds out whether the clone was committed.
 * `answered`: the clone's own answer arrived (the user is certainly the one just cloned).
 */
async function cloneOrFindCommitted(cce: CceClient, inputs: UserInputs): Promise<{ idProgramUser: number; answered: boolean }> {
  try {
    const idProgramUser = await cloneUser(cce, {
      templateLoginNm: inputs.template,
      loginNm: inputs.loginName,
      firstNm: inputs.firstName,
      lastNm: inputs.lastName,
      phone: inputs.phone,
      email: inputs.email,
      password: inputs.password,
      userTypeCode: userTypes[inputs.userType],
      agentId: inputs.agentId,
      agentEnterpriseName: inputs.agentEnterpriseName,
      agentDescription: inputs.agentDescription,
      idProgramSite: inputs.siteId,
      idProgramDepartment: inputs.departmentId,
      idProgramBillUnit: inputs.billingUnitId,
      idProgramGroup: inputs.roleGroupId,
      idProfile: inputs.profileId,
      agentTeamId: inputs.teamId,
      agentDeskSettingsID: inputs.deskSettingsId,
      userCollectionIds: inputs.userCollectionIds,
      agentCollectionIds: inputs.agentCollectionIds,
      ssoEnabledUser: inputs.ssoEnabled,
      reuseAgentId: inputs.reuseAgentId,
    });
    return { idProgramUser, answered: true };
  } catch (error) {
    if (isTransportError(error) && error.ambiguous) {
      const committed = await findUserByLogin(cce, inputs.loginName);
      if (committed) return { idProgramUser: committed.idProgramUser, answered: false };
    }
    if (isApiError(error) && error.constant.startsWith("CLONE_USER_FAILED_USER_LOGIN_NM_ALREADY_EXISTS")) {
      error.message += `. User ${inputs.loginName} already exists: set adopt: true to manage it with this resource.`;
    }
    throw error;
  }
}

/**
 * Disables the user named by the state without reading it first (disabling a disabled user
 * changes nothing). False when the state lacks the ids or the portal refuses: the caller then
 * reads the user, which also tells a user deleted by hand ("already gone") from a real refusal.
 */
async function disabledFromState(cce: CceClient, id: string, props: UserOutputs): Promise<boolean> {
  if (props.idUser === undefined || props.idUser === null || !props.loginName || !props.userType) return false;
  const user = { idUser: props.idUser, idProgramUser: Number(id), loginNm: props.loginName } as UserRecord;
  try {
    await setStatus(cce, isContactCenter(props.userType) ? "setUserStatus" : "enableDisableUserInPortal", user, false);
    return true;
  } catch (error) {
    if (isApiError(error)) return false;
    throw error;
  }
}

/**
 * A step after the clone failed: the user exists but was never handed to Pulumi, so no
 * later run would know it. Delete it, so the next run clones afresh instead of tripping on
 * an orphan; the error says what happened either way.
 */
async function rollBack(cce: CceClient, cloned: UserRecord, cause: unknown): Promise<unknown> {
  const error = cause instanceof Error ? cause : new Error(String(cause));
  try {
    await deleteUser(cce, cloned.idProgramUser);
    error.message += `. The user ${cloned.loginNm} had been cloned; it was deleted again so that the next run starts clean.`;
  } catch (rollbackError) {
    error.message +=
      `. The user ${cloned.loginNm} (idProgramUser ${cloned.idProgramUser}) had been cloned, and deleting it again failed too ` +
      `(${(rollbackError as Error).message}): set adopt: true to take it over on the next run.`;
  }
  return error;
}

export async function read(config: ConfigSource | undefined, id: string, props: UserOutputs) {
  return guarded(async () => {
    const { connection, cce } = connectCce(config);
    // Every user in one list (getUsers answers the same UserAgentInfo as getUserByIdProgram):
    // a refresh reads it once, not each user.
    const all = await sharedRead(`cce-users|${portalKey(connection)}`, () => listUsers(cce));
    const user = all.find((u) => u.idProgramUser === Number(id));
    // Gone: an empty id makes the engine drop it, and the next `up` clones it again.
    if (!user) return { id: "" };
    // Skill memberships of a whole peripheral, group by group, shared by the refresh's reads. An
    // agent can only be in its own peripheral's groups (ICM's rule), so other peripherals' groups
    // are not read.
    const memberships = (peripheralId: number) =>
      sharedRead(`cce-memberships|${portalKey(connection)}|${peripheralId}`, async () => {
        const groups = (await refreshSkillGroups(cce, connection)).filter((group) => group.peripheralId === peripheralId);
        return skillMemberships(cce, groups.map((group) => group.skillTargetId));
      });
    const live = await liveInputs(cce, user, props, async (u) => (await memberships(u.platformId!)).get(u.idProgramUser) ?? []);
    const declared = Object.fromEntries(
      [...COMPARED_FIELDS, "template"].filter((field) => field in props).map((field) => [field, props[field as keyof UserOutputs]]),
    ) as Partial<UserInputs>;
    // A name stays only while it still names the live id; after drift the next run resolves it again.
    const { names, unnamed } = namesStillLive(props, live, USER_NAMED_REFERENCES);
    return {
      id,
      props: outputsOf({ ...unnamed, ...names, ...live } as UserInputs, user, props.adopted ?? false),
      // Live values as inputs too, so `preview` after a refresh names each drifted field.
      inputs: { ...declared, ...names, ...live },
    };
  });
}

export async function update(config: ConfigSource | undefined, id: string, olds: UserOutputs, news: UserInputs) {
  return guarded(async () => {
    const { connection, cce } = connectCce(config);
    const user = await getUser(cce, Number(id));
    if (!user) {
      const error = notFoundError(`User ${olds.loginName} (idProgramUser ${id})`);
      error.message += ": it was deleted outside Pulumi. Run `pulumi refresh`, and the next `up` creates it again.";
      throw error;
    }
    // Memberships are reconciled when the declared groups changed (a refresh puts drift in the olds).
    const membership = sameValue(olds.skillGroupIds, news.skillGroupIds) ? "skip" : "read";
    const live = await converge(cce, user, news, { password: olds.password !== news.password, membership, portal: portalKey(connection) });
    return { outs: outputsOf(news, live, olds.adopted) };
  });
}

export async function remove(config: ConfigSource | undefined, id: string, props: UserOutputs) {
  if (props.deletionPolicy === "retain") return;
  return guarded(async () => {
    const { connection, cce } = connectCce(config);
    forgetClonedAgent(connection, Number(id));
    if (props.deletionPolicy !== "delete" && (await disabledFromState(cce, id, props))) return;
    const user = await getUser(cce, Number(id));
    if (!user) return; // Already gone: all is well.
    if (props.deletionPolicy === "delete") {
      await deleteUser(cce, user.idProgramUser);
      return;
    }
    if (user.status || (isContactCenter(typeOf(user.userTypeCode)) && user.icmStatus)) {
      await setStatus(cce, isContactCenter(typeOf(user.userTypeCode)) ? "setUserStatus" : "enableDisableUserInPortal", user, false);
    }
  });
}
