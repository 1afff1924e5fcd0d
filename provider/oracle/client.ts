/**
 * The Oracle CX REST client (ADF REST framework): the only code that speaks to Oracle CX.
 * Wire contract: docs/oracle-wire-decisions.md.
 *
 * HTTP Basic on every call, no sessions. `REST-Framework-Version: 4` is sent so that errors come
 * back as JSON (`o:errorDetails`) and child collections as collection objects. A refusal
 * becomes an ApiError that leads with the HTTP status and Oracle's error code and carries
 * Oracle's own detail text.
 */
import { pathSegment } from "../core/path-segment";
import { z } from "zod";
import { parseAnswer } from "../core/answer";
import { echo } from "../core/echo";
import { contractError, apiError } from "../core/errors";
import { send, RetryPolicy, defaultRetryPolicy } from "../core/http";
import { registerSecret } from "../core/secrets";
import { OracleConnection } from "./connection";

export const REST_FRAMEWORK_VERSION = "4";
const ITEM_TYPE = "application/vnd.oracle.adf.resourceitem+json";

/** What each status means for this API, for error messages. */
const STATUS_MEANINGS: Record<number, string> = {
  400: "Bad Request: Oracle refused the payload or the query",
  401: "Unauthorized: the user name or password (oracle:username, oracle:password) is wrong",
  403: "Forbidden: the user may not do this (a read-only user writing, or a suspended user)",
  404: "Not Found: no such item, resource or REST version",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  412: "Precondition Failed: the item changed since its ETag was read",
  415: "Unsupported Media Type",
};

export interface OracleResponse<T> {
  status: number;
  /** The item's change indicator, when the answer carries one. */
  etag?: string;
  /** The `Location` header of a 201. */
  location?: string;
  body: T;
}

export interface OracleRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Below `/crmRestApi/resources/<version>/`, e.g. `resourceUsers`; or an absolute href from a link. */
  path: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  ifMatch?: string;
  /** Statuses the caller handles itself (e.g. 404 on a read, 412 on a PATCH) instead of an error. */
  accept?: number[];
}

/** Oracle's error body: JSON from framework version 4, text before. */
function detailOf(body: string): { code?: string; detail?: string } {
  try {
    const parsed = JSON.parse(body) as { "o:errorDetails"?: { detail?: string; "o:errorCode"?: string }[]; title?: string };
    const details = parsed["o:errorDetails"] ?? [];
    if (details.length > 0) {
      return { code: details[0]["o:errorCode"], detail: details.map((d) => d.detail).filter(Boolean).join("; ") };
    }
    return { detail: parsed.title };
  } catch {
    return { detail: body.trim() || undefined };
  }
}

const CONTRACT = "docs/oracle-wire-decisions.md";

export class OracleClient {
  readonly base: string;

  constructor(
    private readonly connection: OracleConnection,
    private readonly retry: RetryPolicy = defaultRetryPolicy,
  ) {
    this.base = `${connection.url}/crmRestApi/resources/${pathSegment("oracle:restVersion", connection.restVersion)}`;
    registerSecret(connection.password);
    registerSecret(this.authorization());
  }

  private authorization(): string {
    return `Basic ${Buffer.from(`${this.connection.username}:${this.connection.password}`, "utf8").toString("base64")}`;
  }

  /**
   * One call. A success answer is parsed by `answer` (each endpoint's schema,
   * resource-users-api.ts); without one its body is not read. A refusal is an ApiError.
   */
  async request<S extends z.ZodTypeAny = z.ZodUnknown>(request: OracleRequest, answer?: S): Promise<OracleResponse<z.output<S> | undefined>> {
    const url = new URL(/^https?:\/\//.test(request.path) ? request.path : `${this.base}/${request.path}`);
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const headers: Record<string, string> = {
      authorization: this.authorization(),
      accept: "application/json",
      "rest-framework-version": REST_FRAMEWORK_VERSION,
    };
    if (request.json !== undefined) headers["content-type"] = ITEM_TYPE;
    if (request.ifMatch) headers["if-match"] = request.ifMatch;
    const response = await send(
      {
        method: request.method,
        url: url.toString(),
        headers,
        body: request.json === undefined ? undefined : JSON.stringify(request.json),
        // A repeated DELETE finds nothing (callers accept 404). A PATCH is not repeated blindly:
        // the first may have committed and moved the ETag; callers re-read instead.
        idempotent: request.method === "GET" || request.method === "DELETE",
      },
      this.retry,
    );
    const header = (name: string) => {
      const value = response.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const ok = response.status >= 200 && response.status < 300;
    if (!ok && !(request.accept ?? []).includes(response.status)) {
      const { code, detail } = detailOf(response.body);
      throw apiError({
        system: "Oracle CX",
        endpoint: `${request.method} ${url.pathname.replace(/^.*\/crmRestApi\/resources\/[^/]+\//, "")}`,
        constant: `HTTP ${response.status}${code ? ` (Oracle error ${code})` : ""}`,
        meaning: STATUS_MEANINGS[response.status] ?? "the request failed",
        detail,
      });
    }
    const etag = header("etag")?.replace(/^W\//, "").replace(/"/g, "");
    const endpoint = `${request.method} ${url.pathname.replace(/^.*\/crmRestApi\/resources\/[^/]+\//, "")}`;
    if (!ok || !answer) return { status: response.status, etag, location: header("location"), body: undefined };
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      throw contractError("Oracle CX", endpoint, `the answer is not JSON: ${echo(response.body)}`, CONTRACT);
    }
    return { status: response.status, etag, location: header("location"), body: parseAnswer(answer, body, { system: "Oracle CX", endpoint, contract: CONTRACT }) };
  }
}
