/**
 * What `CceUser` does at each step of its life. Runs in the provider process only.
 *
 * The inputs keep what the user wrote: a site, a team or skill groups given by name stay names
 * (the plan shows `site: "HQ" => "Branch"`), and the ids they stand for live in the outputs
 * (provider/cce/named-references.ts). An update writes exactly the fields the plan shows.
 */
import { stateId } from "../core/path-segment";
import { findLateCommit, notFoundAfterLostAnswer } from "../core/late-commit";
import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, containsUnknown } from "../core/check";
import { sameValue } from "../core/diff";
import { conflictError, isApiError, isTransportError, notFoundError, validationError } from "../core/errors";
import { guarded } from "../core/guarded";
import { ProcessCache } from "../core/process-cache";
import { identityRead, sharedRead } from "../core/shared-read";
import { CceClient, connectCce } from "./client";
import { CceConnection, portalKey, resolveCceConnection } from "./connection";
import {
  checkNamedReferences,
  declaredNames,
  NamedReference,
  resolveReferenceIds,
  resolveSkillGroupNames,
  sameName,
  sameNames,
  platformList,
  skillGroupNamesOf,
  sortNames,
} from "./named-references";
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
import { forgetClonedAgent, handOffClonedAgent } from "./cloned-agents";
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

/** The references a user may name that are BasicUserInfo fields: all but the platform, which never changes in place. */
const INFO_REFERENCES = Object.fromEntries(Object.entries(USER_NAMED_REFERENCES).filter(([field]) => field !== "platform")) as Record<string, NamedReference>;

/**
 * Declared fields compared as they are; the references, the platform and the skill groups have
 * rules of their own. `template` is read only at create, so changing it changes nothing.
 */
const PLAIN_FIELDS = [
  "loginName", "userType", "firstName", "lastName", "email", "phone", "agentId", "agentEnterpriseName", "agentDescription", "ssoEnabled",
  "password", "userCollectionIds", "agentCollectionIds", "enabledInPortal", "enabledInIcm", "reuseAgentId", "adopt", "deletionPolicy",
] as const;

const isContactCenter = (type: UserInputs["userType"]) => type !== "nonContactCenter";
const typeOf = (code: string): UserInputs["userType"] =>
  (Object.entries(userTypes).find(([, wire]) => wire === code)?.[0] as UserInputs["userType"]) ?? "nonContactCenter";
const sorted = (ids: number[] | undefined) => (ids === undefined ? undefined : [...ids].sort((a, b) => a - b));
const field = (values: object, name: string) => (values as Record<string, unknown>)[name];
/** Without the keys whose value is undefined: the engine's wire has no undefined. */
const defined = <T extends object>(values: T): T => Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as T;

export async function check(config: ConfigSource | undefined, olds: unknown, news: Record<string, unknown>) {
  const result = checkInputs(userInputs, news);
  if (result.failures.length === 0) {
    // Memberships are sets: sorted, so a reordering is not a change.
    for (const name of ["skillGroupIds", "userCollectionIds", "agentCollectionIds"]) {
      const list = result.inputs[name];
      if (Array.isArray(list) && !containsUnknown(list)) result.inputs[name] = sorted(list as number[]);
    }
    const groups = result.inputs.skillGroups;
    if (Array.isArray(groups) && !containsUnknown(groups)) result.inputs.skillGroups = sortNames(groups as string[]);
    // New or changed names must name something; they stay names in the inputs. Skill group
    // names are resolved by create() and update(): this run may be the one that creates the group.
    result.failures = await guarded(() => checkNamedReferences(config, olds, result.inputs, USER_NAMED_REFERENCES));
  }
  return result as { inputs: UserInputs; failures: { property: string; reason: string }[] };
}

// ---------------------------------------------------------------------------------------
// What changed, in the names the user wrote.

/**
 * A named reference (or its id) in the declaration, against the state (old outputs, which
 * hold the name as declared and the id it stood for). A change of form alone (a name for the
 * id the state holds, or the reverse) is a change of the declaration but not of the user.
 */
function referenceChanges(olds: UserOutputs, news: UserInputs, name: string, reference: NamedReference): string[] {
  const [oldName, newName] = [field(olds, name), field(news, name)];
  const [oldId, newId] = [field(olds, reference.id), field(news, reference.id)];
  if (newName !== undefined) {
    const sameAsBefore = typeof oldName === "string" && typeof newName === "string" && !containsUnknown(newName) && sameName(oldName, newName);
    return [...(sameAsBefore ? [] : [name]), ...(newId !== undefined && newId !== oldId ? [reference.id] : [])];
  }
  if (newId !== undefined) return oldName !== undefined || !sameValue(oldId, newId) ? [reference.id] : [];
  // No longer declared: no longer managed.
  if (oldName !== undefined) return [name];
  return oldId !== undefined ? [reference.id] : [];
}

/** The platform declared, as an id: resolved from its name, unless the state already did. */
async function declaredPlatformId(config: ConfigSource | undefined, olds: UserOutputs, news: UserInputs): Promise<number | undefined> {
  if (news.platform === undefined) return news.platformId;
  if (typeof olds.platform === "string" && sameName(olds.platform, news.platform) && typeof olds.platformId === "number") return olds.platformId;
  return (await resolveReferenceIds(resolveCceConnection(config), news, { platform: USER_NAMED_REFERENCES.platform })).platformId;
}

/** The skill groups declared, by id: resolved from their names on the agent's platform. */
async function declaredSkillGroupIds(connection: CceConnection, platformId: number | null, inputs: UserInputs): Promise<number[] | undefined> {
  if (inputs.skillGroups !== undefined) return sorted(await resolveSkillGroupNames(connection, platformId, inputs.skillGroups));
  return inputs.skillGroupIds;
}

/**
 * The skill groups: by name, compared without case and order; by id, as a set. Switching
 * between the two forms is a change of the declaration (the state takes the new form; no call
 * is made when the groups are the same).
 */
function skillGroupChanges(olds: UserOutputs, news: UserInputs): string[] {
  if (news.skillGroups !== undefined) {
    return containsUnknown(news.skillGroups) || olds.skillGroups === undefined || !sameNames(olds.skillGroups, news.skillGroups) ? ["skillGroups"] : [];
  }
  if (news.skillGroupIds !== undefined) {
    return containsUnknown(news.skillGroupIds) || olds.skillGroups !== undefined || !sameValue(sorted(olds.skillGroupIds), news.skillGroupIds) ? ["skillGroupIds"] : [];
  }
  if (olds.skillGroups !== undefined) return ["skillGroups"];
  return olds.skillGroupIds !== undefined ? ["skillGroupIds"] : [];
}

/**
 * The fields whose declared value changed, named as the declaration names them, and those of
 * them that replace the user. This is the plan: update() writes exactly these.
 */
async function declaredChanges(config: ConfigSource | undefined, olds: UserOutputs, news: UserInputs): Promise<{ changed: string[]; replaces: string[] }> {
  const changed: string[] = PLAIN_FIELDS.filter((name) => !sameValue(field(olds, name), field(news, name)));
  for (const [name, reference] of Object.entries(INFO_REFERENCES)) changed.push(...referenceChanges(olds, news, name, reference));
  const replaces: string[] = changed.filter((name) => name === "loginName");
  // The platform: another one replaces the user (a clone stays on its template's platform).
  const platformField = news.platform !== undefined ? "platform" : "platformId";
  if (news.platform !== undefined || news.platformId !== undefined) {
    const wanted = containsUnknown(news.platform ?? news.platformId) ? undefined : await declaredPlatformId(config, olds, news);
    const current = olds.livePlatformId ?? olds.platformId;
    if (wanted === undefined || wanted !== current) {
      changed.push(platformField);
      replaces.push(platformField);
    } else {
      changed.push(...referenceChanges(olds, news, "platform", USER_NAMED_REFERENCES.platform));
    }
  } else {
    changed.push(...referenceChanges(olds, news, "platform", USER_NAMED_REFERENCES.platform));
  }
  changed.push(...skillGroupChanges(olds, news));
  // Non-contact-center users have no platform and the portal never changes a platform.
  if (changed.includes("userType") && isContactCenter(olds.userType) !== isContactCenter(news.userType)) replaces.push("userType");
  return { changed: [...new Set(changed)], replaces: [...new Set(replaces)] };
}

export async function diff(_id: string, olds: UserOutputs, news: UserInputs, config?: ConfigSource): Promise<pulumi.dynamic.DiffResult> {
  const { changed, replaces } = await guarded(() => declaredChanges(config, olds, news));
  if (replaces.length > 0 && !changed.includes("loginName") && olds.deletionPolicy !== "delete") {
    // The replacement keeps the login name, so the old user must be gone before the clone, and
    // the engine deletes it with the policy already in the state.
    throw validationError(
      replaces[0],
      `needs the user ${news.loginName} to be replaced (deleted, then cloned again under the same login name), which only deletionPolicy "delete" allows; ` +
        `set deletionPolicy: "delete" and run \`pulumi up\` first (accepting that the portal deletes the user irreversibly), then allow that deletion ` +
        `(\`contact-center allow-delete --stack <stack> user ${news.loginName}\`); or keep the current value ${JSON.stringify(field(olds, replaces[0]))}`,
      field(news, replaces[0]),
    );
  }
  let deleteBeforeReplace = !replaces.includes("loginName");
  if (replaces.includes("loginName")) {
    // A new login is a new user, cloned before the old one goes; the portal refuses a second user
    // with the same first and last name, or (without reuseAgentId) the same agent id, while the
    // old one exists. Only the delete policy lets the old one go first.
    const clash = clashOfNewLogin(olds, news);
    if (clash && olds.deletionPolicy === "delete") deleteBeforeReplace = true;
    else if (clash) {
      throw validationError(
        "loginName",
        `change replaces the user: the new one is cloned while the old one still exists (deletionPolicy "${olds.deletionPolicy}" keeps it), and the portal refuses a second user with ${clash} ` +
          `(${clash === "the same agent id" ? "CLONE_USER_FAILED_AGENT_ID_ALREADY_IN_USE" : "CLONE_USER_FAILED_USER_FIRST_AND_LAST_ALREADY_EXISTS"}). ` +
          `Change ${clash === "the same agent id" ? "agentId (or set reuseAgentId)" : "firstName or lastName"} as well, or set deletionPolicy: "delete" and run \`pulumi up\` first, ` +
          `then allow the old user's deletion (\`contact-center allow-delete --stack <stack> user ${olds.loginName}\`), so that it is deleted (irreversibly) before the new one is cloned; was ${JSON.stringify(olds.loginName)}`,
        news.loginName,
      );
    }
  }
  if (replaces.length === 0) {
    for (const name of ["userCollectionIds", "agentCollectionIds"] as const) {
      if (changed.includes(name) && news[name] !== undefined) {
        throw validationError(
          name,
          `cannot be changed after the user is created: the portal API sets collections only in cloneUser. Change them in the portal ` +
            `(then \`pulumi refresh\`), or replace the user (\`pulumi up --replace <urn>\`, which applies deletionPolicy "${olds.deletionPolicy}" to the old one); was ${JSON.stringify(olds[name] ?? "the template's")}`,
          news[name],
        );
      }
    }
  }
  return { changes: changed.length > 0, replaces, deleteBeforeReplace };
}

/** What a user under a new login would share with the old one that the portal allows only once, if anything. */
function clashOfNewLogin(olds: UserOutputs, news: UserInputs): string | undefined {
  if (sameName(olds.firstName, news.firstName) && sameName(olds.lastName, news.lastName)) return "the same first and last name";
  if (isContactCenter(news.userType) && news.agentId !== undefined && news.agentId === olds.agentId && !news.reuseAgentId) return "the same agent id";
  return undefined;
}

// ---------------------------------------------------------------------------------------
// Reading.

/** How a user's skill groups are read: one call per agent, unless a refresh passes the tenant's memberships. */
type SkillsOf = (user: UserRecord) => Promise<number[]>;

/**
 * The live values of the managed fields, by id (`declared`: the state's outputs, where a field
 * is managed when it has a value, a reference by name included, since its id is kept too).
 */
async function liveValues(cce: CceClient, user: UserRecord, declared: Partial<UserOutputs>, skillsOf: SkillsOf = (u) => getAssignedSkillGroups(cce, u)): Promise<Partial<UserOutputs>> {
  const live: Partial<UserOutputs> = {
    loginName: user.loginNm,
    userType: typeOf(user.userTypeCode),
    enabledInPortal: user.status,
    enabledInIcm: isContactCenter(typeOf(user.userTypeCode)) ? user.icmStatus : declared.enabledInIcm,
  };
  for (const name of userInfoFields) {
    // Unset inputs are not managed: leave them unset rather than report the template's values as drift.
    if (declared[name] === undefined) continue;
    const value = user[USER_INFO_FIELDS[name]];
    (live as Record<string, unknown>)[name] = value === null ? undefined : value;
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

/** The outputs: the inputs as declared, with every id they resolved to, and what the portal says of the user. */
function outputsOf(inputs: UserInputs, ids: Partial<UserOutputs>, user: UserRecord, adopted: boolean): UserOutputs {
  return defined({
    ...inputs,
    ...ids,
    idProgramUser: user.idProgramUser,
    idUser: user.idUser,
    agentSkillTargetId: user.agentSkillTargetId,
    livePlatformId: user.platformId,
    liveAgentEnterpriseName: user.agentEnterpriseName,
    teamName: user.agentTeamNm,
    adopted,
  });
}

export async function read(config: ConfigSource | undefined, id: string, props: UserOutputs) {
  return guarded(async () => {
    const idProgramUser = stateId(id, "user");
    const { connection, cce } = connectCce(config);
    // Every user in one list (getUsers answers the same UserAgentInfo as getUserByIdProgram):
    // a refresh reads it once, not each user.
    const all = await sharedRead(`cce-users|${portalKey(connection)}`, () => listUsers(cce));
    const user = all.find((u) => u.idProgramUser === idProgramUser);
    // Gone: an empty id makes the engine drop it, and the next `up` clones it again.
    if (!user) return { id: "" };
    // Skill memberships of a whole peripheral, group by group, shared by the refresh's reads. An
    // agent can only be in its own peripheral's groups (ICM's rule), so other peripherals' groups
    // are not read.
    const groups = () => refreshSkillGroups(cce, connection);
    const memberships = (peripheralId: number) =>
      sharedRead(`cce-memberships|${portalKey(connection)}|${peripheralId}`, async () =>
        skillMemberships(cce, (await groups()).filter((group) => group.peripheralId === peripheralId).map((group) => group.skillTargetId)),
      );
    const live = await liveValues(cce, user, props, async (u) => (await memberships(u.platformId!)).get(u.idProgramUser) ?? []);

    // Each field in its declared form: a reference named as declared while it stands for the
    // live id, else by the live one's name; skill groups likewise.
    const names = await declaredNames(connection, props, live, USER_NAMED_REFERENCES, { team: user.agentTeamNm });
    const groupNames =
      props.skillGroups !== undefined && live.skillGroupIds !== undefined
        ? { skillGroups: skillGroupNamesOf({ groups: await groups(), platforms: await platformList(connection) }, user.platformId, props.skillGroups, live.skillGroupIds) }
        : {};
    const declared: Record<string, unknown> = {};
    for (const name of [...PLAIN_FIELDS, "template"]) if (name in props) declared[name] = name in live ? field(live, name) : field(props, name);
    for (const [name, reference] of Object.entries(USER_NAMED_REFERENCES)) {
      if (props[name as keyof UserOutputs] !== undefined) declared[name] = names[name];
      else if (field(props, reference.id) !== undefined) declared[reference.id] = field(live, reference.id);
    }
    if (props.skillGroups !== undefined) Object.assign(declared, groupNames);
    else if (props.skillGroupIds !== undefined) declared.skillGroupIds = live.skillGroupIds;
    const ids = Object.fromEntries(Object.values(USER_NAMED_REFERENCES).map((reference) => [reference.id, field(live, reference.id) ?? field(props, reference.id)]));
    return {
      id,
      props: outputsOf({ ...props, ...declared } as UserInputs, { ...ids, skillGroupIds: live.skillGroupIds ?? props.skillGroupIds }, user, props.adopted ?? false),
      // Live values as inputs too, so `preview` after a refresh names each drifted field.
      inputs: defined(declared),
    };
  });
}

// ---------------------------------------------------------------------------------------
// Creating (and adopting): the whole declaration.

/**
 * How converge learns the agent's current skill groups: `read` them, or take them as a new
 * `clone`'s (its template's, see clonedSkillGroups).
 */
type Membership = "read" | "clone";

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

/** The declaration with every reference as an id, as converge and the clone want it. */
type ResolvedInputs = UserInputs & { skillGroupIds?: number[] };

/**
 * Brings an existing user (just cloned, or adopted) to the whole declaration with the fewest
 * calls: updateUser only when a BasicUserInfo field differs, then password, status and
 * skill-group deltas. The user is read again at the end only when a call changed it and its
 * answer does not say how.
 */
async function converge(cce: CceClient, user: UserRecord, inputs: ResolvedInputs, options: { password: boolean; membership: Membership; portal: string }): Promise<UserRecord> {
  const info = basicUserInfo(user);
  let infoChanged = false;
  for (const name of userInfoFields) {
    const wanted = inputs[name];
    if (wanted !== undefined && !sameValue(info[USER_INFO_FIELDS[name]], wanted)) {
      info[USER_INFO_FIELDS[name]] = wanted;
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
  } else {
    if (user.status !== inputs.enabledInPortal) await setStatus(cce, "enableDisableUserInPortal", user, inputs.enabledInPortal);
    if (contactCenter && user.icmStatus !== inputs.enabledInIcm) await setStatus(cce, "enableDisableUserInICM", user, inputs.enabledInIcm);
  }

  if (inputs.skillGroupIds !== undefined && user.platformId !== null) {
    const current = options.membership === "clone" ? await clonedSkillGroups(cce, options.portal, user) : await getAssignedSkillGroups(cce, user);
    const added = inputs.skillGroupIds.filter((id) => !current.includes(id));
    const removed = current.filter((id) => !inputs.skillGroupIds!.includes(id));
    await saveSkillsToAgent(cce, user, added, removed);
  }
  return readAgain ? ((await getUser(cce, user.idProgramUser)) ?? live) : live;
}

/** Refuses an adopted user whose type or platform the declaration cannot have without a replace. */
function assertCompatible(user: UserRecord, inputs: ResolvedInputs): void {
  const liveType = typeOf(user.userTypeCode);
  if (isContactCenter(liveType) !== isContactCenter(inputs.userType)) {
    throw validationError("userType", `cannot turn the existing ${liveType} ${user.loginNm} into a ${inputs.userType} (the portal never changes a platform)`, inputs.userType);
  }
  if (inputs.platformId !== undefined && user.platformId !== inputs.platformId) {
    throw validationError("platformId", `must be the platform ${user.loginNm} is on (${user.platformId}); the portal never changes a platform`, inputs.platformId);
  }
}

/** The declaration with its references as ids, for a user on `platformId`; the ids alone, for the outputs. */
async function resolved(connection: CceConnection, inputs: UserInputs, platformId: number | null, state: object = {}): Promise<{ inputs: ResolvedInputs; ids: Partial<UserOutputs> }> {
  const ids: Partial<UserOutputs> = await resolveReferenceIds(connection, inputs, USER_NAMED_REFERENCES, state);
  const skillGroupIds = await declaredSkillGroupIds(connection, platformId, inputs);
  if (skillGroupIds !== undefined) ids.skillGroupIds = skillGroupIds;
  return { inputs: { ...inputs, ...ids }, ids };
}

export async function create(config: ConfigSource | undefined, inputs: UserInputs) {
  return guarded(async () => {
    const { connection, cce } = connectCce(config);
    const portal = portalKey(connection);
    const references = await resolveReferenceIds(connection, inputs, USER_NAMED_REFERENCES);

    if (inputs.adopt) {
      const existing = await findUserByLogin(cce, inputs.loginName);
      if (existing) {
        const target = await resolved(connection, inputs, existing.platformId);
        assertCompatible(existing, target.inputs);
        const live = await converge(cce, existing, target.inputs, { password: true, membership: "read", portal });
        return { id: String(live.idProgramUser), outs: outputsOf(inputs, target.ids, live, true) };
      }
    }

    // A clone lands on its template's platform: a declared platform must be that one, and the
    // declared skill groups must be on it. Both are said before cloning, not after.
    if (references.platformId !== undefined || inputs.skillGroups !== undefined) {
      const template = await templateUser(connection, cce, inputs.template);
      if (template && references.platformId !== undefined && template.platformId !== references.platformId) {
        throw validationError(
          inputs.platform !== undefined ? "platform" : "platformId",
          `must match the platform of template ${inputs.template} (${template.platformId}): a clone is on its template's platform`,
          inputs.platform ?? inputs.platformId,
        );
      }
      if (template && inputs.skillGroups !== undefined) await resolveSkillGroupNames(connection, template.platformId, inputs.skillGroups);
    }

    const { idProgramUser, answered } = await cloneOrFindCommitted(cce, { ...inputs, ...references });
    // One read of the new user: the clone's answer (BasicUserAgentInfo) lacks its type, team
    // name and enterprise name, which converge compares and the outputs report.
    const cloned = await getUser(cce, idProgramUser);
    if (!cloned) throw notFoundError(`User ${inputs.loginName} (idProgramUser ${idProgramUser}), just cloned,`);
    try {
      const target = await resolved(connection, inputs, cloned.platformId);
      // Only a clone whose answer arrived is known to be new, and so in its template's groups.
      const live = await converge(cce, cloned, target.inputs, { password: false, membership: answered ? "clone" : "read", portal });
      if (live.agentSkillTargetId !== null) {
        // For the AgentAttribute creates that follow, which would otherwise list every agent.
        await handOffClonedAgent(connection, cce, { idProgramUser: live.idProgramUser, loginNm: live.loginNm, skillTargetId: live.agentSkillTargetId });
      }
      return { id: String(live.idProgramUser), outs: outputsOf(inputs, target.ids, live, false) };
    } catch (error) {
      throw await rollBack(cce, cloned, error);
    }
  });
}

/**
 * For `contact-center recover` (cli/recover.ts): the object a create of `inputs` made before its
 * run was killed, found by its natural key, with the outputs that create would have returned;
 * undefined when there is none. Reads only.
 */
export async function recoverCreated(config: ConfigSource | undefined, inputs: UserInputs) {
  return guarded(async () => {
    const { connection, cce } = connectCce(config);
    // The login name is unique in the tenant (cloneUser refuses a second one).
    const user = await findUserByLogin(cce, inputs.loginName);
    if (!user) return undefined;
    const target = await resolved(connection, inputs, user.platformId);
    return { id: String(user.idProgramUser), outs: outputsOf(inputs, target.ids, user, false) };
  });
}

const templates = new ProcessCache<UserRecord | undefined>("cce-template-users");

/** A template user by login name, read once per provider process (its platform does not change). */
function templateUser(connection: CceConnection, cce: CceClient, loginName: string): Promise<UserRecord | undefined> {
  return templates.get(`${portalKey(connection)}|${loginName.toLowerCase()}`, () => findUserByLogin(cce, loginName));
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
      // The answer was lost; the clone may have been committed, maybe later still.
      const committed = await findLateCommit(`User ${inputs.loginName}`, () => findUserByLogin(cce, inputs.loginName));
      if (committed) return { idProgramUser: committed.idProgramUser, answered: false };
      error.message += notFoundAfterLostAnswer();
    }
    if (isApiError(error) && error.constant.startsWith("CLONE_USER_FAILED_USER_LOGIN_NM_ALREADY_EXISTS")) {
      error.message += `. User ${inputs.loginName} already exists: set adopt: true to manage it with this resource.`;
    }
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

// ---------------------------------------------------------------------------------------
// Updating: exactly the plan.

/** The user as the state knows it: enough to address every call that does not replace the whole record. */
function userOfState(id: string, olds: UserOutputs): UserRecord {
  return {
    idProgramUser: stateId(id, "user"),
    idUser: olds.idUser,
    loginNm: olds.loginName,
    userTypeCode: userTypes[olds.userType],
    platformId: olds.livePlatformId,
    agentSkillTargetId: olds.agentSkillTargetId,
    agentEnterpriseName: olds.liveAgentEnterpriseName,
    agentTeamNm: olds.teamName,
  } as UserRecord;
}

function goneError(olds: UserOutputs, id: string) {
  const error = notFoundError(`User ${olds.loginName} (idProgramUser ${id})`);
  error.message += ": it was deleted outside Pulumi. Run `pulumi refresh`, and the next `up` creates it again.";
  return error;
}

/**
 * Writes exactly the fields the plan shows (declaredChanges), each to its declared value.
 * A field the plan does not name is never sent, even if it drifted since the last refresh: the
 * portal's updateUser replaces the whole record, so it is read first and only the planned
 * fields are changed in it (`ignoreChanges` relies on this). A change of form alone (a name
 * for the same id), or of a field that lives in the state only, makes no call at all.
 */
export async function update(config: ConfigSource | undefined, id: string, olds: UserOutputs, news: UserInputs) {
  return guarded(async () => {
    const { changed } = await declaredChanges(config, olds, news);
    const has = (...names: string[]) => names.some((name) => changed.includes(name));
    let connected: ReturnType<typeof connectCce> | undefined;
    const cce = () => (connected ??= connectCce(config)).cce;
    const connection = () => (connected ??= connectCce(config)).connection;
    let user = userOfState(id, olds);
    const { idProgramUser } = user;

    // The references' ids, from the state when their names did not change.
    const ids: Partial<UserOutputs> = Object.fromEntries(Object.values(USER_NAMED_REFERENCES).map((r) => [r.id, field(olds, r.id)]));
    const referenceFields = Object.entries(USER_NAMED_REFERENCES).filter(([name, reference]) => has(name, reference.id));
    if (referenceFields.length > 0) {
      const declared = Object.fromEntries(referenceFields.map(([name]) => [name, USER_NAMED_REFERENCES[name as keyof typeof USER_NAMED_REFERENCES]]));
      Object.assign(ids, await resolveReferenceIds(connection(), news, declared, olds));
      for (const [name, reference] of referenceFields) if (field(news, name) === undefined && field(news, reference.id) === undefined) delete (ids as Record<string, unknown>)[reference.id];
    }

    try {
      // BasicUserInfo: the planned fields whose value really moves (not a change of form).
      const info: Partial<Record<UserInfoField, unknown>> = {};
      for (const name of userInfoFields) {
        const reference = Object.entries(INFO_REFERENCES).find(([, r]) => r.id === name);
        const planned = reference ? has(reference[0], name) : has(name);
        const wanted = reference ? field(ids, name) : field(news, name);
        if (planned && wanted !== undefined && !sameValue(wanted, field(olds, name))) info[name] = wanted;
      }
      const typeChanged = has("userType");
      if (Object.keys(info).length > 0 || typeChanged) {
        const live = await getUser(cce(), idProgramUser);
        if (!live) throw goneError(olds, id);
        const record = basicUserInfo(live);
        for (const [name, value] of Object.entries(info)) record[USER_INFO_FIELDS[name as UserInfoField]] = value;
        if (typeChanged) {
          record.userTypeCode = userTypes[news.userType];
          record.supervisorAgent = news.userType === "supervisor" ? "Yes" : "No";
        }
        const saved = await updateUser(cce(), record, news.reuseAgentId);
        user = { ...live, ...(saved ?? {}) };
        // The answer lacks the team's name: a new team's is the declared one, or read back.
        if (info.teamId !== undefined && info.teamId !== live.agentTeamId) {
          user.agentTeamNm = typeof news.team === "string" ? news.team : ((await getUser(cce(), idProgramUser))?.agentTeamNm ?? null);
        }
      }

      if (has("password") && news.password !== undefined) await resetPassword(cce(), user, news.password);

      const contactCenter = isContactCenter(news.userType);
      const portalStatus = has("enabledInPortal");
      const icmStatus = contactCenter && has("enabledInIcm");
      if (portalStatus && icmStatus && news.enabledInPortal === news.enabledInIcm) {
        await setStatus(cce(), "setUserStatus", user, news.enabledInPortal);
      } else {
        if (portalStatus) await setStatus(cce(), "enableDisableUserInPortal", user, news.enabledInPortal);
        if (icmStatus) await setStatus(cce(), "enableDisableUserInICM", user, news.enabledInIcm);
      }

      // Skill groups: the whole declared set, when the plan names it and it stands for other groups.
      let skillGroupIds = olds.skillGroupIds;
      if (has("skillGroups", "skillGroupIds")) {
        skillGroupIds = await declaredSkillGroupIds(connection(), user.platformId, news);
        if (skillGroupIds !== undefined && user.platformId !== null && !sameValue(skillGroupIds, sorted(olds.skillGroupIds))) {
          const current = await getAssignedSkillGroups(cce(), user);
          await saveSkillsToAgent(
            cce(),
            user,
            skillGroupIds.filter((g) => !current.includes(g)),
            current.filter((g) => !skillGroupIds!.includes(g)),
          );
        }
      }
      return { outs: outputsOf(news, { ...ids, ...(skillGroupIds !== undefined ? { skillGroupIds } : {}) }, user, olds.adopted) };
    } catch (error) {
      // A refusal may mean the user was deleted by hand since the last refresh: say so plainly.
      if (isApiError(error) && !(await getUser(cce(), idProgramUser).catch(() => true))) throw goneError(olds, id);
      throw error;
    }
  });
}

// ---------------------------------------------------------------------------------------
// Deleting, per deletionPolicy.

/**
 * The user as the portal shows it right before a delete or disable.
 *
 * A delete sends `deleteUser` the same SearchByIdRequest as `getUserByIdProgram`, so the user is
 * read by that call: its answer being this user is what shows the portal reads `searchId` as the
 * idProgramUser (docs/cce-wire-decisions.md), and a server that reads it otherwise fails the read
 * and deletes nothing. A disable names the user by its own record's ids and login name, so the
 * read is a list shared by the disables of a destroy (`identityRead`: N users cost a few lists,
 * not N reads); a user the list lacks is read alone, so that a list that leaves some users out,
 * or predates a user, is never taken for "already gone".
 */
async function userBeforeRemoval(connection: CceConnection, cce: CceClient, idProgramUser: number, policy: "delete" | "disable"): Promise<UserRecord | undefined> {
  if (policy === "delete") return getUser(cce, idProgramUser);
  const { list } = await identityRead(`cce-users|${portalKey(connection)}`, () => listUsers(cce));
  return list.find((user) => user.idProgramUser === idProgramUser) ?? (await getUser(cce, idProgramUser));
}

/** Deletes or disables the user the state names, per its deletionPolicy, once its identity is checked. */
export async function remove(config: ConfigSource | undefined, id: string, props: UserOutputs) {
  if (props.deletionPolicy === "retain") return;
  return guarded(async () => {
    const idProgramUser = stateId(id, "user");
    const { connection, cce } = connectCce(config);
    forgetClonedAgent(connection, idProgramUser);
    // Read right before the delete or disable: it must be the user the state names.
    const user = await userBeforeRemoval(connection, cce, idProgramUser, props.deletionPolicy === "delete" ? "delete" : "disable");
    if (!user) return; // Already gone: all is well.
    if (props.loginName && user.loginNm.toLowerCase() !== props.loginName.toLowerCase()) {
      throw conflictError(
        `CCE user ${id} is ${user.loginNm} in the portal, not ${props.loginName} as the state says: nothing was ${props.deletionPolicy === "delete" ? "deleted" : "disabled"}. ` +
          "Run `pulumi refresh` and check which user this is",
      );
    }
    if (props.deletionPolicy === "delete") {
      await deleteUser(cce, user.idProgramUser);
      return;
    }
    if (user.status || (isContactCenter(typeOf(user.userTypeCode)) && user.icmStatus)) {
      try {
        await setStatus(cce, isContactCenter(typeOf(user.userTypeCode)) ? "setUserStatus" : "enableDisableUserInPortal", user, false);
      } catch (error) {
        // Refused: the shared list may predate a delete made since. Gone when read alone: all is well.
        if (isApiError(error) && !(await getUser(cce, idProgramUser))) return;
        throw error;
      }
    }
  });
}
