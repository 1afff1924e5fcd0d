/**
 * Every vendor answer is parsed by a schema at the client boundary, never cast. The schemas
 * say what the provider relies on: a field it uses that is missing or of another type stops
 * the operation with a ContractError naming the endpoint, the field, what was expected and
 * what came; fields it does not use may come or go (unknown ones are dropped, so they never
 * reach the state). Values of fields whose name says secret are not echoed.
 */
import { z } from "zod";
import { echo } from "./echo";
import { contractError } from "./errors";

/** Where an answer came from, for the error: `UC portal`, `GET users`, `docs/ucportal-wire-decisions.md`. */
export interface AnswerSource {
  system: string;
  endpoint: string;
  contract: string;
}

const SECRET_NAME = /pass(word)?|token|secret|jwt|authorization|cookie/i;

/** The answer as `schema` reads it, or a ContractError saying where and how it differs. */
export function parseAnswer<S extends z.ZodTypeAny>(schema: S, body: unknown, source: AnswerSource): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw contractError(source.system, source.endpoint, describeIssue(issue, body), source.contract);
}

/** `items[0].roles: expected an array, got "x"`, from one zod issue. */
export function describeIssue(issue: z.ZodIssue, body: unknown): string {
  const path = issue.path.map((key) => (typeof key === "symbol" ? String(key) : key));
  const where = path.length === 0 ? "the answer" : pathText(path);
  const came = valueAt(body, path);
  const secret = path.some((key) => typeof key === "string" && SECRET_NAME.test(key));
  const got = came.found ? (secret ? "a value (not shown: a secret field)" : `${kindOf(came.value)} ${echo(came.value)}`) : "nothing (the field is missing)";
  return `${where}: expected ${expectation(issue)}, got ${got}`;
}

function pathText(path: (string | number)[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`)).join("");
}

function valueAt(body: unknown, path: (string | number)[]): { found: boolean; value?: unknown } {
  let value = body;
  for (const key of path) {
    if (value === null || typeof value !== "object" || !(key in (value as object))) return { found: false };
    value = (value as Record<string | number, unknown>)[key];
  }
  return { found: true, value };
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function expectation(issue: z.ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.expected === "array" ? "an array" : issue.expected === "object" ? "an object" : `a ${issue.expected}`;
    case "invalid_union": {
      // A union of plain types (numberish: a number, or digits in a string) reads as its types.
      const types = new Set(issue.errors.map((branch) => (branch[0]?.code === "invalid_type" ? branch[0].expected : "other")));
      if (types.has("number") && types.has("string") && types.size === 2) return "a number (or digits in a string)";
      if (!types.has("other")) return [...types].map((type) => `a ${type}`).join(" or ");
      return "a value of another shape";
    }
    case "too_small":
      return issue.origin === "string" ? `a string of at least ${issue.minimum} character(s)` : `at least ${issue.minimum}`;
    default:
      return issue.message.toLowerCase();
  }
}

/** A number, also when the vendor sends it as digits in a string. */
export const numberish = z.union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/, "a number or digits").transform(Number)]);
/** An object id: a positive whole number (digits in a string are read as one). */
export const positiveId = numberish.pipe(z.number().int().positive());
/** A value the provider reads as text when present: a string, or a number it shows as one. */
export const textish = z.union([z.string(), z.number().transform(String)]);
/** A list the vendor may send as null or leave out: read as empty. */
export const listOf = <T extends z.ZodTypeAny>(item: T) => z.array(item).nullish().transform((list) => list ?? []);

/**
 * The keys of the pages of one list read so far. A server that ignores `offset` answers the
 * first page again: a key already seen on an earlier page stops the read with a ContractError,
 * rather than an endless loop or an object counted twice.
 */
export class PageKeys {
  private readonly seen = new Set<string>();

  constructor(
    private readonly source: AnswerSource,
    /** What a key names, for the message: "user". */
    private readonly what: string,
  ) {}

  add(offset: number, keys: readonly string[]): void {
    const repeated = keys.find((key) => this.seen.has(key));
    if (repeated !== undefined) {
      const { system, endpoint, contract } = this.source;
      throw contractError(system, endpoint, `the page at offset ${offset} repeats ${this.what} ${repeated} of an earlier page (is \`offset\` ignored?)`, contract);
    }
    for (const key of keys) this.seen.add(key);
  }
}
