/**
 * Typed calls of the portal's skill-group endpoints (seed 001, chapter 2).
 * `getSkillGroups` answers two lists: `basicSkillGroupList` carries the skill target id and
 * names, `skillGroupList` the description and service level. The document gives
 * `SkillGroupInfo` no skill target id: the two are joined by `originalId` when it names the
 * groups, else by position, and refused when their lengths differ (docs/cce-wire-decisions.md).
 */
import { z } from "zod";
import { listOf, numberish, positiveId } from "../core/answer";
import { contractError } from "../core/errors";
import { sharedRead } from "../core/shared-read";

const CONTRACT = "docs/cce-wire-decisions.md";
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
  /**
   * "position" when the details (description, threshold) were paired with the group by their
   * place in a list of several: the document's only link, unverified. Writes read the group
   * alone (`getSkillGroup`: a list of one pairs without doubt) and never send such details back.
   */
  detailsPairedBy?: "position";
}

const basicSkillGroupInfo = z
  .object({
    skillTargetId: positiveId,
    peripheralId: positiveId,
    peripheralName: z.string().nullish(),
    skillName: z.string().nullish(),
    enterpriseName: z.string().nullish(),
    mediaRoutingDomainName: z.string().nullish(),
  })
  .refine((basic) => Boolean(basic.skillName ?? basic.peripheralName), { message: "a group name (skillName or peripheralName)", path: ["skillName"] });

const skillGroupInfo = z.object({
  description: z.string().nullish(),
  serviceLevelThreshold: numberish.nullish(),
  originalId: numberish.nullish(),
});

const getSkillGroupsAnswer = z.object({ basicSkillGroupList: listOf(basicSkillGroupInfo), skillGroupList: listOf(skillGroupInfo) });

export interface SkillGroupFilter {
  skillTargetId?: number;
  peripheralId?: number;
  /** The portal matches this as a case-insensitive substring of the group's name. */
  peripheralName?: string;
}

export async function listSkillGroups(client: CceClient, filter: SkillGroupFilter = {}): Promise<SkillGroupRecord[]> {
  const body = await client.call("protected/skills/getSkillGroups", { ...filter, pageSize: 0, pageNumber: 1 }, { idempotent: true }, getSkillGroupsAnswer);
  const basics = body.basicSkillGroupList;
  const details = body.skillGroupList;
  const record = (basic: z.output<typeof basicSkillGroupInfo>, detail: z.output<typeof skillGroupInfo> | undefined): SkillGroupRecord => ({
    skillTargetId: basic.skillTargetId,
    peripheralId: basic.peripheralId,
    name: basic.skillName ?? basic.peripheralName ?? "",
    enterpriseName: basic.enterpriseName ?? "",
    description: detail?.description ?? "",
    serviceLevelThreshold: detail?.serviceLevelThreshold ?? -1,
    mediaRoutingDomainName: basic.mediaRoutingDomainName ?? undefined,
  });
  // Joined by id when the details carry positive, distinct originalIds that name the groups.
  const ids = details.map((detail) => detail.originalId ?? 0);
  if (ids.length > 0 && ids.every((id) => id > 0) && new Set(ids).size === ids.length) {
    const byId = new Map(details.map((detail) => [detail.originalId, detail]));
    const missing = basics.find((basic) => !byId.has(basic.skillTargetId));
    if (missing) {
      throw contractError("CCE", "protected/skills/getSkillGroups", `skillGroupList has no entry whose originalId is ${missing.skillTargetId} (group ${missing.skillName ?? missing.peripheralName})`, CONTRACT);
    }
    return basics.map((basic) => record(basic, byId.get(basic.skillTargetId)));
  }
  // Otherwise by position, the document's only link (an open assumption, docs/cce-wire-decisions.md):
  // two lists of different lengths cannot be paired at all.
  if (details.length !== basics.length) {
    throw contractError("CCE", "protected/skills/getSkillGroups", `basicSkillGroupList has ${basics.length} group(s) and skillGroupList ${details.length}: they cannot be paired`, CONTRACT);
  }
  if (basics.length === 1) return [record(basics[0], details[0])];
  return basics.map((basic, i) => ({ ...record(basic, details[i]), detailsPairedBy: "position" as const }));
}

/** The group read alone, so that its details are its own; undefined when there is none. */
export async function getSkillGroup(client: CceClient, skillTargetId: number): Promise<SkillGroupRecord | undefined> {
  const found = await listSkillGroups(client, { skillTargetId });
  const group = found.find((g) => g.skillTargetId === skillTargetId);
  if (group?.detailsPairedBy === "position") {
    throw contractError("CCE", "protected/skills/getSkillGroups", `asked for skill group ${skillTargetId} alone, it answered ${found.length} groups whose details can only be paired by position`, CONTRACT);
  }
  return group;
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
  const body = await client.call(
    "protected/skills/saveSkillGroup",
    {
      peripheralID: spec.peripheralId,
      skillGroupPeripheralName: spec.name,
      skillGroupDescription: spec.description,
      serviceLevelThreshold: spec.serviceLevelThreshold,
      ...(skillTargetId === undefined ? {} : { skillGroupSkillTargetId: skillTargetId }),
    },
    { idempotent: skillTargetId !== undefined },
    z.object({ skillGroupInfo: skillGroupInfo.nullish() }),
  );
  const info = body.skillGroupInfo;
  return { description: info?.description ?? undefined, serviceLevelThreshold: info?.serviceLevelThreshold ?? undefined };
}

/**
 * Every skill group of the tenant for a refresh, one list shared by all the reads that need it
 * within the shared-read window (SkillGroup reads, and the membership reads of CceUser).
 */
export function refreshSkillGroups(client: CceClient, connection: CceConnection): Promise<SkillGroupRecord[]> {
  return sharedRead(`cce-skill-groups|${portalKey(connection)}`, () => listSkillGroups(client));
}
