/**
 * Names in place of ids, resolved by the provider. A `CceUser` may name its site, team,
 * platform... and its skill groups, and a `SkillGroup` its peripheral.
 *
 * Skill group names are the one kind this stack may create itself: they are not checked in
 * check() (the group may come into being in the very run whose plan is checked), but resolved
 * in create() and update() before anything is written to the user.
 *
 * The inputs keep the names exactly as the user wrote them: the plan shows `site: "HQ" =>
 * "Branch"`, never the ids behind them, and a drift report names what the tenant has
 * (`site: "Branch"`). The ids live in the outputs:
 * - check() refuses a name that names nothing, but only a name that is new or changed since
 *   the state (a run whose names did not change makes no call);
 * - create() and update() resolve names to ids, taking an unchanged name's id from the state;
 * - read() gives each reference back in its declared form: the declared name while it still
 *   stands for the live id, else the name of the live id (so drift reads `"Branch"`).
 * Reference lists are read once per provider process, and again only for a name they miss.
 */
import { CheckFailure, UNKNOWN } from "../core/check";
import { echo } from "../core/echo";
import { validationError } from "../core/errors";
import { ProcessCache } from "../core/process-cache";
import { CceClient } from "./client";
import { CceConnection, ConfigSource, portalKey, resolveCceConnection } from "./connection";
import { listReferences, LookupResult, ReferenceKind } from "./lookups";
import { listSkillGroups, SkillGroupRecord } from "./skill-groups-api";
import { listUsers } from "./users-api";

/** Teams have no list call: a team is known through its members. */
export type NamedKind = ReferenceKind | "team";

/** A name input, the id input it stands for, and the list that resolves it. */
export interface NamedReference {
  id: string;
  kind: NamedKind;
  /** How the rule names the thing, e.g. "site". */
  what: string;
}

/** Reference lists by connection and kind, for the life of the provider process. */
const lists = new ProcessCache<LookupResult[]>("cce-reference-lists");
/** Every skill group of a portal, for users' `skillGroups`, for the life of the provider process. */
const groupLists = new ProcessCache<SkillGroupRecord[]>("cce-skill-groups");

export const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

async function teamsOf(cce: CceClient): Promise<LookupResult[]> {
  const teams = new Map<number, LookupResult>();
  for (const user of await listUsers(cce)) {
    if (user.agentTeamId !== null && user.agentTeamNm) teams.set(user.agentTeamId, { id: user.agentTeamId, name: user.agentTeamNm, description: "" });
  }
  return [...teams.values()];
}

/** The list of `kind`, read again when it lacks what `covers` looks for (it may be new). */
function listOf(connection: CceConnection, kind: NamedKind, covers: (list: LookupResult[]) => boolean): Promise<LookupResult[]> {
  const cce = new CceClient(connection);
  return lists.lookUp(`${kind}|${portalKey(connection)}`, () => (kind === "team" ? teamsOf(cce) : listReferences(cce, kind)), covers);
}

const byName = (list: readonly LookupResult[], name: string) => list.find((item) => sameName(item.name, name));

/** The rule a name that names nothing breaks, with what the tenant has. */
function namingRule(reference: NamedReference, list: LookupResult[]): string {
  const known = list.map((item) => item.name).join(", ") || "none";
  const where = reference.kind === "team" ? "a team some user of the tenant is in (the portal lists teams only through their members)" : `a ${reference.what} of the tenant`;
  return `must name ${where} (${known})`;
}

function disagreement(reference: NamedReference, name: string, found: number, given: unknown): string {
  return `${echo(name)} is ${reference.what} ${found}, but ${reference.id} is ${echo(given)}: give one or the other`;
}

/**
 * check(): a failure for each name in `inputs` that names nothing, or contradicts an id given
 * beside it. Names the state already holds (`olds`, the state's inputs) were checked when they
 * were written and cost no call. Nothing is written into `inputs`.
 */
export async function checkNamedReferences(
  config: ConfigSource | undefined,
  olds: unknown,
  inputs: Record<string, unknown>,
  references: Record<string, NamedReference>,
): Promise<CheckFailure[]> {
  const previous = (olds ?? {}) as Record<string, unknown>;
  const pending = Object.entries(references).filter(([field, reference]) => {
    const name = inputs[field];
    const given = inputs[reference.id];
    if (typeof name !== "string" || name === UNKNOWN || given === UNKNOWN) return false;
    const unchanged = typeof previous[field] === "string" && sameName(previous[field] as string, name);
    return !unchanged || (given !== undefined && given !== previous[reference.id]);
  });
  if (pending.length === 0) return [];

  const connection = resolveCceConnection(config);
  const failures: CheckFailure[] = [];
  for (const [field, reference] of pending) {
    const name = inputs[field] as string;
    const list = await listOf(connection, reference.kind, (l) => !!byName(l, name));
    const found = byName(list, name);
    const given = inputs[reference.id];
    if (!found) failures.push({ property: field, reason: `${field} ${namingRule(reference, list)}, got ${echo(name)}` });
    else if (given !== undefined && given !== found.id) failures.push({ property: field, reason: `${field} ${disagreement(reference, name, found.id, given)}` });
  }
  return failures;
}

/**
 * create() and update(): the id each declared reference stands for, by id input. A name the
 * state already resolved (`state`: the old outputs, holding both the name and its id) is taken
 * from there without a call. A name that names nothing is a validation error.
 */
export async function resolveReferenceIds(
  connection: CceConnection,
  inputs: Record<string, unknown>,
  references: Record<string, NamedReference>,
  stateIn: object = {},
): Promise<Record<string, number>> {
  const state = stateIn as Record<string, unknown>;
  const ids: Record<string, number> = {};
  for (const [field, reference] of Object.entries(references)) {
    const name = inputs[field];
    const given = inputs[reference.id];
    if (typeof name !== "string") {
      if (typeof given === "number") ids[reference.id] = given;
      continue;
    }
    const kept = state[reference.id];
    if (typeof state[field] === "string" && sameName(state[field] as string, name) && typeof kept === "number" && (given === undefined || given === kept)) {
      ids[reference.id] = kept;
      continue;
    }
    const list = await listOf(connection, reference.kind, (l) => !!byName(l, name));
    const found = byName(list, name);
    if (!found) throw validationError(field, namingRule(reference, list), name);
    if (given !== undefined && given !== found.id) {
      throw validationError(field, `is ${reference.what} ${found.id}, but ${reference.id} is ${echo(given)}: give one or the other`, name);
    }
    ids[reference.id] = found.id;
  }
  return ids;
}

/**
 * read(): each reference declared by name, in its declared form for the live ids: the declared
 * name while its id (in `state`, the old outputs) is still the live one, else the live id's
 * name. `liveNames` gives names the live record carries itself (a user's team), saving a list.
 * A live id no list knows shows as `id <n>`; no live id, no entry.
 */
export async function declaredNames(
  connection: CceConnection,
  stateIn: object,
  live: Record<string, unknown>,
  references: Record<string, NamedReference>,
  liveNames: Record<string, string | null | undefined> = {},
): Promise<Record<string, string>> {
  const state = stateIn as Record<string, unknown>;
  const names: Record<string, string> = {};
  for (const [field, reference] of Object.entries(references)) {
    const declared = state[field];
    const liveId = live[reference.id];
    if (typeof declared !== "string" || typeof liveId !== "number") continue;
    if (liveId === state[reference.id]) {
      names[field] = declared;
      continue;
    }
    const carried = liveNames[field];
    if (carried) {
      names[field] = carried;
      continue;
    }
    const list = await listOf(connection, reference.kind, (l) => l.some((item) => item.id === liveId));
    names[field] = list.find((item) => item.id === liveId)?.name ?? `id ${liveId}`;
  }
  return names;
}

// ---------------------------------------------------------------------------------------
// A user's skill groups by name.

/** The platforms (peripherals) by name, read once per provider process. */
export function platformList(connection: CceConnection): Promise<LookupResult[]> {
  return listOf(connection, "platform", () => true);
}

/** What resolves skill group names: every group of the portal, and the peripherals (platforms) by name. */
export interface SkillGroupDirectory {
  groups: readonly SkillGroupRecord[];
  platforms: readonly LookupResult[];
}

/**
 * The directory, read once per provider process, and again when it lacks a group `covers`
 * looks for (a group this run created a moment ago). The platform list is the one a
 * `SkillGroup`'s `peripheral` name resolves with, so a key `<peripheral>.<name>` means the
 * same peripheral in both places.
 */
export async function skillGroupDirectory(connection: CceConnection, covers: (directory: SkillGroupDirectory) => boolean = () => true): Promise<SkillGroupDirectory> {
  const platforms = await platformList(connection);
  const groups = await groupLists.lookUp(`skill-groups|${portalKey(connection)}`, () => listSkillGroups(new CceClient(connection)), (g) => covers({ groups: g, platforms }));
  return { groups, platforms };
}

/**
 * The group a user's `skillGroups` entry names: `<name>`, a group of the agent's own peripheral
 * `platformId` (ICM lets an agent join only those, so a bare name is unambiguous there; any
 * peripheral's while the platform is not known yet), or `<peripheral>.<name>`, the key a
 * contact-center file gives a group. Names compare without case, as ICM's do.
 */
export function groupNamed(directory: SkillGroupDirectory, platformId: number | null | undefined, reference: string): SkillGroupRecord | undefined {
  const { groups, platforms } = directory;
  const bare = groups.find((g) => (platformId === undefined || g.peripheralId === platformId) && sameName(g.name, reference));
  if (bare) return bare;
  // A peripheral's name may hold dots too: try every split.
  for (let dot = reference.indexOf("."); dot > 0; dot = reference.indexOf(".", dot + 1)) {
    const platform = byName(platforms, reference.slice(0, dot));
    const group = platform && groups.find((g) => g.peripheralId === platform.id && sameName(g.name, reference.slice(dot + 1)));
    if (group) return group;
  }
  return undefined;
}

/** A peripheral's name for messages, else its id. */
const platformNamed = (directory: SkillGroupDirectory, id: number | null) => directory.platforms.find((p) => p.id === id)?.name ?? String(id);

const groupNames = (groups: readonly SkillGroupRecord[]) => [...new Set(groups.map((g) => g.name))].join(", ") || "none";

/**
 * create() and update(): the skill target ids of an agent's `skillGroups`, on its peripheral
 * `platformId`. A name that names no group there is a validation error that says where it is.
 */
export async function resolveSkillGroupNames(connection: CceConnection, platformId: number | null, names: readonly string[]): Promise<number[]> {
  const onPlatform = (directory: SkillGroupDirectory, name: string) => groupNamed(directory, platformId, name)?.peripheralId === platformId;
  const directory = await skillGroupDirectory(connection, (d) => names.every((name) => onPlatform(d, name)));
  const mine = directory.groups.filter((g) => g.peripheralId === platformId);
  return names.map((name, index) => {
    const group = groupNamed(directory, platformId, name);
    if (group && group.peripheralId === platformId) return group.skillTargetId;
    const elsewhere = groupNamed(directory, undefined, name);
    throw validationError(
      `skillGroups.${index}`,
      `must name a skill group of the agent's peripheral ${platformNamed(directory, platformId)} (${groupNames(mine)}): an agent can join only its own peripheral's groups` +
        (elsewhere ? `, and this one is on peripheral ${platformNamed(directory, elsewhere.peripheralId)}` : ""),
      name,
    );
  });
}

/**
 * read(): an agent's live skill groups in the form its declaration uses: each declared name
 * that stands for a live membership as declared, every other membership by its group's bare
 * name (`id <n>` for a group no list knows). Sorted, as memberships are a set.
 */
export function skillGroupNamesOf(directory: SkillGroupDirectory, platformId: number | null, declared: readonly string[], liveIds: readonly number[]): string[] {
  const named = new Map<number, string>();
  for (const name of declared) {
    const group = groupNamed(directory, platformId, name);
    if (group && liveIds.includes(group.skillTargetId) && !named.has(group.skillTargetId)) named.set(group.skillTargetId, name);
  }
  return sortNames(liveIds.map((id) => named.get(id) ?? directory.groups.find((g) => g.skillTargetId === id)?.name ?? `id ${id}`));
}

/** Names sorted as a set: without case first, so `sales` and `Sales` sort together, then exactly. */
export function sortNames(names: readonly string[]): string[] {
  return [...names].sort((a, b) => {
    const [la, lb] = [a.toLowerCase(), b.toLowerCase()];
    return la < lb ? -1 : la > lb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });
}

/** Whether two lists of names hold the same names, without case and order. */
export function sameNames(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  const norm = (list: readonly string[]) => sortNames(list.map((n) => n.toLowerCase())).join("\u0000");
  return a.length === b.length && norm(a) === norm(b);
}
