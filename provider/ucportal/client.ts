/**
 * The UC portal REST client: the only code that speaks to the portal.
 * Wire contract: docs/ucportal-wire-decisions.md.
 *
 * A bearer token on every call, no sessions. Calls go to `<url>/<version>/customers/<customerId>/...`
 * (against the emulator, `url` carries its `/ucportal` prefix). A refusal becomes an ApiError that
 * leads with the HTTP status and the portal's error code and carries the portal's messages.
 */
import { pathSegment } from "../core/path-segment";
import { z } from "zod";
import { parseAnswer } from "../core/answer";
import { echo } from "../core/echo";
import { apiError, contractError } from "../core/errors";
import { defaultRetryPolicy, RetryPolicy, send } from "../core/http";
import { registerSecret } from "../core/secrets";
import { UcPortalConnection } from "./connection";

const CONTRACT = "docs/ucportal-wire-decisions.md";

/** What each error code means, for messages (docs/ucportal-wire-decisions.md, "Errors"). */
const CODE_MEANINGS: Record<string, string> = {
  REQUIRED: "a required field is missing or blank",
  TOO_LONG: "a field is longer than the portal allows",
  INVALID_VALUE: "a field has a value the portal does not accept",
  UNKNOWN_FIELD: "the user schema has no such field",
  READ_ONLY: "a read-only field was sent",
  UNKNOWN_ROLE: "a role key is not in the portal's catalogue",
  ROLE_PREREQUISITE_MISSING: "a role needs another role the user does not hold",
  SUPERVISOR_LICENCES_EXCLUSIVE: "a user may hold only one supervisor access licence",
  UNKNOWN_DEVICE: "no such device in this customer tenant",
  ROLE_REQUIRED: "the operation needs a role the user does not hold",
  INVALID_JSON: "the body is not one JSON object",
  INVALID_QUERY: "bad offset or limit",
  UNAUTHORIZED: "the bearer token (ucportal:token) is missing or unknown",
  FORBIDDEN: "the token does not belong to this customer tenant (ucportal:customerId)",
  PARENT_USER: "the user is configured at the reseller level and cannot be changed here",
  NOT_FOUND: "no such user, path or API version (ucportal:version)",
  METHOD_NOT_ALLOWED: "the method is not allowed on this path",
  EMAIL_IN_USE: "another user of this customer tenant has that e-mail address",
  LAST_USER_ADMINISTRATOR: "the tenant would be left without a user administrator",
  DEVICE_IN_USE: "the device is the softphone of another user",
  UNSUPPORTED_MEDIA_TYPE: "the body is not application/json",
};

/** The portal's error body. */
interface WireError {
  status?: number;
  code?: string;
  message?: string;
  errors?: { code?: string; message?: string }[];
}

export interface UcPortalRequest {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Below `customers/<customerId>/`, e.g. `users` or `users/<id>/devices`. */
  path: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  /** Statuses the caller handles itself (e.g. 404 on a read) instead of an error. */
  accept?: number[];
}

export interface UcPortalResponse<T> {
  status: number;
  body: T;
}

function errorOf(text: string): WireError {
  try {
    return JSON.parse(text) as WireError;
  } catch {
    return { message: text.trim() || undefined };
  }
}

export class UcPortalClient {
  /** `<url>/<version>/customers/<customerId>`. */
  readonly base: string;

  constructor(
    readonly connection: UcPortalConnection,
    private readonly retry: RetryPolicy = defaultRetryPolicy,
  ) {
    this.base = `${connection.url}/${pathSegment("ucportal:version", connection.version)}/customers/${pathSegment("ucportal:customerId", connection.customerId)}`;
    registerSecret(connection.token);
    registerSecret(`Bearer ${connection.token}`);
  }

  get customerId(): string {
    return this.connection.customerId;
  }

  /**
   * One call. A success answer is parsed by `answer` (each endpoint's schema,
   * customer-users-api.ts); without one its body is not read. A refusal is an ApiError.
   */
  async request<S extends z.ZodTypeAny = z.ZodUnknown>(request: UcPortalRequest, answer?: S): Promise<UcPortalResponse<z.output<S> | undefined>> {
    const url = new URL(`${this.base}/${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const headers: Record<string, string> = { authorization: `Bearer ${this.connection.token}`, accept: "application/json" };
    if (request.json !== undefined) headers["content-type"] = "application/json";
    const response = await send(
      {
        method: request.method,
        url: url.toString(),
        headers,
        body: request.json === undefined ? undefined : JSON.stringify(request.json),
        // GET reads; DELETE of a user already gone is a 404 the callers accept; PUT devices sends
        // the whole set, so a repeat lands in the same place. POST and PATCH are never repeated blindly.
        idempotent: request.method === "GET" || request.method === "DELETE" || request.method === "PUT",
      },
      this.retry,
    );
    const ok = response.status >= 200 && response.status < 300;
    const endpoint = `${request.method} ${url.pathname.replace(/^.*?\/customers\/[^/]+\//, "")}`;
    if (!ok && !(request.accept ?? []).includes(response.status)) {
      const error = errorOf(response.body);
      const messages = (error.errors ?? []).map((e) => e.message).filter(Boolean);
      throw apiError({
        system: "UC portal",
        endpoint,
        constant: `HTTP ${response.status}${error.code ? ` ${error.code}` : ""}`,
        meaning: (error.code && CODE_MEANINGS[error.code]) ?? "the request failed",
        detail: messages.length > 0 ? messages.join(" ") : error.message,
      });
    }
    if (!ok || !answer) return { status: response.status, body: undefined };
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      throw contractError("UC portal", endpoint, `the answer is not JSON: ${echo(response.body)}`, CONTRACT);
    }
    return { status: response.status, body: parseAnswer(answer, body, { system: "UC portal", endpoint, contract: CONTRACT }) };
  }
}
