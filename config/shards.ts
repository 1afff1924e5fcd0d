/**
 * Which stack (shard) holds each object of a sharded declaration (`shards:` in the file).
 *
 * Skill groups go to `groups-<i>` stacks, applied before the others because users join them;
 * every other object to `part-<i>`, a user's attributes with their user. The index is a hash
 * of the object's kind and key modulo the declared count: it depends on nothing else, so adding
 * or removing objects never moves another one, and every machine computes the same shards.
 * Only a change of a count moves objects; `contact-center shards move` moves their records
 * between the stacks' states, with no vendor call.
 */
import { createHash } from "node:crypto";
import { ContactCenterFile, FileSkillGroup, FileUser, KINDS, Kind, keyOf, objectsOf } from "./format";

export interface ShardCounts {
  skillGroups: number;
  objects: number;
}

/** The counts a file declares, or undefined when it is not sharded. */
export function shardCounts(file: ContactCenterFile): ShardCounts | undefined {
  return file.shards ? { skillGroups: file.shards.skillGroups ?? 1, objects: file.shards.objects } : undefined;
}

/** The shards of the counts, in the order they are applied: skill groups first. */
export function shardNames(counts: ShardCounts): string[] {
  const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);
  return [...range("groups", counts.skillGroups), ...range("part", counts.objects)];
}

/** Whether a shard holds skill groups, and so runs before the others (and is destroyed after them). */
export const isGroupShard = (shard: string) => shard.startsWith("groups-");

/** A stable bucket in [0, n): the first 32 bits of SHA-256 of `<kind>:<key>`. */
function bucket(kind: string, key: string, n: number): number {
  return createHash("sha256").update(`${kind}:${key}`).digest().readUInt32BE(0) % n;
}

/** The shard of an object by its kind (as the file names it) and key. Attributes go with their user. */
export function shardOf(kind: Kind, key: string, counts: ShardCounts): string {
  return kind === "skillGroup" ? `groups-${bucket(kind, key, counts.skillGroups) + 1}` : `part-${bucket(kind, key, counts.objects) + 1}`;
}

/**
 * Where each object of the declaration belongs, by its Pulumi resource name (the key; an
 * attribute's is `<user key>/<attribute>`) within the kind's resource type.
 */
export function placement(file: ContactCenterFile, counts: ShardCounts): Map<string, string> {
  const placed = new Map<string, string>();
  for (const kind of Object.keys(KINDS) as Kind[]) {
    for (const object of objectsOf(file, kind)) {
      const key = keyOf(kind, object);
      const shard = shardOf(kind, key, counts);
      placed.set(`${kind} ${key}`, shard);
      if (kind === "user") for (const attribute of Object.keys((object as FileUser).attributes ?? {})) placed.set(`attribute ${key}/${attribute}`, shard);
    }
  }
  return placed;
}

/** The part of the declaration one shard declares: its objects, nothing else. */
export function declarationShard(file: ContactCenterFile, shard: string, counts: ShardCounts): ContactCenterFile {
  const part: Record<string, Record<string, unknown[]>> = {};
  for (const kind of Object.keys(KINDS) as Kind[]) {
    const { section, list } = KINDS[kind];
    const objects = objectsOf(file, kind).filter((object) => shardOf(kind, keyOf(kind, object), counts) === shard);
    if (objects.length === 0) continue;
    part[section] ??= {};
    part[section][list] = objects;
  }
  return { ...(part as ContactCenterFile), shards: file.shards };
}

/** Each skill group's key by the names a user may refer to it with (its key, and its name when unique). */
export function skillGroupKeysByReference(file: ContactCenterFile): Map<string, string> {
  const keys = new Map<string, string>();
  for (const object of objectsOf(file, "skillGroup")) {
    const key = keyOf("skillGroup", object);
    keys.set(key, key);
    keys.set((object as FileSkillGroup).name, key);
  }
  return keys;
}
