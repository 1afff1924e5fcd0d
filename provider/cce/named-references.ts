/**
 * Names in place of ids, resolved by the provider. A `CceUser` may name its site, team,
 * platform... and a `SkillGroup` its peripheral; `check()` turns each name into the id input
 * beside it, in the provider process, through the provider's own session.
 *
 * A name the state already resolved keeps its id without any call, so a run whose names did
 * not change makes none (the program makes none either: no lookups run there). Reference lists
 * are read once per process and read again only for a name not found in them. `read()` keeps a
 * name only while its id is still the live one, so after drift the next run resolves it again.
 */
import { CheckFailure, UNKNOWN } from "../core/check";
import { ProcessCache } from "../core/process-cache";
import { CceClient } from "./client";
import { CceConnection, ConfigSource, portalKey, resolveCceConnection } from "./connection";
import { listReferences, LookupResult, ReferenceKind } from "./lookups";
import { listUsers } from "./users-api";

/** Teams have no list call: a team is known through its members. */
export type NamedKind = ReferenceKind | "team";

/** A name input, the id input it fills, and the list that resolves it. */
export interface NamedReference {
  id: string;
  kind: NamedKind;
  /** How the rule names the thing, e.g. "site". */
  what: string;
}

/** Reference lists by connection and kind, for the life of the provider process. */
const lists = new ProcessCache<LookupResult[]>();

async function teamsOf(cce: CceClient): Promise<LookupResult[]> {
  const teams = new Map<number, LookupResult>();
  for (const user of await listUsers(cce)) {
    if (user.agentTeamId !== null && user.agentTeamNm) teams.set(user.agentTeamId, { id: user.agentTeamId, name: user.agentTeamNm, description: "" });
  }
  return [...teams.values()];
}

function listOf(connection: CceConnection, kind: NamedKind, fresh: boolean): Promise<LookupResult[]> {
  const key = `${kind}|${portalKey(connection)}`;
  const cce = new CceClient(connection);
  return lists.get(key, () => (kind === "team" ? teamsOf(cce) : listReferences(cce, kind)), fresh);
}

const byName = (list: LookupResult[], name: string) => list.find((item) => item.name.toLowerCase() === name.toLowerCase());

/**
 * Fills `inputs[reference.id]` for every name given in `inputs`, in place. `olds` are the
 * inputs in the state. Answers a failure per name that names nothing, or that contradicts an
 * id given beside it. API errors are thrown.
 */
export async function resolveNamedReferences(
  config: ConfigSource | undefined,
  olds: unknown,
  inputs: Record<string, unknown>,
  references: Record<string, NamedReference>,
): Promise<CheckFailure[]> {
  const previous = (olds ?? {}) as Record<string, unknown>;
  const pending: [string, NamedReference][] = [];
  for (const [field, reference] of Object.entries(references)) {
    const name = inputs[field];
    const given = inputs[reference.id];
    if (typeof name !== "string") continue;
    if (name === UNKNOWN || given === UNKNOWN) {
      inputs[reference.id] = UNKNOWN;
    } else if (previous[field] === name && typeof previous[reference.id] === "number" && (given === undefined || given === previous[reference.id])) {
      inputs[reference.id] = previous[reference.id];
    } else {
      pending.push([field, reference]);
    }
  }
  if (pending.length === 0) return [];

  const connection = resolveCceConnection(config);
  const failures: CheckFailure[] = [];
  for (const [field, reference] of pending) {
    const name = inputs[field] as string;
    let list = await listOf(connection, reference.kind, false);
    // Kept lists may predate a site or team made a moment ago: ask again before refusing.
    if (!byName(list, name)) list = await listOf(connection, reference.kind, true);
    const found = byName(list, name);
    const given = inputs[reference.id];
    if (!found) {
      const known = list.map((item) => item.name).join(", ") || "none";
      const where = reference.kind === "team" ? "a team some user of the tenant is in (the portal lists teams only through their members)" : `a ${reference.what} of the tenant`;
      failures.push({ property: field, reason: `${field} must name ${where} (${known}), got ${JSON.stringify(name)}` });
    } else if (given !== undefined && given !== found.id) {
      failures.push({
        property: field,
        reason: `${field} ${JSON.stringify(name)} is ${reference.what} ${found.id}, but ${reference.id} is ${JSON.stringify(given)}: give one or the other`,
      });
    } else {
      inputs[reference.id] = found.id;
    }
  }
  return failures;
}

/**
 * `props` split into its named-reference fields that still describe the live ids (`names`) and
 * every other field (`unnamed`): a name whose id drifted is dropped, so the next run resolves it
 * again instead of keeping the drifted id.
 */
export function namesStillLive<Props extends object>(
  props: Props,
  liveIn: object,
  references: Record<string, NamedReference>,
): { names: Record<string, unknown>; unnamed: Partial<Props> } {
  const fields = props as Record<string, unknown>;
  const live = liveIn as Record<string, unknown>;
  const names: Record<string, unknown> = {};
  for (const [field, reference] of Object.entries(references)) {
    if (fields[field] === undefined) continue;
    if (!(reference.id in live) || live[reference.id] === fields[reference.id]) names[field] = fields[field];
  }
  const unnamed = Object.fromEntries(Object.entries(fields).filter(([field]) => !(field in references))) as Partial<Props>;
  return { names, unnamed };
}
