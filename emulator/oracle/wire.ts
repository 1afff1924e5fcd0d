/**
 * Oracle ADF REST's wire format: Basic auth, the ADF media types, the REST-Framework-Version
 * and Metadata-Context headers, and error bodies (plain text before framework version 4,
 * `application/vnd.oracle.adf.error+json` from 4 on). Handlers throw OracleError; the
 * service turns it into the reply the caller's framework version expects.
 */
import http, { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import { createHash, timingSafeEqual } from "node:crypto";
import type { VendorReply, VendorRequest } from "../vendor";
import { ApiUser, oracleApiUsers } from "./tenant";

export const ORACLE_BASE_PATH = "/crmRestApi/resources";
/** The API versions the pod serves; `latest` is an alias, kept as sent in links. */
export const ORACLE_API_VERSIONS = ["11.13.18.05", "11.13.19.01", "latest"] as const;
/** Framework versions Fusion accepts in REST-Framework-Version; 1 when the header is absent. */
export const FRAMEWORK_VERSIONS = { min: 1, max: 9, default: 1 } as const;

export const MEDIA = {
  item: "application/vnd.oracle.adf.resourceitem+json",
  collection: "application/vnd.oracle.adf.resourcecollection+json",
  error: "application/vnd.oracle.adf.error+json",
} as const;

export const REALM = "crmRestApi";

export type JsonObject = Record<string, unknown>;

/** One problem found in a request, as an `o:errorDetails` entry. */
export interface ErrorDetail {
  detail: string;
  /** ADF BC's message number without the JBO- prefix, or the HTTP status for transport errors. */
  code: string;
}

/** ADF BC message numbers the emulator answers with (see docs/oracle-wire-decisions.md). */
export const ERR = {
  required: "27014",
  readOnly: "27008",
  tooLong: "27010",
  badValue: "25009",
  unknownAttribute: "25058",
  duplicate: "25013",
  rule: "27024",
  notFound: "25020",
  stale: "25014",
} as const;

export class OracleError extends Error {
  constructor(
    readonly status: number,
    readonly details: ErrorDetail[],
    readonly headers: OutgoingHttpHeaders = {},
  ) {
    super(details.map((d) => d.detail).join("\n"));
  }
}

/** A transport-level refusal whose code is its HTTP status. */
export function httpError(status: number, detail: string, headers?: OutgoingHttpHeaders): OracleError {
  return new OracleError(status, [{ detail, code: String(status) }], headers);
}

export function badRequest(detail: string, code: string = "400"): OracleError {
  return new OracleError(400, [{ detail, code }]);
}

/** Collects validation problems so one answer lists them all, as ADF's bundled exceptions do. */
export class Problems {
  readonly list: ErrorDetail[] = [];

  add(code: string, detail: string): void {
    this.list.push({ code, detail });
  }

  /** Throws 400 with every problem collected, if there is any. */
  throwIfAny(): void {
    if (this.list.length > 0) throw new OracleError(400, this.list);
  }
}

/** The error reply in the caller's framework version's format. */
export function errorReply(error: OracleError, framework: number): VendorReply {
  const headers: OutgoingHttpHeaders = { ...error.headers };
  if (error.status === 401) return { status: 401, headers };
  if (framework >= 4) {
    const body = {
      type: `http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.${Math.floor(error.status / 100)}.${(error.status % 100) + 1}`,
      title: http.STATUS_CODES[error.status] ?? "Error",
      status: String(error.status),
      "o:errorDetails": error.details.map((d) => ({ detail: d.detail, "o:errorCode": d.code })),
    };
    return { status: error.status, headers: { ...headers, "content-type": MEDIA.error }, body: JSON.stringify(body) };
  }
  return { status: error.status, headers: { ...headers, "content-type": "text/plain;charset=UTF-8" }, body: error.message };
}

/** A JSON reply with an ADF media type (the server sends string bodies with a content type as they are). */
export function jsonReply(status: number, body: unknown, kind: "item" | "collection", headers: OutgoingHttpHeaders = {}): VendorReply {
  return { status, headers: { ...headers, "content-type": `${MEDIA[kind]};charset=UTF-8` }, body: JSON.stringify(body) };
}

/** Reads REST-Framework-Version; an invalid one is reported in version 1's format by the caller. */
export function readFrameworkVersion(headers: IncomingHttpHeaders): number | OracleError {
  const raw = headerValue(headers, "rest-framework-version");
  if (raw === undefined) return FRAMEWORK_VERSIONS.default;
  const version = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(version >= FRAMEWORK_VERSIONS.min && version <= FRAMEWORK_VERSIONS.max)) {
    return badRequest(`REST-Framework-Version must be ${FRAMEWORK_VERSIONS.min} to ${FRAMEWORK_VERSIONS.max}, got '${raw}'.`);
  }
  return version;
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/** The API user named by a Basic Authorization header with the right password; 401 otherwise. */
export function authenticate(headers: IncomingHttpHeaders): ApiUser {
  const unauthorized = () =>
    httpError(401, "Authentication required.", { "www-authenticate": `Basic realm="${REALM}"` });
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(headerValue(headers, "authorization") ?? "");
  if (!match) throw unauthorized();
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw unauthorized();
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  const user = oracleApiUsers.find((u) => u.username === username);
  if (!user || !sameSecret(user.password, password)) throw unauthorized();
  return user;
}

/** Compares digests so the time taken says nothing about the password. */
function sameSecret(expected: string, given: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** 406 unless the Accept header, when sent, allows one of the JSON media types the API answers with. */
export function checkAccept(headers: IncomingHttpHeaders): void {
  const accept = headerValue(headers, "accept");
  if (accept === undefined || accept.trim() === "") return;
  const acceptable = accept.split(",").some((range) => {
    const type = range.split(";")[0].trim().toLowerCase();
    return type === "*/*" || type === "application/*" || type === "application/json" || type === MEDIA.item || type === MEDIA.collection;
  });
  if (!acceptable) throw httpError(406, `The Accept header '${accept}' allows none of application/json, ${MEDIA.item}, ${MEDIA.collection}.`);
}

/** The body of a POST or PATCH as one JSON object: 415 for another content type, 400 for anything else. */
export function readJsonObject(request: VendorRequest): JsonObject {
  const contentType = headerValue(request.headers, "content-type") ?? "";
  const mediaType = contentType.split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json" && mediaType !== MEDIA.item) {
    throw httpError(415, `Content-Type must be application/json or ${MEDIA.item}, got '${contentType || "none"}'.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body.toString("utf8"));
  } catch (error) {
    throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw badRequest("The request body must be a JSON object.");
  return parsed as JsonObject;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a YYYY-MM-DD string naming a real calendar day (2019-06-31 is not). */
export function isRealDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The UTC calendar day of an instant, YYYY-MM-DD. */
export function dayOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Oracle's timestamp form: 2020-07-20T07:31:46.594+00:00. */
export function timestampOf(epochMs: number): string {
  return new Date(epochMs).toISOString().replace("Z", "+00:00");
}

/** An If-Match / If-None-Match value without quotes or the weak prefix. */
export function bareTag(value: string): string {
  return value.trim().replace(/^W\//, "").replace(/^"(.*)"$/, "$1");
}

/** 412 when the request carries an If-Match that is neither `*` nor the current change indicator. */
export function checkIfMatch(headers: IncomingHttpHeaders, current: string): void {
  const ifMatch = headerValue(headers, "if-match");
  if (ifMatch === undefined) return;
  const tags = ifMatch.split(",").map(bareTag);
  if (tags.includes("*") || tags.includes(current)) return;
  throw new OracleError(412, [
    { detail: "Another user has changed the row: the If-Match change indicator is not the current one. Read the item again.", code: ERR.stale },
  ]);
}
