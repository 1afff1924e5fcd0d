/**
 * The CCE portal's wire format: JSON bodies whose `code`/`codeMessage` carry the outcome,
 * HTTP statuses that only say whether the call reached the service, and the lenient
 * number and string reading of the Jackson-based server the document describes.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { VendorReply, VendorRequest } from "../vendor";
import { CODE_FAILURE, CODE_SUCCESS, CceResultCode, meaningOf } from "./constants";

export type JsonObject = Record<string, unknown>;

/** A successful call: HTTP 200, `code` 0. The result fields come last, as in the document's examples. */
export function success(codeMessage: CceResultCode, fields: JsonObject = {}, headers?: VendorReply["headers"]): VendorReply {
  return {
    status: 200,
    headers,
    body: { ...fields, errorMessage: null, codeMessage, code: CODE_SUCCESS, freeTextResponse: null },
  };
}

/**
 * A refused call: `code` -1 with the constant and an English explanation. HTTP 200 unless
 * the refusal happens before the service (401, 404, 415).
 */
export function failure(codeMessage: CceResultCode, errorMessage: string = meaningOf(codeMessage), status = 200): VendorReply {
  return { status, body: { errorMessage, codeMessage, code: CODE_FAILURE, freeTextResponse: null } };
}

/**
 * Reads a POST body as a JSON object. Wrong content type answers 415; anything that is not
 * a JSON object (empty, malformed, the document's own trailing-comma examples, an array)
 * answers 404, which the document calls "bad request".
 */
export function readJsonBody(request: VendorRequest): { ok: true; body: JsonObject } | { ok: false; reply: VendorReply } {
  if (!isJsonContentType(request.headers["content-type"])) {
    const received = request.headers["content-type"] ?? "no Content-Type";
    return { ok: false, reply: failure("UNSUPPORTED_MEDIA_TYPE", `expected Content-Type application/json, got ${received}`, 415) };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body.toString("utf8"));
  } catch (error) {
    return { ok: false, reply: failure("BAD_REQUEST", `the body is not valid JSON: ${(error as Error).message}`, 404) };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, reply: failure("BAD_REQUEST", "the body must be a JSON object", 404) };
  }
  return { ok: true, body: parsed as JsonObject };
}

function isJsonContentType(header: string | undefined): boolean {
  const mediaType = (header ?? "").split(";")[0].trim().toLowerCase();
  return mediaType === "application/json" || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

/** A value that is present but cannot be read as the type asked for. */
export const INVALID = Symbol("invalid");

/**
 * Reads an integer the way Jackson does for an `Integer` field: numbers and numeric
 * strings (`"pageSize": "0"`) are accepted; null, absent and "" mean absent.
 * Fractions are refused rather than truncated, so a typo cannot select another object.
 */
export function readInt(value: unknown): number | undefined | typeof INVALID {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "number") return Number.isSafeInteger(value) ? value : INVALID;
  if (typeof value === "string" && /^\s*[+-]?\d{1,15}\s*$/.test(value)) return Number.parseInt(value, 10);
  return INVALID;
}

/** Reads a string the way Jackson does: scalars are turned into their text, objects are refused. */
export function readString(value: unknown): string | undefined | typeof INVALID {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return INVALID;
}

/** Reads a boolean; Jackson also accepts the strings "true" and "false". */
export function readBoolean(value: unknown): boolean | undefined | typeof INVALID {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  return INVALID;
}

/** The value of one cookie from the Cookie header, if sent. */
export function readCookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const pair of (headers.cookie ?? "").split(";")) {
    const index = pair.indexOf("=");
    if (index > 0 && pair.slice(0, index).trim() === name) return pair.slice(index + 1).trim();
  }
  return undefined;
}

/** Page size when a list request names none. */
const DEFAULT_PAGE_SIZE = 25;

export interface Paging {
  pageSize: number;
  pageNumber: number;
  descending: boolean;
}

/** Reads pageSize/pageNumber/direction as getSkillGroups does (numeric strings accepted, 0 = everything). */
export function readPaging(body: JsonObject, failed: CceResultCode): Paging | { reply: VendorReply } {
  const badType = (field: string) => ({ reply: failure("BAD_REQUEST", `${field} has the wrong type: ${JSON.stringify(body[field])}`, 404) });
  const pageSize = readInt(body.pageSize);
  if (pageSize === INVALID) return badType("pageSize");
  const pageNumber = readInt(body.pageNumber);
  if (pageNumber === INVALID) return badType("pageNumber");
  const direction = readString(body.direction);
  if (direction === INVALID) return badType("direction");
  if (pageSize !== undefined && pageSize < 0) return { reply: failure(failed, `pageSize must be 0 (everything) or more, got ${pageSize}`) };
  if (pageNumber !== undefined && pageNumber < 1) return { reply: failure(failed, `pageNumber starts at 1, got ${pageNumber}`) };
  if (direction !== undefined && !/^(ASC|DESC)$/i.test(direction)) return { reply: failure(failed, `direction must be ASC or DESC, got '${direction}'`) };
  return { pageSize: pageSize ?? DEFAULT_PAGE_SIZE, pageNumber: pageNumber ?? 1, descending: direction?.toUpperCase() === "DESC" };
}

/** Rows in id order (reversed for DESC), cut to the page asked for. */
export function pageOf<T extends { id: number }>(rows: T[], paging: Paging) {
  const sorted = [...rows].sort((a, b) => (paging.descending ? b.id - a.id : a.id - b.id));
  const { pageSize, pageNumber } = paging;
  const page = pageSize === 0 ? sorted : sorted.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return { page, pagingInfo: { totalPages: pageSize === 0 ? 1 : Math.ceil(rows.length / pageSize), totalElements: rows.length } };
}

/** A field whose value has the wrong type; the real server fails deserialisation ("404 - bad request"). */
export class WrongType extends Error {
  constructor(field: string, value: unknown, expected: string) {
    super(`${field} has the wrong type: expected ${expected}, got ${JSON.stringify(value)}`);
  }
}

/**
 * Typed readers of request fields for calls with many of them: a wrong type throws
 * WrongType, which `answeringWrongTypes` turns into the 404 answer.
 */
export const field = {
  int(body: JsonObject, name: string): number | undefined {
    const value = readInt(body[name]);
    if (value === INVALID) throw new WrongType(name, body[name], "an integer");
    return value;
  },
  string(body: JsonObject, name: string): string | undefined {
    const value = readString(body[name]);
    if (value === INVALID) throw new WrongType(name, body[name], "a string");
    return value;
  },
  boolean(body: JsonObject, name: string): boolean | undefined {
    const value = readBoolean(body[name]);
    if (value === INVALID) throw new WrongType(name, body[name], "a boolean");
    return value;
  },
  /** An array of integers; null and absent are undefined. */
  intArray(body: JsonObject, name: string): number[] | undefined {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    const items = Array.isArray(value) ? value.map(readInt) : [INVALID];
    if (!items.every((item): item is number => typeof item === "number")) throw new WrongType(name, value, "an array of integers");
    return items;
  },
  stringArray(body: JsonObject, name: string): string[] | undefined {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    const items = Array.isArray(value) ? value.map(readString) : [INVALID];
    if (!items.every((item): item is string => typeof item === "string")) throw new WrongType(name, value, "an array of strings");
    return items;
  },
  object(body: JsonObject, name: string): JsonObject | undefined {
    const value = body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object" || Array.isArray(value)) throw new WrongType(name, value, "an object");
    return value as JsonObject;
  },
};

/** Wraps a call handler so a WrongType from `field` answers 404 BAD_REQUEST. */
export function answeringWrongTypes<A extends unknown[]>(handler: (...args: A) => VendorReply): (...args: A) => VendorReply {
  return (...args) => {
    try {
      return handler(...args);
    } catch (error) {
      if (error instanceof WrongType) return failure("BAD_REQUEST", error.message, 404);
      throw error;
    }
  };
}

/** pageOf for rows without an `id`: `idOf` gives the key rows are ordered by. */
export function pageBy<T>(rows: T[], paging: Paging, idOf: (row: T) => number) {
  const { page, pagingInfo } = pageOf(rows.map((row) => ({ id: idOf(row), row })), paging);
  return { page: page.map((entry) => entry.row), pagingInfo };
}
