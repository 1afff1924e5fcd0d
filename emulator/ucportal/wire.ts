/**
 * The UC portal's wire format as docs/ucportal-wire-decisions.md fixes it (the seed has
 * none): bearer tokens, JSON bodies, and one error body `{status, code, message, errors}`.
 * Handlers throw UcPortalError; the service turns it into the reply.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import type { VendorReply, VendorRequest } from "../vendor";

export const UCPORTAL_BASE_PATH = "/ucportal";
export const UCPORTAL_API_VERSIONS = ["v1"] as const;
export const REALM = "ucportal";

export type JsonObject = Record<string, unknown>;

/** One problem, as an entry of the error body's `errors`. */
export interface ErrorEntry {
  code: string;
  message: string;
  field?: string;
  [extra: string]: unknown;
}

export class UcPortalError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ErrorEntry[],
    readonly headers: OutgoingHttpHeaders = {},
  ) {
    super(errors.map((e) => e.message).join("\n"));
  }
}

export function fail(status: number, code: string, message: string, extra: Omit<ErrorEntry, "code" | "message"> = {}, headers?: OutgoingHttpHeaders): UcPortalError {
  return new UcPortalError(status, [{ code, message, ...extra }], headers);
}

/** Collects the problems of one request so a 400 lists them all. */
export class Problems {
  readonly list: ErrorEntry[] = [];

  add(code: string, message: string, extra: Omit<ErrorEntry, "code" | "message"> = {}): void {
    this.list.push({ code, message, ...extra });
  }

  throwIfAny(status = 400): void {
    if (this.list.length > 0) throw new UcPortalError(status, this.list);
  }
}

export function errorReply(error: UcPortalError): VendorReply {
  const [first] = error.errors;
  return { status: error.status, headers: error.headers, body: { status: error.status, code: first.code, message: first.message, errors: error.errors } };
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** The bearer token of the request; 401 when there is none. */
export function bearerToken(headers: IncomingHttpHeaders): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headerValue(headers, "authorization") ?? "");
  if (!match) throw unauthorized("A bearer token is required: Authorization: Bearer <token>.");
  return match[1];
}

export function unauthorized(message: string): UcPortalError {
  return fail(401, "UNAUTHORIZED", message, {}, { "www-authenticate": `Bearer realm="${REALM}"` });
}

/** The body as one JSON object; `optional` bodies may be empty (the e-mail calls). */
export function readJsonObject(request: VendorRequest, optional = false): JsonObject {
  if (request.body.length === 0 && optional) return {};
  const contentType = headerValue(request.headers, "content-type") ?? "";
  if (contentType.split(";")[0].trim().toLowerCase() !== "application/json") {
    throw fail(415, "UNSUPPORTED_MEDIA_TYPE", `Content-Type must be application/json, got '${contentType || "none"}'.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body.toString("utf8"));
  } catch (error) {
    throw fail(400, "INVALID_JSON", `The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw fail(400, "INVALID_JSON", "The request body must be one JSON object.");
  }
  return parsed as JsonObject;
}
