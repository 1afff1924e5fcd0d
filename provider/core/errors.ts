/**
 * The provider's error family. Errors cross process boundaries (the dynamic provider is
 * deserialized in the engine's plugin process), so they are recognised by a marker
 * property and guard functions, never by `instanceof`.
 */

import { echo } from "./echo";

const MARKER = "__contactCenterError";

export type ErrorKind = "validation" | "api" | "not-found" | "conflict" | "transport" | "contract";

export interface ContactCenterError extends Error {
  readonly [MARKER]: ErrorKind;
}

function make<T extends object>(kind: ErrorKind, message: string, fields: T): ContactCenterError & T {
  const error = new Error(message) as Error & Record<string, unknown>;
  error.name = {
    validation: "ValidationError",
    api: "ApiError",
    "not-found": "NotFoundError",
    conflict: "ConflictError",
    transport: "TransportError",
    contract: "ContractError",
  }[kind];
  Object.assign(error, fields, { [MARKER]: kind });
  return error as unknown as ContactCenterError & T;
}

export interface ApiErrorFields {
  /** Which vendor system answered, e.g. "CCE". */
  readonly system: string;
  /** The endpoint that was called, e.g. "protected/skills/saveSkillGroup". */
  readonly endpoint: string;
  /** The vendor's result constant, e.g. `SKILL_GROUPS_ALREADY_EXISTS_ERROR`. */
  readonly constant: string;
  /** What the constant means, from the vendor document. */
  readonly meaning: string;
  /** Free text the server added (`errorMessage`), when any. */
  readonly detail?: string;
}

/** A vendor API answered and refused the call. The message leads with the vendor's constant. */
export function apiError(fields: ApiErrorFields): ContactCenterError & ApiErrorFields {
  const detail = fields.detail && fields.detail !== fields.meaning ? ` (${fields.detail})` : "";
  return make("api", `${fields.system} ${fields.endpoint} failed: ${fields.constant}: ${fields.meaning}${detail}`, fields);
}

/** Input refused before any call was made. */
export function validationError(field: string, rule: string, value: unknown): ContactCenterError & { field: string } {
  return make("validation", `${field} ${rule}, got ${echo(value)}`, { field });
}

export function notFoundError(what: string): ContactCenterError {
  return make("not-found", `${what} was not found`, {});
}

export function conflictError(message: string): ContactCenterError {
  return make("conflict", message, {});
}

/**
 * The call did not get a vendor answer (network failure, timeout, 5xx, lost response).
 * `ambiguous` is true when a write may have been committed even though no answer arrived.
 */
export function transportError(message: string, ambiguous: boolean, status?: number): ContactCenterError & { ambiguous: boolean; status?: number } {
  return make("transport", message, { ambiguous, status });
}

/**
 * A vendor answered in a shape this provider does not know (a field missing, of another type,
 * a list where an object was expected), or contradicted itself (a page repeated, a look-up
 * answering another object). The operation stops there: nothing is written after it.
 */
export function contractError(system: string, endpoint: string, problem: string, contract: string): ContactCenterError & { system: string; endpoint: string } {
  return make(
    "contract",
    `${system} ${endpoint} answered in a way this provider does not rely on: ${problem}. Nothing was written after this answer; ` +
      `what the provider relies on is in ${contract}`,
    { system, endpoint },
  );
}

function kindOf(error: unknown): ErrorKind | undefined {
  return typeof error === "object" && error !== null ? ((error as Record<string, unknown>)[MARKER] as ErrorKind | undefined) : undefined;
}

export const isContactCenterError = (e: unknown): e is ContactCenterError => kindOf(e) !== undefined;
export const isValidationError = (e: unknown): e is ContactCenterError & { field: string } => kindOf(e) === "validation";
export const isApiError = (e: unknown): e is ContactCenterError & ApiErrorFields => kindOf(e) === "api";
export const isNotFoundError = (e: unknown): e is ContactCenterError => kindOf(e) === "not-found";
export const isConflictError = (e: unknown): e is ContactCenterError => kindOf(e) === "conflict";
export const isContractError = (e: unknown): e is ContactCenterError & { system: string; endpoint: string } => kindOf(e) === "contract";
export const isTransportError = (e: unknown): e is ContactCenterError & { ambiguous: boolean; status?: number } =>
  kindOf(e) === "transport";
