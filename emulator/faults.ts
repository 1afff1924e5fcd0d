/**
 * Injected faults: what a test asks the emulator to do wrong, and to which requests.
 *
 * Every vendor request takes one hit from each matching latency fault (delays add up) and
 * from the oldest matching fault that changes the outcome (status, rate-limit,
 * drop-response). Outcome faults queue up: adding a 500 and then a 429 makes the next
 * request fail with 500 and the one after with 429, which is how retry tests read.
 */
import { z } from "zod";
import { cceResultCodes } from "../provider/cce/result-codes";

const endpoint = z.string().min(1).optional();
/** Only requests with this HTTP method (e.g. PATCH on any user, whose path holds its id). */
const method = z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).optional();
const count = z.number().int().min(1).default(1);

/** The body of `POST /_emulator/faults`. */
export const faultSpecSchema = z.discriminatedUnion("kind", [
  /** Delay, then handle normally. */
  z.object({ kind: z.literal("latency"), endpoint, method, ms: z.number().int().min(0).max(600_000), count }).strict(),
  /** Answer with this HTTP status without handling the request. */
  z.object({ kind: z.literal("status"), endpoint, method, status: z.number().int().min(400).max(599).default(500), count }).strict(),
  /** Answer 429 with Retry-After without handling the request. */
  z.object({ kind: z.literal("rate-limit"), endpoint, method, retryAfterSeconds: z.number().int().min(0).default(1), count }).strict(),
  /**
   * A CCE portal refusal: HTTP 200, code -1 and this documented result constant (seed 001,
   * chapter 8), without handling the request. Any constant on any endpoint, to see the
   * provider surface it and write nothing after it.
   */
  z
    .object({
      kind: z.literal("result"),
      endpoint,
      method,
      constant: z.string().refine((c) => c in cceResultCodes, { message: "a result constant of seed 001, chapter 8" }),
      count,
    })
    .strict(),
  /** Handle the request (the change is committed), then close the socket without answering. */
  z.object({ kind: z.literal("drop-response"), endpoint, method, count }).strict(),
  /** Not stored: every live session of every vendor ends at once. */
  z.object({ kind: z.literal("expire-sessions") }).strict(),
]);

export type FaultSpec = z.infer<typeof faultSpecSchema>;
type StorableSpec = Exclude<FaultSpec, { kind: "expire-sessions" }>;
export type OutcomeFault = Exclude<StorableSpec, { kind: "latency" }>;

/** A stored fault; `remaining` counts the requests it will still hit. */
export type StoredFault = StorableSpec & { id: number; remaining: number };

/** What the faults decided for one request. */
export interface FaultPlan {
  /** Extra delay before the request is handled (or refused). */
  delayMs: number;
  /** The fault that changes the outcome, if any. */
  outcome?: OutcomeFault;
}

/**
 * Whether a fault's `endpoint` (a path suffix such as `skills/saveSkillGroup`) names this
 * request path. The suffix must start at a segment boundary, so `SkillGroup` does not
 * match `.../saveSkillGroup`.
 */
export function endpointMatches(endpoint: string | undefined, path: string): boolean {
  if (endpoint === undefined) return true;
  const suffix = "/" + endpoint.replace(/^\/+/, "");
  return path === suffix || path.endsWith(suffix);
}

export class FaultStore {
  private faults: StoredFault[] = [];
  private nextId = 1;

  /** Stores a fault; `expire-sessions` is applied by the caller and never stored. */
  add(spec: StorableSpec): StoredFault {
    const fault: StoredFault = { ...spec, id: this.nextId++, remaining: spec.count };
    this.faults.push(fault);
    return fault;
  }

  list(): StoredFault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Decides what happens to a `method` request for `path`, using up one hit of each fault it takes. */
  take(path: string, method?: string): FaultPlan {
    const plan: FaultPlan = { delayMs: 0 };
    for (const fault of this.faults) {
      if (!endpointMatches(fault.endpoint, path)) continue;
      if (fault.method !== undefined && fault.method !== method) continue;
      if (fault.kind === "latency") {
        plan.delayMs += fault.ms;
      } else if (plan.outcome === undefined) {
        const { id: _id, remaining: _remaining, method: _method, ...spec } = fault;
        plan.outcome = spec;
      } else {
        continue;
      }
      fault.remaining -= 1;
    }
    this.faults = this.faults.filter((fault) => fault.remaining > 0);
    return plan;
  }
}
