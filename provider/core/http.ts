/**
 * The one place that speaks HTTP. A thin layer over `got` that adds the retry policy the
 * vendors' APIs allow:
 * - a request the server says it did not process (429, 503) is retried for any method,
 *   after the server's `Retry-After` when it gives one, however long, up to a maximum
 *   (`CONTACT_CENTER_MAX_RETRY_AFTER_SECONDS`, 5 minutes unless set); a longer wait fails the
 *   call at once, saying so, rather than asking again early. A wait of seconds or more is
 *   announced on standard error, which the Pulumi CLI shows as the run goes;
 * - any other failure (network error, timeout, other 5xx) is retried only for reads,
 *   because a write may have been committed before its answer was lost. Such a write
 *   fails with an *ambiguous* transport error, and the caller looks the object up instead
 *   of posting it again.
 */
import got, { Method, Response, RequestError } from "got";
import { setTimeout as sleep } from "node:timers/promises";
import { transportError } from "./errors";
import { secondsSetting } from "./settings";

export interface HttpRequest {
  method: Method;
  url: string;
  headers?: Record<string, string>;
  /** A JSON body; sent as `application/json`. */
  json?: unknown;
  /** A raw body (e.g. XML) with its content type in `headers`. */
  body?: string;
  /** True for calls that change nothing (reads), which may be retried after any failure. */
  idempotent: boolean;
  /** A logout: the one call still sent after `haltCalls()`, so a dying run frees its sessions. */
  endsSession?: true;
}

let halted: string | undefined;

/**
 * From now on every call but a logout fails before it is sent, with `reason`. For a process
 * whose run is over (its engine is gone): a step in flight must not go on to its next call.
 */
export function haltCalls(reason: string): void {
  halted = reason;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Base of the exponential backoff, in milliseconds. */
  baseDelayMs: number;
  /** Upper bound of a backoff wait of our own choosing. */
  maxDelayMs: number;
  /** The longest `Retry-After` obeyed; a server asking for more fails the call. */
  maxRetryAfterMs: number;
  /** Per-attempt timeout. */
  timeoutMs: number;
}

/** `CONTACT_CENTER_MAX_RETRY_AFTER_SECONDS`, else 5 minutes: the most a run waits when a server asks it to. */
export function maxRetryAfterMs(env: NodeJS.ProcessEnv = process.env): number {
  return secondsSetting("CONTACT_CENTER_MAX_RETRY_AFTER_SECONDS", 300, { env });
}

/** `CONTACT_CENTER_HTTP_TIMEOUT_SECONDS`, else 30 s: how long one attempt waits for an answer. */
export function requestTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  return secondsSetting("CONTACT_CENTER_HTTP_TIMEOUT_SECONDS", 30, { zero: false, env });
}

/** The policy every client uses unless given another; the environment is read when a client copies it. */
export const defaultRetryPolicy: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 30_000,
  get maxRetryAfterMs() {
    return maxRetryAfterMs();
  },
  get timeoutMs() {
    return requestTimeoutMs();
  },
};

/** Waits at least this long are announced: a run that seems stuck for them should say why. */
const ANNOUNCED_WAIT_MS = 5_000;

/** A line for whoever watches the run: the provider's standard error, which the Pulumi CLI shows. */
function announce(line: string): void {
  process.stderr.write(`${line}\n`);
}

const NOT_PROCESSED = new Set([429, 503]);

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** Full jitter: a random wait between 0 and the exponential bound. */
function backoff(attempt: number, policy: RetryPolicy): number {
  return Math.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function once(request: HttpRequest, policy: RetryPolicy): Promise<Response<string>> {
  return got(request.url, {
    method: request.method,
    headers: request.headers,
    json: request.json as Record<string, unknown> | undefined,
    body: request.body,
    responseType: "text",
    throwHttpErrors: false,
    retry: 0,
    followRedirect: false,
    timeout: policy.timeoutMs,
  });
}

export async function send(request: HttpRequest, policy: RetryPolicy = defaultRetryPolicy): Promise<HttpResponse> {
  for (let attempt = 0; ; attempt++) {
    if (halted && !request.endsSession) throw transportError(`${request.method} ${request.url}: not sent: ${halted}`, false);
    const last = attempt + 1 >= policy.attempts;
    let response: Response<string>;
    try {
      response = await once(request, policy);
    } catch (error) {
      const reason = error instanceof RequestError ? `${error.code ?? ""} ${error.message}`.trim() : String(error);
      if (request.idempotent && !last) {
        await sleep(backoff(attempt, policy));
        continue;
      }
      // No answer arrived: a write may or may not have been applied.
      throw transportError(`${request.method} ${request.url}: no response (${reason})`, !request.idempotent);
    }

    const status = response.statusCode;
    const retryable = NOT_PROCESSED.has(status) || (request.idempotent && status >= 500);
    if (retryable && !last) {
      const asked = retryAfterMs(response.headers["retry-after"]);
      if (asked !== undefined && asked > policy.maxRetryAfterMs) {
        // The server said "not now" for longer than this run waits: stop, nothing was processed.
        throw transportError(
          `${request.method} ${request.url}: HTTP ${status}, and the server asks to wait ${seconds(asked)} (Retry-After), more than the ` +
            `${seconds(policy.maxRetryAfterMs)} this run waits (CONTACT_CENTER_MAX_RETRY_AFTER_SECONDS). Nothing was done; run again later, or allow a longer wait`,
          false,
          status,
        );
      }
      const wait = asked ?? backoff(attempt, policy);
      if (wait >= ANNOUNCED_WAIT_MS) {
        announce(`${request.method} ${new URL(request.url).pathname}: HTTP ${status}; waiting ${seconds(wait)} ${asked !== undefined ? "as the server asks (Retry-After)" : "before trying again"}, attempt ${attempt + 2} of ${policy.attempts}`);
      }
      await sleep(asked !== undefined ? wait : Math.min(wait, policy.maxDelayMs));
      continue;
    }
    if (status >= 500 || status === 429) {
      // A 5xx other than 503 on a write is ambiguous: the server may have committed it.
      const ambiguous = !request.idempotent && !NOT_PROCESSED.has(status);
      throw transportError(`${request.method} ${request.url}: HTTP ${status} after ${attempt + 1} attempt(s)`, ambiguous, status);
    }
    return { status, headers: response.headers, body: response.body };
  }
}
