/**
 * Typed calls of the portal's precision queue and attribute endpoints (seed 001), and the
 * mapping between their wire shapes and plain records. The only code that builds their
 * request bodies.
 *
 * - `getAllPrecisionQueues` lists `BasicPrecisionQueueInfo` (no steps).
 * - `getPQByID {id}` answers `precisionQueueInfo`: the basic fields plus `steps`.
 * - `updatePrecisionQueue {precisionQueue}` writes the whole queue and needs the current
 *   `changeStamp`; chapter 8 lists only UPDATE_PQ_FAILED for every refusal, a stale stamp included.
 * - terms reference attribute definitions (agent-attributes-api `listAttributes`) by `{id, refURL}`.
 */
import { z } from "zod";
import { listOf, numberish, positiveId, textish } from "../core/answer";
import { contractError, isApiError } from "../core/errors";
import { CceClient } from "./client";

/** ICM's attribute relations, by wire code. */
export const ATTRIBUTE_RELATIONS = { "==": 1, "!=": 2, "<": 3, "<=": 4, ">": 5, ">=": 6 } as const;
export type AttributeRelation = keyof typeof ATTRIBUTE_RELATIONS;

/**
 * The spellings a portal might give a relation in `attributeRelationString` or
 * `termRelationString` (the document names the fields, not their values), by the code this
 * provider reads for it. Compared without case, spaces, `_` or `-`.
 */
const RELATION_SPELLINGS: { field: "attributeRelation" | "termRelation"; code: number; spellings: string[] }[] = [
  { field: "attributeRelation", code: 1, spellings: ["==", "=", "EQ", "EQUAL", "EQUALS", "EQUALTO", "IS"] },
  { field: "attributeRelation", code: 2, spellings: ["!=", "<>", "NE", "NEQ", "NOTEQUAL", "NOTEQUALS", "NOTEQUALTO", "ISNOT"] },
  { field: "attributeRelation", code: 3, spellings: ["<", "LT", "LESS", "LESSTHAN"] },
  { field: "attributeRelation", code: 4, spellings: ["<=", "LE", "LTE", "LESSTHANOREQUAL", "LESSTHANOREQUALTO", "LESSOREQUAL"] },
  { field: "attributeRelation", code: 5, spellings: [">", "GT", "GREATER", "GREATERTHAN"] },
  { field: "attributeRelation", code: 6, spellings: [">=", "GE", "GTE", "GREATERTHANOREQUAL", "GREATERTHANOREQUALTO", "GREATEROREQUAL"] },
  { field: "termRelation", code: 0, spellings: ["NONE", ""] },
  { field: "termRelation", code: 1, spellings: ["AND", "&&", "&"] },
  { field: "termRelation", code: 2, spellings: ["OR", "||", "|"] },
];
const spelled = (text: string) => text.toUpperCase().replace(/[\s_-]+/g, "");

/** The code this provider reads for a relation's spelling; undefined when the spelling is not one it knows. */
export function codeOfSpelling(field: "attributeRelation" | "termRelation", text: string): number | undefined {
  return RELATION_SPELLINGS.find((entry) => entry.field === field && entry.spellings.includes(spelled(text)))?.code;
}

/** One term's relation code and its spelling, as a queue read answered them. */
export interface RelationSeen {
  field: "attributeRelation" | "termRelation";
  code: number;
  text: string;
  /** The code the spelling means to this provider; undefined when it does not know the spelling. */
  meant?: number;
}

/** Every code-and-spelling pair in a queue's terms (terms that carry no spelling are left out). */
export function relationsSeen(steps: readonly { terms: readonly WireTermRelations[] }[]): RelationSeen[] {
  return steps.flatMap((step) =>
    step.terms.flatMap((term) =>
      (["attributeRelation", "termRelation"] as const).flatMap((field) => {
        const text = term[`${field}String`];
        const code = term[field];
        if (typeof text !== "string" || code === null || code === undefined) return [];
        return [{ field, code, text, meant: codeOfSpelling(field, text) }];
      }),
    ),
  );
}
type WireTermRelations = { attributeRelation?: number | null; termRelation?: number | null; attributeRelationString?: string | null; termRelationString?: string | null };

/** Attribute data types as `AttributeInfo.dataType` carries them. */
export const ATTRIBUTE_TYPES = { text: "1", integer: "2", boolean: "3", proficiency: "4" } as const;

export interface PqTermRecord {
  attributeId: number;
  /** The attribute's name as the portal reports it; empty when the answer carried none. */
  attributeName: string;
  attributeDataType: string;
  /** 1 ==, 2 !=, 3 <, 4 <=, 5 >, 6 >=. */
  attributeRelation: number;
  value1: string;
  /** 0 none (the first term of a step), 1 AND, 2 OR. */
  termRelation: number;
  parenCount: number;
}

export interface PqStepRecord {
  terms: PqTermRecord[];
  waitTime: number;
  agentCount: number;
  considerIf: string;
}

export interface PrecisionQueueSummary {
  id: number;
  changeStamp: number;
  name: string;
}

export interface PrecisionQueueRecord extends PrecisionQueueSummary {
  description: string;
  agentOrdering: number;
  callOrdering: number;
  serviceLevelThreshold: number;
  serviceLevelType: number;
  steps: PqStepRecord[];
}

const wireAttribute = z.object({ id: positiveId.nullish(), name: z.string().nullish(), dataType: textish.nullish(), refURL: z.string().nullish() });
type WireAttribute = z.output<typeof wireAttribute>;

const wireTerm = z.object({
  attribute: wireAttribute.nullish(),
  attributeRelation: numberish,
  value1: z.union([z.string(), z.number(), z.boolean()]).nullish(),
  termRelation: numberish.nullish(),
  parenCount: numberish.nullish(),
  attributeRelationString: z.string().nullish(),
  termRelationString: z.string().nullish(),
});

const wireStep = z.object({ terms: listOf(wireTerm), waitTime: numberish.nullish(), agentCount: numberish.nullish(), considerIf: z.string().nullish() });

/** A queue: `id` (the document's getPQByID example says `Id`) and `changeStamp` are what a write needs. */
const wireQueue = z
  .object({
    id: positiveId.nullish(),
    Id: positiveId.nullish(),
    changeStamp: numberish,
    name: z.string().nullish(),
    Name: z.string().nullish(),
    description: z.string().nullish(),
    agentOrdering: numberish.nullish(),
    callOrdering: numberish.nullish(),
    serviceLevelThreshold: numberish.nullish(),
    serviceLevelType: numberish.nullish(),
    steps: listOf(wireStep),
  })
  .refine((q) => (q.id ?? q.Id) !== undefined && (q.id ?? q.Id) !== null, { message: "a queue id (id or Id)", path: ["id"] })
  .refine((q) => Boolean(q.name ?? q.Name), { message: "a queue name (name or Name)", path: ["name"] });
type WireQueue = z.output<typeof wireQueue>;

const attributeRef = (id: number) => `/unifiedconfig/config/attribute/${id}`;

/** The attribute id of a reference: its `id`, else the last segment of its refURL. */
function attributeIdOf(attribute: WireAttribute | null | undefined): number {
  if (attribute?.id !== undefined && attribute.id !== null) return Number(attribute.id);
  return Number(attribute?.refURL?.split("/").pop());
}

/**
 * The relation codes are this provider's reading (the document types them Int and names the
 * `...String` fields beside them, without values). Where a term spells its relation and the
 * spelling means another code, the reading is wrong for this portal: the queue is refused
 * before anything could be written back with codes that mean something else.
 */
function checkRelationCodes(wire: WireQueue): void {
  const wrong = relationsSeen(wire.steps).filter((seen) => seen.meant !== undefined && seen.meant !== seen.code);
  if (wrong.length === 0) return;
  const said = wrong.map((seen) => `${seen.field} ${seen.code} spelled ${JSON.stringify(seen.text)}, which this provider writes as ${seen.meant}`);
  throw contractError("CCE", "protected/precisionQueues/getPQByID", `queue ${wire.id ?? wire.Id}: ${said.join("; ")}`, "docs/cce-wire-decisions.md");
}

function queueFrom(wire: WireQueue): PrecisionQueueRecord {
  return {
    id: (wire.id ?? wire.Id)!,
    changeStamp: wire.changeStamp,
    name: wire.name ?? wire.Name ?? "",
    description: wire.description ?? "",
    agentOrdering: wire.agentOrdering ?? 0,
    callOrdering: wire.callOrdering ?? 0,
    serviceLevelThreshold: wire.serviceLevelThreshold ?? -1,
    serviceLevelType: wire.serviceLevelType ?? 0,
    steps: wire.steps.map((step) => ({
      waitTime: step.waitTime ?? 0,
      agentCount: step.agentCount ?? 0,
      considerIf: step.considerIf ?? "",
      terms: step.terms.map((term) => ({
        attributeId: attributeIdOf(term.attribute),
        attributeName: term.attribute?.name ?? "",
        attributeDataType: term.attribute?.dataType ?? "",
        attributeRelation: term.attributeRelation,
        value1: term.value1 === null || term.value1 === undefined ? "" : String(term.value1),
        termRelation: term.termRelation ?? 0,
        parenCount: term.parenCount ?? 0,
      })),
    })),
  };
}

/** Every queue of the tenant, without steps (`pageSize: 0` is "everything"). */
export async function listPrecisionQueues(client: CceClient): Promise<PrecisionQueueSummary[]> {
  const body = await client.call(
    "protected/precisionQueues/getAllPrecisionQueues",
    { pageSize: 0, pageNumber: 1 },
    { idempotent: true },
    z.object({ precisionQueues: listOf(wireQueue) }),
  );
  return body.precisionQueues.map((q) => ({ id: (q.id ?? q.Id)!, changeStamp: q.changeStamp, name: q.name ?? q.Name ?? "" }));
}

/**
 * The queue with its steps, or undefined when the tenant has no such queue. The document
 * has no not-found constant (an unknown id is GET_PQ_BY_ID_FAILED, "unexpected error"), so
 * that answer is taken as "gone" only when the list confirms the id is not there.
 */
export async function getPrecisionQueue(client: CceClient, id: number): Promise<PrecisionQueueRecord | undefined> {
  try {
    const body = await client.call("protected/precisionQueues/getPQByID", { id }, { idempotent: true }, z.object({ precisionQueueInfo: wireQueue.nullish() }));
    if (body.precisionQueueInfo) checkRelationCodes(body.precisionQueueInfo);
    const queue = body.precisionQueueInfo ? queueFrom(body.precisionQueueInfo) : undefined;
    // The queue about to be written must be the one asked for.
    if (queue && queue.id !== id) throw contractError("CCE", "protected/precisionQueues/getPQByID", `asked for queue ${id}, it answered queue ${queue.id}`, "docs/cce-wire-decisions.md");
    return queue;
  } catch (error) {
    if (isApiError(error) && error.constant === "GET_PQ_BY_ID_FAILED") {
      const listed = await listPrecisionQueues(client);
      if (!listed.some((q) => q.id === id)) return undefined;
    }
    throw error;
  }
}

/**
 * Writes the whole queue. `queue.changeStamp` must be the stamp last read: the portal
 * refuses a stale one. Not retried after a lost answer: a repeat of a committed update
 * carries a stamp that is stale by then, so the caller reads the queue back instead.
 */
export async function updatePrecisionQueue(client: CceClient, queue: PrecisionQueueRecord): Promise<void> {
  await client.call(
    "protected/precisionQueues/updatePrecisionQueue",
    {
      precisionQueue: {
        id: queue.id,
        changeStamp: queue.changeStamp,
        name: queue.name,
        description: queue.description,
        agentOrdering: queue.agentOrdering,
        callOrdering: queue.callOrdering,
        serviceLevelThreshold: queue.serviceLevelThreshold,
        serviceLevelType: queue.serviceLevelType,
        steps: queue.steps.map((step) => ({
          terms: step.terms.map((term) => ({
            attribute: { id: term.attributeId, refURL: attributeRef(term.attributeId) },
            attributeRelation: term.attributeRelation,
            termRelation: term.termRelation,
            parenCount: term.parenCount,
            value1: term.value1,
          })),
          waitTime: step.waitTime,
          agentCount: step.agentCount,
          considerIf: step.considerIf,
        })),
      },
    },
    { idempotent: false },
  );
}
