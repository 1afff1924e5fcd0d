/**
 * Values that become a segment of a URL path: a customer id, a user id, an API version, an
 * Oracle item key. Encoding alone is not enough: `encodeURIComponent` leaves `.` and `..` as
 * they are, and a URL normalises those away (`/v1/../provision` is `/provision`), so a value
 * could move a call to another resource. Every such value goes through here.
 */
import { validationError } from "./errors";

/** Why a value cannot be one path segment, or undefined when it can. */
export function segmentProblem(value: string): string | undefined {
  if (value === "") return "must not be empty";
  if (value === "." || value === "..") return `must not be "${value}", which a URL reads as a step up or sideways in the path`;
  if (/[\u0000-\u001f\u007f]/.test(value)) return "must not hold control characters";
  return undefined;
}

/** `value` as one encoded path segment (`/`, `?`, `#` and `%` stay inside it); a dot segment is refused, naming `field`. */
export function pathSegment(field: string, value: string): string {
  const problem = segmentProblem(value);
  if (problem) throw validationError(field, `${problem} (it goes into a URL path)`, value);
  return encodeURIComponent(value);
}

/** A vendor-given numeric key that goes into a path: a positive whole number, else refused. */
export function numericSegment(field: string, value: unknown): string {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) throw validationError(field, "must be a positive whole number (it goes into a URL path)", value);
  return String(value);
}

/**
 * The numeric id the state holds for an object (a CCE user, skill group or queue), before
 * anything is sent with it: a positive whole number, else refused (a hand-edited or corrupted
 * state must not become a call on NaN or on another object).
 */
export function stateId(id: string, what: string): number {
  const value = /^\d{1,15}$/.test(id) ? Number(id) : NaN;
  if (!Number.isSafeInteger(value) || value <= 0) throw validationError(`the ${what} id in the state`, "must be a positive whole number", id);
  return value;
}
