/**
 * Input validation for `check()`: runs a zod schema and turns its issues into Pulumi
 * check failures that name the field, the rule and the value received. Fields whose value
 * is still unknown (a preview before a dependency exists) are skipped, not failed.
 */
import type { z } from "zod";

/** The sentinel the engine puts in place of a value it does not know yet during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CheckFailure {
  property: string;
  reason: string;
}

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describe(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value);
}

/**
 * Validates `news` (Pulumi's internal `__provider` key is ignored). Returns the parsed
 * inputs with defaults applied when valid, the raw inputs otherwise.
 */
export function checkInputs<S extends z.ZodType>(
  schema: S,
  news: Record<string, unknown>,
): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
  const { __provider, ...candidate } = news;
  const unknownKeys = new Set(Object.keys(candidate).filter((key) => containsUnknown(candidate[key])));
  const result = schema.safeParse(candidate);
  if (result.success) {
    return { inputs: { ...news, ...(result.data as Record<string, unknown>) }, failures: [] };
  }
  const failures = result.error.issues
    .filter((issue) => !unknownKeys.has(String(issue.path[0])))
    .map((issue) => {
      const property = issue.path.map(String).join(".") || "(inputs)";
      return { property, reason: `${property} ${issue.message}, got ${describe(valueAt(candidate, issue.path))}` };
    });
  if (failures.length === 0) {
    // Every failure came from a value still unknown: let the preview continue.
    return { inputs: news, failures: [] };
  }
  return { inputs: news, failures };
}
