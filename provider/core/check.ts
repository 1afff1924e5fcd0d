/**
 * Input validation for `check()`: runs a zod schema and turns its issues into Pulumi
 * check failures that name the field, the rule and the value received.
 *
 * During a preview some inputs are unknown (they come from an object the run creates or
 * replaces). Those fields are kept exactly as the engine sent them and are not judged; every
 * other field is still validated and still gets its default. Dropping defaults because one
 * field is unknown would make the plan show a change (`-adopt`, `-enabledInIcm`...) that the
 * `up`, where everything is known, never makes.
 */
import type { z } from "zod";
import { echo } from "./echo";

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


function failuresOf(issues: readonly z.core.$ZodIssue[], candidate: unknown): CheckFailure[] {
  return issues.map((issue) => {
    const property = issue.path.map(String).join(".") || "(inputs)";
    return { property, reason: `${property} ${issue.message}, got ${echo(valueAt(candidate, issue.path))}` };
  });
}

/** The fields of an object schema (refinements keep the shape in zod 4), or undefined for other schemas. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape && typeof shape === "object" ? shape : undefined;
}

/**
 * Validates `news` (Pulumi's internal `__provider` key is ignored). Returns the parsed
 * inputs with defaults applied when valid, the raw inputs otherwise. Fields holding an
 * unknown value are passed through unjudged; the others are validated and defaulted one by
 * one, and rules across fields wait for the `up`, where every value is known.
 */
export function checkInputs<S extends z.ZodType>(
  schema: S,
  news: Record<string, unknown>,
): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
  const { __provider, ...candidate } = news;
  const unknownKeys = new Set(Object.keys(candidate).filter((key) => containsUnknown(candidate[key])));
  if (unknownKeys.size === 0) {
    const result = schema.safeParse(candidate);
    if (result.success) return { inputs: { ...news, ...(result.data as Record<string, unknown>) }, failures: [] };
    return { inputs: news, failures: failuresOf(result.error.issues, candidate) };
  }

  const known = Object.fromEntries(Object.entries(candidate).filter(([key]) => !unknownKeys.has(key)));
  const result = schema.safeParse(known);
  // A missing field that is really unknown, and any rule across fields, cannot be judged yet.
  const issues = result.success ? [] : result.error.issues.filter((issue) => issue.code !== "custom" && !unknownKeys.has(String(issue.path[0])));
  if (issues.length > 0) return { inputs: news, failures: failuresOf(issues, candidate) };
  const shape = shapeOf(schema);
  if (!shape) return { inputs: news, failures: [] };
  const inputs: Record<string, unknown> = { ...news };
  for (const [key, field] of Object.entries(shape)) {
    if (unknownKeys.has(key)) continue;
    const parsed = field.safeParse(candidate[key]);
    if (parsed.success && parsed.data !== undefined) inputs[key] = parsed.data;
  }
  return { inputs, failures: [] };
}
