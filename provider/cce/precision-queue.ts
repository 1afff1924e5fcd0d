/**
 * `PrecisionQueue`: a Cisco Webex CCE precision queue, adopted and managed in place.
 *
 * Lifecycle (seed 001; see docs/resources/precision-queue.md):
 * - create: the portal cannot create queues, so "create" adopts an existing one by
 *   `queueName` or `queueId`, records what it was (`adopted`), then writes the declared
 *   fields with the queue's current `changeStamp`.
 * - read: `getPQByID`; a queue that is gone leaves the state.
 * - update: read first; a `changeStamp` that moved since the state was written is a
 *   conflict, reported with both versions and never overwritten.
 * - delete: the portal cannot delete queues: the queue is released, and with
 *   `restoreOnDelete` the fields this resource managed are set back to what was adopted.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { LifecycleResource, refuseOverruledPolicy } from "../core/lifecycle-provider";

export const ATTRIBUTE_RELATION_NAMES = ["==", "!=", "<", "<=", ">", ">="] as const;

const wholeNumber = (rule = "must be a whole number") => z.number({ error: "must be a number" }).int(rule);
const atLeastZero = () => wholeNumber().min(0, "must be 0 or more");

export const precisionQueueTerm = z
  .object({
    attribute: z
      .union([z.string(), z.number()], { error: "must be an attribute name (string) or an attribute id (number)" }),
    relation: z
      .enum(ATTRIBUTE_RELATION_NAMES, { error: 'must be one of "==", "!=", "<", "<=", ">", ">="' }),
    value: z
      .union([z.string(), z.number(), z.boolean()], { error: "must be a string, a whole number, or true or false" }),
    connector: z
      .enum(["and", "or"], { error: 'must be "and" or "or"' })
      .optional(),
    parenCount: atLeastZero().default(0),
  })
  .strict();

export const precisionQueueStep = z
  .object({
    terms: z.array(precisionQueueTerm, { error: "must be a list of terms" }).min(1, "must have at least one term"),
    waitTime: atLeastZero().default(0),
    agentCount: atLeastZero().default(0),
    considerIf: z.string({ error: "must be a string" }).default(""),
  })
  .strict();

export const precisionQueueInputs = z
  .object({
    queueName: z
      .string({ error: "must be a string" })
      .min(1, "must not be empty")
      .optional(),
    queueId: wholeNumber()
      .positive("must be a positive precision queue id")
      .optional(),
    description: z.string({ error: "must be a string" }).max(255, "must be at most 255 characters").optional(),
    agentOrdering: wholeNumber().optional(),
    callOrdering: wholeNumber().optional(),
    serviceLevelThreshold: wholeNumber("must be a whole number of seconds")
      .min(-1, "must be -1 (the default) or 0 to 7200 seconds")
      .max(7200, "must be -1 (the default) or 0 to 7200 seconds")
      .optional(),
    serviceLevelType: wholeNumber().optional(),
    steps: z
      .array(precisionQueueStep, { error: "must be a list of steps" })
      .min(1, "must have at least one step")
      .optional(),
    restoreOnDelete: z
      .boolean({ error: "must be true or false" })
      .default(false),
  })
  .strict()
  .superRefine((inputs, ctx) => {
    if (inputs.queueName !== undefined && inputs.queueId !== undefined) {
      ctx.addIssue({ code: "custom", path: ["queueName"], message: "must not be set together with queueId: adopt by one or the other" });
    }
    if (inputs.queueName === undefined && inputs.queueId === undefined) {
      ctx.addIssue({ code: "custom", path: ["queueName"], message: "or queueId is required: the queue to adopt (the portal cannot create queues)" });
    }
    inputs.steps?.forEach((step, s) =>
      step.terms.forEach((term, t) => {
        const at = (field: string) => ["steps", s, "terms", t, field];
        if (t === 0 && term.connector !== undefined) {
          ctx.addIssue({ code: "custom", path: at("connector"), message: "must not be set on the first term of a step" });
        }
        if (t > 0 && term.connector === undefined) {
          ctx.addIssue({ code: "custom", path: at("connector"), message: 'is required from the second term of a step ("and" or "or")' });
        }
        if (typeof term.attribute === "string" && term.attribute.trim() === "") {
          ctx.addIssue({ code: "custom", path: at("attribute"), message: "must not be empty" });
        }
        if (typeof term.attribute === "number" && !(Number.isInteger(term.attribute) && term.attribute > 0)) {
          ctx.addIssue({ code: "custom", path: at("attribute"), message: "must be a positive whole attribute id" });
        }
        if (typeof term.value === "number" && !Number.isInteger(term.value)) {
          ctx.addIssue({ code: "custom", path: at("value"), message: "must be a whole number" });
        }
        if (typeof term.value === "boolean" && term.relation !== "==" && term.relation !== "!=") {
          ctx.addIssue({ code: "custom", path: at("relation"), message: 'must be "==" or "!=" when the value is true or false' });
        }
      }),
    );
  });

export type PrecisionQueueInputs = z.output<typeof precisionQueueInputs>;
export type PrecisionQueueStepInput = z.output<typeof precisionQueueStep>;
export type PrecisionQueueTermInput = z.output<typeof precisionQueueTerm>;

/** The fields a `PrecisionQueue` manages when they are set. */
export const MANAGED_FIELDS = ["description", "agentOrdering", "callOrdering", "serviceLevelThreshold", "serviceLevelType", "steps"] as const;
export type ManagedField = (typeof MANAGED_FIELDS)[number];

/** The queue as it was when adopted: every field a resource can manage, with attributes by id. */
export interface AdoptedPrecisionQueue {
  queueId: number;
  name: string;
  changeStamp: number;
  description: string;
  agentOrdering: number;
  callOrdering: number;
  serviceLevelThreshold: number;
  serviceLevelType: number;
  steps: PrecisionQueueStepInput[];
}

export interface PrecisionQueueOutputs extends Omit<PrecisionQueueInputs, "queueId"> {
  queueId: number;
  name: string;
  changeStamp: number;
  adopted: AdoptedPrecisionQueue;
}

/** One term of a step: `<attribute> <relation> <value>`, joined to the terms before it by `connector`. */
export interface PrecisionQueueTermArgs {
  /** The agent attribute: its name (resolved in the tenant) or its id. @example "Sales_Skill" */
  attribute: pulumi.Input<string | number>;
  /** How the agent's value compares: `"=="`, `"!="`, `"<"`, `"<="`, `">"` or `">="`. Only `"=="`/`"!="` for true/false values. @example ">=" */
  relation: pulumi.Input<"==" | "!=" | "<" | "<=" | ">" | ">=">;
  /** The value compared with: a whole number (1 to 10 for a proficiency attribute), true or false (boolean attribute), or text. @example 7 */
  value: pulumi.Input<string | number | boolean>;
  /** `"and"` or `"or"`: required from the second term of a step, not allowed on the first. @default none @example "or" */
  connector?: pulumi.Input<"and" | "or">;
  /** ICM's parenthesis count for the term. @default 0 @example 0 */
  parenCount?: pulumi.Input<number>;
}

export interface PrecisionQueueStepArgs {
  /** At least one term. @example [{ attribute: "Sales_Skill", relation: ">=", value: 7 }] */
  terms: pulumi.Input<pulumi.Input<PrecisionQueueTermArgs>[]>;
  /** Seconds a call waits at this step before the next step is considered. @default 0 @example 30 */
  waitTime?: pulumi.Input<number>;
  /** The step's agent count, as the portal stores it. @default 0 @example 0 */
  agentCount?: pulumi.Input<number>;
  /** The step's Consider If expression. @default "" @example "" */
  considerIf?: pulumi.Input<string>;
}

export interface PrecisionQueueArgs {
  /**
   * Adopt the existing queue of this name (compared case-insensitively). Exactly one of
   * `queueName` and `queueId`; changing it to another queue replaces the resource.
   * @default none
   * @example "PQ_Sales"
   */
  queueName?: pulumi.Input<string>;
  /** Adopt the existing queue with this id. Exactly one of `queueName` and `queueId`. @default none @example 5300 */
  queueId?: pulumi.Input<number>;
  /** Managed when set: at most 255 characters. @default not managed @example "Sales, Spanish speakers first" */
  description?: pulumi.Input<string>;
  /**
   * Managed when set: the portal's agent ordering code (seed 001 gives only "Int"; in Unified
   * CCE 1 = longest available agent, 2 = most skilled agent, 3 = least skilled agent).
   * @default not managed
   * @example 1
   */
  agentOrdering?: pulumi.Input<number>;
  /** Managed when set: the portal's call ordering code (in Unified CCE 1 = priority, then time in queue). @default not managed @example 1 */
  callOrdering?: pulumi.Input<number>;
  /** Managed when set: seconds within which a call counts as answered in service level, -1 or 0 to 7200. @default not managed @example 30 */
  serviceLevelThreshold?: pulumi.Input<number>;
  /**
   * Managed when set: the portal's service level type code (in Unified CCE: abandoned calls
   * are ignored, count negatively or count positively).
   * @default not managed
   * @example 1
   */
  serviceLevelType?: pulumi.Input<number>;
  /** Managed when set: the whole list of steps, in order; at least one. @default not managed @example [{ terms: [{ attribute: "Sales_Skill", relation: ">=", value: 7 }], waitTime: 30 }] */
  steps?: pulumi.Input<pulumi.Input<PrecisionQueueStepArgs>[]>;
  /**
   * On delete (or replacement), set the fields this resource manages back to what they were
   * when the queue was adopted. Refused as a conflict if the queue changed since it was last read.
   * Otherwise delete only releases the queue: the portal has no delete call. Refused together
   * with Pulumi's `retainOnDelete: true`, under which delete is never called.
   * @default false
   * @example true
   */
  restoreOnDelete?: pulumi.Input<boolean>;
}

/** The type token and the lifecycle module that serves it (provider/core/lifecycle-provider.ts). */
const TOKEN = { module: "cce", type: "PrecisionQueue", lifecycle: "cce/precision-queue" } as const;

/**
 * A Cisco Webex CCE precision queue. The portal can neither create nor delete queues:
 * this resource adopts an existing one and manages the fields that are set.
 *
 * @example
 * ```ts
 * const sales = new PrecisionQueue("sales", {
 *   queueName: "PQ_Sales",
 *   description: "Sales, Spanish first",
 *   steps: [
 *     { terms: [{ attribute: "Sales_Skill", relation: ">=", value: 7 }, { attribute: "Spanish", relation: "==", value: true, connector: "and" }], waitTime: 30 },
 *     { terms: [{ attribute: "Sales_Skill", relation: ">=", value: 5 }] },
 *   ],
 * });
 * ```
 */
export class PrecisionQueue extends LifecycleResource {
  /** The adopted queue's id (also the resource id). */
  declare public readonly queueId: pulumi.Output<number>;
  /** The name it was adopted by, when adopted by name. */
  declare public readonly queueName: pulumi.Output<string | undefined>;
  /** The queue's name in the portal. */
  declare public readonly name: pulumi.Output<string>;
  /** The queue's changeStamp when last read or written: the version the next update must carry. */
  declare public readonly changeStamp: pulumi.Output<number>;
  /** The live description, when managed. */
  declare public readonly description: pulumi.Output<string | undefined>;
  /** The live agent ordering code, when managed. */
  declare public readonly agentOrdering: pulumi.Output<number | undefined>;
  /** The live call ordering code, when managed. */
  declare public readonly callOrdering: pulumi.Output<number | undefined>;
  /** The live service level threshold, when managed. */
  declare public readonly serviceLevelThreshold: pulumi.Output<number | undefined>;
  /** The live service level type code, when managed. */
  declare public readonly serviceLevelType: pulumi.Output<number | undefined>;
  /** The live steps, when managed, with attributes named as they were declared (by name or by id). */
  declare public readonly steps: pulumi.Output<PrecisionQueueStepInput[] | undefined>;
  /** Whether delete restores the managed fields to the adopted values. */
  declare public readonly restoreOnDelete: pulumi.Output<boolean>;
  /** The queue as it was when adopted (attributes by id): what `restoreOnDelete` restores. */
  declare public readonly adopted: pulumi.Output<AdoptedPrecisionQueue>;

  constructor(name: string, args: PrecisionQueueArgs, opts?: pulumi.CustomResourceOptions) {
    refuseOverruledPolicy(`PrecisionQueue "${name}"`, "restoreOnDelete", args.restoreOnDelete, (r) => r === true, "leaves the queue as it is", opts);
    super(
      TOKEN,
      name,
      {
        queueName: undefined,
        name: undefined,
        changeStamp: undefined,
        description: undefined,
        agentOrdering: undefined,
        callOrdering: undefined,
        serviceLevelThreshold: undefined,
        serviceLevelType: undefined,
        steps: undefined,
        restoreOnDelete: undefined,
        adopted: undefined,
        ...args,
      },
      opts,
    );
    this.queueId = this.numericId();
  }
}
