/**
 * Answers parsed at the client boundary (provider/core/answer.ts): what a ContractError says
 * when an answer differs, and what it never says (a secret field's value).
 */
import { z } from "zod";
import { parseAnswer } from "../../provider/core/answer";
import { isContractError } from "../../provider/core/errors";

const source = { system: "CCE", endpoint: "login/login", contract: "docs/cce-wire-decisions.md" };
const failure = (schema: z.ZodTypeAny, body: unknown) => {
  try {
    parseAnswer(schema, body, source);
  } catch (error) {
    expect(isContractError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error("parsed");
};
const prefix = "CCE login/login answered in a way this provider does not rely on: ";

test("a well-formed answer is returned, unknown fields dropped", () => {
  const schema = z.object({ code: z.number(), userToken: z.string() });
  expect(parseAnswer(schema, { code: 0, userToken: "t", extra: [1] }, source)).toEqual({ code: 0, userToken: "t" });
});

test("a missing field, a field of another type and a whole answer of another shape are named with what came", () => {
  const schema = z.object({ items: z.array(z.object({ id: z.number().int().positive(), name: z.string() })) });
  expect(failure(schema, { items: [{ id: 1, name: "a" }, { id: 2 }] })).toBe(
    `${prefix}items[1].name: expected a string, got nothing (the field is missing). Nothing was written after this answer; what the provider relies on is in docs/cce-wire-decisions.md`,
  );
  expect(failure(schema, { items: [{ id: "7", name: "a" }] })).toMatch(new RegExp(`^${escape(prefix)}items\\[0\\]\\.id: expected a number, got a string "7"\\.`));
  expect(failure(schema, [{ id: 1 }])).toMatch(new RegExp(`^${escape(prefix)}the answer: expected an object, got an array \\[\\{"id":1\\}\\]\\.`));
  expect(failure(schema, { items: [{ id: -1, name: "a" }] })).toMatch(/items\[0\]\.id: expected .*, got a number -1\./);
});

test("the value of a field named like a secret is not shown, and long values are cut", () => {
  const schema = z.object({ session: z.object({ userToken: z.string() }), name: z.string() });
  const message = failure(schema, { session: { userToken: 12345678 }, name: "x" });
  expect(message).toContain("session.userToken: expected a string, got a value (not shown: a secret field)");
  expect(message).not.toContain("12345678");
  expect(failure(schema, { session: { userToken: "t" }, name: 1000 })).toMatch(/name: expected a string, got a number 1000\./);
  const long = failure(z.object({ name: z.number() }), { name: "z".repeat(5000) });
  expect(long).toContain("… (5,002 characters)");
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
