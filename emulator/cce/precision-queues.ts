/**
 * The CCE precision queue service (seed 001): getAllPrecisionQueues, getPQByID and
 * updatePrecisionQueue, over the precision queues of the caller's tenant only. Queues are
 * seeded; the portal offers no create or delete.
 */
import type { VendorReply } from "../vendor";
import type { Attribute, CceData, PqStep, PqTerm, PrecisionQueue } from "./tenant";
import { INVALID, JsonObject, failure, pageOf, readInt, readPaging, readString, success } from "./wire";


/** An attribute as the portal shows it (data type AttributeInfo). */
export interface AttributeInfo {
  id: number;
  name: string;
  description: string;
  dataType: string;
  defaultValue: string;
  changeStamp: number;
  refURL: string;
  allowedToEdit: boolean;
}

export function attributeInfo(attribute: Attribute): AttributeInfo {
  const { id, name, description, dataType, defaultValue, changeStamp } = attribute;
  return { id, name, description, dataType, defaultValue, changeStamp, refURL: `/unifiedconfig/config/attribute/${id}`, allowedToEdit: true };
}

/** A precision queue as listed (data type BasicPrecisionQueueInfo). */
export interface BasicPrecisionQueueInfo {
  id: number;
  changeStamp: number;
  name: string;
  description: string;
  agentCount: number;
  agentOrdering: number;
  callOrdering: number;
  serviceLevelThreshold: number;
  serviceLevelType: number;
  allowedToEdit: boolean;
}

export interface TermInfo {
  attribute: AttributeInfo;
  attributeRelation: number;
  attributeRelationString: string;
  termRelation: number;
  termRelationString: string;
  parenCount: number;
  value1: string;
}

/** PrecisionQueueInfo: read as BasicPrecisionQueueInfo plus steps (see api-notes section 1). */
export interface PrecisionQueueInfo extends BasicPrecisionQueueInfo {
  steps: { terms: TermInfo[]; waitTime: number; agentCount: number; considerIf: string }[];
}

const ATTRIBUTE_RELATIONS: Record<number, string> = { 1: "==", 2: "!=", 3: "<", 4: "<=", 5: ">", 6: ">=" };
const TERM_RELATIONS: Record<number, string> = { 0: "NONE", 1: "AND", 2: "OR" };

function basicInfo(queue: PrecisionQueue): BasicPrecisionQueueInfo {
  const { id, changeStamp, name, description, agentOrdering, callOrdering, serviceLevelThreshold, serviceLevelType } = queue;
  const agentCount = queue.steps.reduce((sum, step) => sum + step.agentCount, 0);
  return { id, changeStamp, name, description, agentCount, agentOrdering, callOrdering, serviceLevelThreshold, serviceLevelType, allowedToEdit: true };
}

function queueInfo(data: CceData, queue: PrecisionQueue): PrecisionQueueInfo {
  return {
    ...basicInfo(queue),
    steps: queue.steps.map((step) => ({
      waitTime: step.waitTime,
      agentCount: step.agentCount,
      considerIf: step.considerIf,
      terms: step.terms.map((term) => ({
        attribute: attributeInfo(data.attributes.find((a) => a.id === term.attributeId)!),
        attributeRelation: term.attributeRelation,
        attributeRelationString: ATTRIBUTE_RELATIONS[term.attributeRelation],
        termRelation: term.termRelation,
        termRelationString: TERM_RELATIONS[term.termRelation],
        parenCount: term.parenCount,
        value1: term.value1,
      })),
    })),
  };
}

/** `POST protected/precisionQueues/getAllPrecisionQueues` (GetAllPrecisionQueuesByCriteriaRequest). */
export function getAllPrecisionQueues(data: CceData, idProgram: number, body: JsonObject): VendorReply {
  const paging = readPaging(body, "GET_ALL_PQ_FAILED");
  if ("reply" in paging) return paging.reply;
  const rows = data.precisionQueues.filter((q) => q.idProgram === idProgram).map(basicInfo);
  const { page, pagingInfo } = pageOf(rows, paging);
  return success("GET_ALL_PQ_SUCCESS", { precisionQueues: page, pagingInfo });
}

/** `POST protected/precisionQueues/getPQByID` (GetPQByIDRequest `{id}`). */
export function getPQByID(data: CceData, idProgram: number, body: JsonObject): VendorReply {
  const id = readInt(body.id ?? body.Id);
  if (id === INVALID) return failure("BAD_REQUEST", `id has the wrong type: ${JSON.stringify(body.id)}`, 404);
  // The document has no not-found constant: an absent or unknown id is its "unexpected error".
  if (id === undefined) return failure("GET_PQ_BY_ID_FAILED", "id is required");
  const queue = data.precisionQueues.find((q) => q.id === id && q.idProgram === idProgram);
  if (!queue) return failure("GET_PQ_BY_ID_FAILED", `no precision queue ${id} in this tenant`);
  return success("GET_PQ_BY_ID_SUCCESS", { precisionQueueInfo: queueInfo(data, queue) });
}

/**
 * `POST protected/precisionQueues/updatePrecisionQueue` (UpdatePrecisionQueueRequest
 * `{precisionQueue}`). Chapter 8 lists only UPDATE_PQ_SUCCESS and UPDATE_PQ_FAILED, so every
 * refusal, a stale changeStamp included, is UPDATE_PQ_FAILED with the reason in errorMessage.
 */
export function updatePrecisionQueue(data: CceData, idProgram: number, body: JsonObject): VendorReply {
  const pq = body.precisionQueue;
  if (typeof pq !== "object" || pq === null || Array.isArray(pq)) {
    return pq === undefined || pq === null
      ? failure("UPDATE_PQ_FAILED", "precisionQueue is required")
      : failure("BAD_REQUEST", "precisionQueue must be an object", 404);
  }
  const input = pq as JsonObject;
  const id = readInt(input.id);
  const stamp = readInt(input.changeStamp);
  if (id === INVALID || stamp === INVALID) return failure("BAD_REQUEST", "precisionQueue.id and changeStamp must be integers", 404);
  if (id === undefined) return failure("UPDATE_PQ_FAILED", "precisionQueue.id is required");
  const queue = data.precisionQueues.find((q) => q.id === id && q.idProgram === idProgram);
  if (!queue) return failure("UPDATE_PQ_FAILED", `no precision queue ${id} in this tenant`);
  if (stamp === undefined) return failure("UPDATE_PQ_FAILED", "precisionQueue.changeStamp is required");
  if (stamp !== queue.changeStamp) {
    return failure(
      "UPDATE_PQ_FAILED",
      `precision queue ${id} was changed by someone else: the request's changeStamp is ${stamp}, the current changeStamp is ${queue.changeStamp}`,
    );
  }
  const fields: Partial<Record<"name" | "description", string>> = {};
  for (const field of ["name", "description"] as const) {
    const value = readString(input[field]);
    if (value === INVALID) return failure("BAD_REQUEST", `${field} must be a string`, 404);
    if (value !== undefined) fields[field] = value;
  }
  if (fields.name !== undefined && fields.name.trim() === "") return failure("UPDATE_PQ_FAILED", "name must not be empty");
  const numbers: Partial<Record<"agentOrdering" | "callOrdering" | "serviceLevelThreshold" | "serviceLevelType", number>> = {};
  for (const field of ["agentOrdering", "callOrdering", "serviceLevelThreshold", "serviceLevelType"] as const) {
    const value = readInt(input[field]);
    if (value === INVALID) return failure("BAD_REQUEST", `${field} must be an integer`, 404);
    if (value !== undefined) numbers[field] = value;
  }
  let steps: PqStep[] | undefined;
  if (input.steps !== undefined && input.steps !== null) {
    const read = readSteps(data, idProgram, input.steps);
    if (typeof read === "string") return failure("UPDATE_PQ_FAILED", read);
    steps = read;
  }
  Object.assign(queue, fields, numbers);
  if (steps) queue.steps = steps;
  queue.changeStamp += 1;
  return success("UPDATE_PQ_SUCCESS");
}

/** The steps of an update, or what is wrong with them. */
function readSteps(data: CceData, idProgram: number, value: unknown): PqStep[] | string {
  if (!Array.isArray(value) || value.length === 0) return "steps must be a non-empty array";
  const steps: PqStep[] = [];
  for (const [s, raw] of value.entries()) {
    if (typeof raw !== "object" || raw === null) return `step ${s + 1} must be an object`;
    const step = raw as JsonObject;
    const waitTime = readInt(step.waitTime);
    const agentCount = readInt(step.agentCount);
    const considerIf = readString(step.considerIf);
    if (waitTime === INVALID || agentCount === INVALID || considerIf === INVALID) return `step ${s + 1}: waitTime, agentCount and considerIf have the wrong type`;
    if (!Array.isArray(step.terms) || step.terms.length === 0) return `step ${s + 1} must have at least one term`;
    const terms: PqTerm[] = [];
    for (const [t, rawTerm] of step.terms.entries()) {
      const where = `step ${s + 1} term ${t + 1}`;
      if (typeof rawTerm !== "object" || rawTerm === null) return `${where} must be an object`;
      const term = rawTerm as JsonObject;
      const attr = term.attribute as JsonObject | undefined;
      const attributeId = readInt(attr?.id ?? (typeof attr?.refURL === "string" ? attr.refURL.split("/").pop() : undefined));
      const attribute = typeof attributeId === "number" ? data.attributes.find((a) => a.id === attributeId && a.idProgram === idProgram) : undefined;
      if (!attribute) return `${where}: unknown attribute ${JSON.stringify(term.attribute)}`;
      const attributeRelation = readInt(term.attributeRelation);
      if (typeof attributeRelation !== "number" || !(attributeRelation in ATTRIBUTE_RELATIONS)) {
        return `${where}: attributeRelation must be 1 to 6, got ${JSON.stringify(term.attributeRelation)}`;
      }
      const termRelation = readInt(term.termRelation) ?? 0;
      if (termRelation === INVALID || !(termRelation in TERM_RELATIONS)) return `${where}: termRelation must be 0 (none), 1 (AND) or 2 (OR), got ${JSON.stringify(term.termRelation)}`;
      if ((t === 0) !== (termRelation === 0)) return `${where}: only the first term of a step has termRelation 0, got ${termRelation}`;
      const parenCount = readInt(term.parenCount) ?? 0;
      if (parenCount === INVALID) return `${where}: parenCount must be an integer`;
      const value1 = readString(term.value1);
      if (value1 === undefined || value1 === INVALID) return `${where}: value1 is required`;
      if (attribute.dataType === "4" && !(/^\d+$/.test(value1) && Number(value1) >= 1 && Number(value1) <= 10)) {
        return `${where}: ${attribute.name} is a proficiency attribute, value1 must be 1 to 10, got '${value1}'`;
      }
      if (attribute.dataType === "3") {
        if (value1 !== "true" && value1 !== "false") return `${where}: ${attribute.name} is a boolean attribute, value1 must be "true" or "false", got '${value1}'`;
        if (attributeRelation > 2) return `${where}: ${attribute.name} is a boolean attribute, attributeRelation must be 1 (==) or 2 (!=)`;
      }
      terms.push({ attributeId: attribute.id, attributeRelation, value1, termRelation, parenCount });
    }
    steps.push({ terms, waitTime: waitTime ?? 0, agentCount: agentCount ?? 0, considerIf: considerIf ?? "" });
  }
  return steps;
}
