/**
 * The CCE skill group service (seed 001, chapter 2): getSkillGroups and saveSkillGroup,
 * over the skill groups of the caller's tenant only.
 */
import type { VendorReply } from "../vendor";
import type { CceData, Peripheral, SkillGroup } from "./tenant";
import { INVALID, JsonObject, failure, readBoolean, readInt, readPaging, readString, success } from "./wire";

/** A skill group as listed (data type BasicSkillGroupInfo). */
export interface BasicSkillGroupInfo {
  skillTargetId: number;
  peripheralId: number;
  platformName: string;
  /** The skill group's name on its peripheral, e.g. "Sales". */
  peripheralName: string;
  isAllowedToEdit: boolean;
  /** ICM style `<PeripheralName>.<SkillGroupName>`, e.g. "CUCM_PG_1.Sales". */
  enterpriseName: string;
  totalAssignedUsers: number;
  on: boolean;
  mediaRoutingDomainName: string;
  skillName: string;
}

/** A skill group's details (data type SkillGroupInfo). As in the document, it carries no skill target id. */
export interface SkillGroupInfo {
  idSourceSystemId: number;
  idProgram: number;
  peripheralNumber: number;
  description: string;
  serviceLevelThreshold: number;
  originalId: number;
  transferNumber: string | null;
  uwfSkillId: string | null;
  skillType: string;
}

const NAME_MAX = 32;
const DESCRIPTION_MAX = 255;
const THRESHOLD_MAX_SECONDS = 7200;
/** Letters, digits, `.` and `_`, not starting with `.` or `_` (ICM's rule for enterprise names). */
const NAME_CHARACTERS = /^[A-Za-z0-9][A-Za-z0-9._]*$/;

/** Fields `sortBy` may name: those of both lists. */
const SORTABLE_FIELDS: ReadonlySet<string> = new Set<keyof BasicSkillGroupInfo | keyof SkillGroupInfo>([
  "skillTargetId", "peripheralId", "platformName", "peripheralName", "isAllowedToEdit", "enterpriseName",
  "totalAssignedUsers", "on", "mediaRoutingDomainName", "skillName", "idSourceSystemId", "idProgram",
  "peripheralNumber", "description", "serviceLevelThreshold", "originalId", "transferNumber", "uwfSkillId", "skillType",
]);

interface Row {
  basic: BasicSkillGroupInfo;
  info: SkillGroupInfo;
}

/** `POST protected/skills/getSkillGroups` (GetSkillGroupsRequest) for the session's tenant. */
export function getSkillGroups(data: CceData, idProgram: number, body: JsonObject): VendorReply {
  const request = readGetSkillGroupsRequest(body);
  if ("reply" in request) return request.reply;
  const { filters, pageSize, pageNumber, sortBy, descending, baseOnly } = request;

  const rows = tenantGroups(data, idProgram)
    .map(({ group, peripheral }) => ({ basic: basicInfo(data, group, peripheral), info: skillGroupInfo(idProgram, group) }))
    .filter((row) => matches(row, filters));
  rows.sort((a, b) => compareRows(a, b, sortBy, descending));

  const page = pageSize === 0 ? rows : rows.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return success("GET_SKILL_GROUPS_SUCCESS", {
    skillGroupList: baseOnly ? null : page.map((row) => row.info),
    basicSkillGroupList: page.map((row) => row.basic),
    pagingInfo: {
      // As with an unpaged Spring Data page, "everything" is one page.
      totalPages: pageSize === 0 ? 1 : Math.ceil(rows.length / pageSize),
      totalElements: rows.length,
    },
  });
}

/**
 * `POST protected/skills/saveSkillGroup` (SaveSkillGroupRequest): creates a group when no
 * `skillGroupSkillTargetId` is sent, else updates that group. The checks run in the order
 * the portal's constants suggest: required fields, then the target, then ICM's own rules.
 */
export function saveSkillGroup(data: CceData, idProgram: number, body: JsonObject): VendorReply {
  const peripheralId = readInt(body.peripheralID);
  if (peripheralId === undefined || peripheralId === INVALID) return failure("BAD_REQUEST_PERIPHERAL_ID_REQUIRED");
  const name = readString(body.skillGroupPeripheralName);
  if (name === undefined || name === INVALID || name.trim() === "") return failure("BAD_REQUEST_SKILL_GROUP_NAME_REQUIRED");
  const threshold = readInt(body.serviceLevelThreshold);
  if (threshold === undefined || threshold === INVALID) return failure("BAD_REQUEST_SERVICE_THRESHOLD_LEVEL_REQUIRED");
  const id = readInt(body.skillGroupSkillTargetId);
  if (id === INVALID) {
    return failure("BAD_REQUEST_SKILL_GROUP_ID_REQUIRED", `skillGroupSkillTargetId must be an integer, got ${JSON.stringify(body.skillGroupSkillTargetId)}`);
  }
  const description = readString(body.skillGroupDescription);
  if (description === INVALID) return failure("BAD_REQUEST", "skillGroupDescription must be a string", 404);

  const groups = tenantGroups(data, idProgram);
  const existing = id === undefined ? undefined : groups.find(({ group }) => group.skillTargetId === id)?.group;
  if (id !== undefined && !existing) return failure("SKILL_GROUP_NOT_FOUND_ERROR", `no skill group ${id} in this tenant`);
  if (existing && existing.peripheralId !== peripheralId) {
    return failure(
      "SAVE_SKILL_GROUP_FAILED",
      `ICM cannot move a skill group to another peripheral: skill group ${existing.skillTargetId} is on peripheral ${existing.peripheralId}, the request names ${peripheralId}`,
    );
  }
  const peripheral = data.peripherals.find((p) => p.peripheralId === peripheralId && p.idProgram === idProgram);
  if (!peripheral) return failure("CONAPI_ERROR_UNABLE_TO_UPDATE_ICM", `peripheral ${peripheralId} does not exist in this tenant`);
  const broken = icmRuleBroken(name, description ?? "", threshold);
  if (broken) return failure("CONAPI_ERROR_UNABLE_TO_UPDATE_ICM", broken);
  const duplicate = groups.find(
    ({ group }) => group.peripheralId === peripheralId && group !== existing && group.name.toLowerCase() === name.toLowerCase(),
  );
  if (duplicate) {
    return failure(
      "SKILL_GROUPS_ALREADY_EXISTS_ERROR",
      `peripheral ${peripheral.name} already has a skill group named '${duplicate.group.name}'`,
    );
  }

  // A save sends the whole group, so an absent description clears it.
  const saved = existing ?? createGroup(data, peripheralId);
  saved.name = name;
  saved.description = description ?? "";
  saved.serviceLevelThreshold = threshold;
  return success("SAVE_SKILL_GROUP_SUCCESS", { skillGroupInfo: skillGroupInfo(idProgram, saved) });
}

function createGroup(data: CceData, peripheralId: number): SkillGroup {
  const onPeripheral = data.skillGroups.filter((g) => g.peripheralId === peripheralId);
  const group: SkillGroup = {
    skillTargetId: data.nextSkillTargetId++,
    peripheralId,
    name: "",
    description: "",
    serviceLevelThreshold: -1,
    peripheralNumber: Math.max(0, ...onPeripheral.map((g) => g.peripheralNumber)) + 1,
  };
  data.skillGroups.push(group);
  return group;
}

/** The ICM rule a save breaks, in words, or undefined. */
function icmRuleBroken(name: string, description: string, threshold: number): string | undefined {
  if (name.length > NAME_MAX) return `the skill group name must be at most ${NAME_MAX} characters, got ${name.length} ('${name}')`;
  if (!NAME_CHARACTERS.test(name)) {
    return `the skill group name may contain only letters, digits, '.' and '_' and may not start with '.' or '_', got '${name}'`;
  }
  if (description.length > DESCRIPTION_MAX) {
    return `the skill group description must be at most ${DESCRIPTION_MAX} characters, got ${description.length}`;
  }
  if (threshold !== -1 && (threshold < 0 || threshold > THRESHOLD_MAX_SECONDS)) {
    return `serviceLevelThreshold must be -1 (the peripheral's default) or 0 to ${THRESHOLD_MAX_SECONDS} seconds, got ${threshold}`;
  }
  return undefined;
}

interface Filters {
  skillTargetId?: number;
  peripheralId?: number;
  peripheralName?: string;
  description?: string;
  enterpriseName?: string;
  transferNumber?: string;
}

type ParsedRequest =
  | { filters: Filters; pageSize: number; pageNumber: number; sortBy: string[]; descending: boolean; baseOnly: boolean }
  | { reply: VendorReply };

function readGetSkillGroupsRequest(body: JsonObject): ParsedRequest {
  // A value of the wrong type fails deserialisation on the real server: "404 - bad request".
  const badType = (field: string) => ({ reply: failure("BAD_REQUEST", `${field} has the wrong type: ${JSON.stringify(body[field])}`, 404) });
  // skillChangeId is accepted and ignored: the document does not say what it selects.
  const filters: Filters = {};
  for (const field of ["skillTargetId", "peripheralId"] as const) {
    const value = readInt(body[field]);
    if (value === INVALID) return badType(field);
    filters[field] = value;
  }
  for (const field of ["peripheralName", "description", "enterpriseName", "transferNumber"] as const) {
    const value = readString(body[field]);
    if (value === INVALID) return badType(field);
    filters[field] = value === "" ? undefined : value;
  }
  const baseOnly = readBoolean(body.getBaseObjectInfoOnly);
  if (baseOnly === INVALID) return badType("getBaseObjectInfoOnly");
  const sortBy = typeof body.sortBy === "string" ? [body.sortBy] : (body.sortBy ?? ["skillTargetId"]);
  if (!Array.isArray(sortBy) || !sortBy.every((field): field is string => typeof field === "string")) return badType("sortBy");

  // Values of the right type that the query cannot use: the portal's "unexpected error".
  const failed = (message: string) => ({ reply: failure("GET_SKILL_GROUPS_FAILED", message) });
  const paging = readPaging(body, "GET_SKILL_GROUPS_FAILED");
  if ("reply" in paging) return paging;
  const unknown = sortBy.find((field) => !SORTABLE_FIELDS.has(field));
  if (unknown !== undefined) return failed(`cannot sort by '${unknown}': not a skill group field`);

  return {
    filters,
    ...paging,
    sortBy: sortBy.length > 0 ? sortBy : ["skillTargetId"],
    baseOnly: baseOnly ?? false,
  };
}

function matches({ basic, info }: Row, filters: Filters): boolean {
  const contains = (value: string | null, wanted: string | undefined) =>
    wanted === undefined || (value ?? "").toLowerCase().includes(wanted.toLowerCase());
  return (
    (filters.skillTargetId === undefined || basic.skillTargetId === filters.skillTargetId) &&
    (filters.peripheralId === undefined || basic.peripheralId === filters.peripheralId) &&
    contains(basic.peripheralName, filters.peripheralName) &&
    contains(info.description, filters.description) &&
    contains(basic.enterpriseName, filters.enterpriseName) &&
    contains(info.transferNumber, filters.transferNumber)
  );
}

/** Orders by the `sortBy` fields in turn, then by id so pages are stable. */
function compareRows(a: Row, b: Row, sortBy: string[], descending: boolean): number {
  for (const field of sortBy) {
    const order = compareValues(fieldOf(a, field), fieldOf(b, field));
    if (order !== 0) return descending ? -order : order;
  }
  return a.basic.skillTargetId - b.basic.skillTargetId;
}

function fieldOf({ basic, info }: Row, field: string): unknown {
  return field in basic ? basic[field as keyof BasicSkillGroupInfo] : info[field as keyof SkillGroupInfo];
}

/** Nulls last; strings without regard to case. */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === "string" && typeof b === "string") {
    const [x, y] = [a.toLowerCase(), b.toLowerCase()];
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : 1;
  }
  return Number(a) - Number(b);
}

/** Members of a skill group: counted from the agents' memberships, so it cannot drift. */
export function assignedUserCount(data: CceData, skillTargetId: number): number {
  return data.directory.filter((user) => user.skillTargetIds.includes(skillTargetId)).length;
}

/** The tenant's groups with their peripherals: a tenant sees nothing of another's. */
export function tenantGroups(data: CceData, idProgram: number): { group: SkillGroup; peripheral: Peripheral }[] {
  const peripherals = new Map(data.peripherals.filter((p) => p.idProgram === idProgram).map((p) => [p.peripheralId, p]));
  return data.skillGroups.flatMap((group) => {
    const peripheral = peripherals.get(group.peripheralId);
    return peripheral ? [{ group, peripheral }] : [];
  });
}

export function basicInfo(data: CceData, group: SkillGroup, peripheral: Peripheral): BasicSkillGroupInfo {
  return {
    skillTargetId: group.skillTargetId,
    peripheralId: group.peripheralId,
    platformName: data.platformName,
    peripheralName: group.name,
    isAllowedToEdit: true,
    enterpriseName: `${peripheral.name}.${group.name}`,
    totalAssignedUsers: assignedUserCount(data, group.skillTargetId),
    on: true,
    mediaRoutingDomainName: peripheral.mediaRoutingDomainName,
    skillName: group.name,
  };
}

export function skillGroupInfo(idProgram: number, group: SkillGroup): SkillGroupInfo {
  return {
    // The document does not say what these are; fixed values that cannot be mistaken for a skill target id.
    idSourceSystemId: 1,
    idProgram,
    peripheralNumber: group.peripheralNumber,
    description: group.description,
    serviceLevelThreshold: group.serviceLevelThreshold,
    originalId: 0,
    transferNumber: null,
    uwfSkillId: null,
    skillType: "NORMAL",
  };
}
