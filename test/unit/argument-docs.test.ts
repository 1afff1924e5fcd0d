/**
 * Every argument of every resource is documented where a TypeScript user reads it (TSDoc on the
 * `*Args` interface: a description and an example), and the `*Args` interfaces and the zod
 * schemas the provider checks with name the same arguments: the schema is the one source of
 * the names and rules, the interface the one source of the descriptions (the JSON Schemas copy
 * them, test/unit/schemas.test.ts), and this test keeps the two naming the same arguments.
 */
import type { z } from "zod";
import { agentAttributeInputs } from "../../provider/cce/agent-attribute";
import { precisionQueueInputs } from "../../provider/cce/precision-queue";
import { skillGroupInputs } from "../../provider/cce/skill-group";
import { userInputs } from "../../provider/cce/user";
import { declarationGuardInputs } from "../../provider/guard/declaration-guard";
import { resourceRoleInput, resourceUserInputs } from "../../provider/oracle/resource-user";
import { tempAllowInputs } from "../../provider/riskcc/temp-allow";
import { customerUserInputs } from "../../provider/ucportal/customer-user";
import { argumentDocs } from "../../scripts/argument-docs";

const interfaces = argumentDocs();

test("every argument of every resource has a description and an example", () => {
  expect(interfaces.size).toBeGreaterThanOrEqual(12);
  const undocumented = [...interfaces].flatMap(([name, args]) => args.filter((a) => a.description === "").map((a) => `${name}.${a.name}`));
  const withoutExample = [...interfaces].flatMap(([name, args]) => args.filter((a) => a.examples.length === 0).map((a) => `${name}.${a.name}`));
  expect(undocumented).toEqual([]);
  expect(withoutExample).toEqual([]);
});

test.each<[string, z.ZodObject]>([
  ["SkillGroupArgs", skillGroupInputs as unknown as z.ZodObject],
  ["CceUserArgs", userInputs as unknown as z.ZodObject],
  ["AgentAttributeArgs", agentAttributeInputs as unknown as z.ZodObject],
  ["PrecisionQueueArgs", precisionQueueInputs as unknown as z.ZodObject],
  ["DeclarationGuardArgs", declarationGuardInputs as unknown as z.ZodObject],
  ["ResourceUserArgs", resourceUserInputs as unknown as z.ZodObject],
  ["ResourceRoleArgs", resourceRoleInput as unknown as z.ZodObject],
  ["TempAllowArgs", tempAllowInputs as unknown as z.ZodObject],
  ["CustomerUserArgs", customerUserInputs as unknown as z.ZodObject],
])("%s names exactly the arguments its zod schema checks", (name, schema) => {
  const declared = interfaces.get(name)!.map((a) => a.name).sort();
  expect(declared).toEqual(Object.keys(schema.shape).sort());
});
