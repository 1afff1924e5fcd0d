/**
 * Typed calls of the portal's skill-group endpoints (seed 001, chapter 2).
 * `getSkillGroups` answers two parallel lists: `basicSkillGroupList` carries the skill
 * target id and names, `skillGroupList` the description and service level; entry i of one
 * describes the same group as entry i of the other.
 */
import { sharedRead } from "../core/shared-read";
import { CceClient } from "./client";
import { CceConnection, portalKey } from "./connection";

export interface SkillGroupRecord {
  skillTargetId: number;
  peripheralId: number;
  name: string;
  enterpriseName: string;
  description: string;
  serviceLevelThreshold: number;
  mediaRoutingDomainName?: string;
}

interface BasicSkillGroupInfo {
  skillTargetId: number;
  peripheralId: number;
  peripheralName?: string;
  skillName?: string;
  enterpriseName?: string;
  mediaRoutingDomainName?: string;
}

interface SkillGroupInfo {
  description?: string | null;
  serviceLevelThreshold?: number | null;
}

export interface SkillGroupFilter {
  skillTargetId?: number;
  peripheralId?: number;
  /** The portal matches this as a case-insensitive substring of the group's name. */
  peripheralName?: string;
}

export async function listSkillGroups(client: CceClient, filter: SkillGroupFilter = {}): Promise<SkillGroupRecord[]> {
  const body = await client.call<{ basicSkillGroupList?: BasicSkillGroupInfo[]; skillGroupList?: SkillGroupInfo[] | null }>(
    "protected/skills/getSkillGroups",
    { ...filter, pageSize: 0, pageNumber: 1 },
    { idempotent: true },
  );
  const basics = body.basicSkillGroupList ?? [];
  const details = body.skillGroupList ?? [];
  return basics.map((basic, i) => ({
    skillTargetId: Number(basic.skillTargetId),
    peripheralId: Number(basic.peripheralId),
    name: basic.skillName ?? basic.peripheralName ?? "",
    enterpriseName: basic.enterpriseName ?? "",
    description: details[i]?.description ?? "",
    serviceLevelThreshold: Number(details[i]?.serviceLevelThreshold ?? -1),
    mediaRoutingDomainName: basic.mediaRoutingDomainName,
  }));
}

export async function getSkillGroup(client: CceClient, skillTargetId: number): Promise<SkillGroupRecord | undefined> {
  const found = await listSkillGroups(client, { skillTargetId });
  return found.find((group) => group.skillTargetId === skillTargetId);
}

/** The group of this name on this peripheral; ICM names compare case-insensitively. */
export async function findSkillGroupByName(
  client: CceClient,
  peripheralId: number,
  name: string,
): Promise<SkillGroupRecord | undefined> {
  const found = await listSkillGroups(client, { peripheralId, peripheralName: name });
  return found.find((group) => group.peripheralId === peripheralId && group.name.toLowerCase() === name.toLowerCase());
}

export interface SkillGroupSpec {
  peripheralId: number;
  name: string;
  description: string;
  serviceLevelThreshold: number;
}

/** What a save answers (`SkillGroupInfo`, which has no skill target id): the stored values. */
export interface SavedSkillGroup {
  description?: string;
  serviceLevelThreshold?: number;
}

/**
 * Creates (no id) or updates (with id) a group. An update writes the same values however
 * often it is sent, so it may be retried; a create may not.
 */
export async function saveSkillGroup(client: CceClient, spec: SkillGroupSpec, skillTargetId?: number): Promise<SavedSkillGroup> {
  const body = await client.call<{ skillGroupInfo?: SkillGroupInfo | null }>(
    "protected/skills/saveSkillGroup",
    {
      peripheralID: spec.peripheralId,
      skillGroupPeripheralName: spec.name,
      skillGroupDescription: spec.description,
      serviceLevelThreshold: spec.serviceLevelThreshold,
      ...(skillTargetId === undefined ? {} : { skillGroupSkillTargetId: skillTargetId }),
    },
    { idempotent: skillTargetId !== undefined },
  );
  const info = body.skillGroupInfo;
  return {
    description: info?.description ?? undefined,
    serviceLevelThreshold: info?.serviceLevelThreshold === null || info?.serviceLevelThreshold === undefined ? undefined : Number(info.serviceLevelThreshold),
  };
}

/**
 * Every skill group of the tenant for a refresh, one list shared by all the reads that need it
 * within the shared-read window (SkillGroup reads, and the membership reads of CceUser).
 */
export function refreshSkillGroups(client: CceClient, connection: CceConnection): Promise<SkillGroupRecord[]> {
  return sharedRead(`cce-skill-groups|${portalKey(connection)}`, () => listSkillGroups(client));
}
