/**
 * Every argument of every resource is documented where a TypeScript user reads it (TSDoc on the
 * `*Args` interface: a description and an example), and the `*Args` interfaces and the zod
 * schemas the provider checks with name the same arguments: the schema is the one source of
 * the names and rules, and this test keeps the interface (the one source of the descriptions)
 * from drifting from it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import type { z } from "zod";
import { agentAttributeInputs } from "../../provider/cce/agent-attribute";
import { precisionQueueInputs } from "../../provider/cce/precision-queue";
import { skillGroupInputs } from "../../provider/cce/skill-group";
import { userInputs } from "../../provider/cce/user";
import { declarationGuardInputs } from "../../provider/guard/declaration-guard";
import { resourceRoleInput, resourceUserInputs } from "../../provider/oracle/resource-user";
import { tempAllowInputs } from "../../provider/riskcc/temp-allow";
import { customerUserInputs } from "../../provider/ucportal/customer-user";

const provider = path.resolve(__dirname, "../../provider");

interface Argument {
  name: string;
  description: string;
  example: boolean;
}

/** The properties of every `*Args` interface under provider/, with their TSDoc. */
function argsInterfaces(): Map<string, Argument[]> {
  const found = new Map<string, Argument[]>();
  for (const file of fs.readdirSync(provider, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"))) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(provider, file), "utf8"), ts.ScriptTarget.Latest, true);
    for (const node of source.statements) {
      if (!ts.isInterfaceDeclaration(node) || !/Args$/.test(node.name.text)) continue;
      found.set(
        node.name.text,
        node.members.filter(ts.isPropertySignature).map((member) => {
          const doc = ts.getJSDocCommentsAndTags(member).find((d): d is ts.JSDoc => d.kind === ts.SyntaxKind.JSDoc);
          const description = typeof doc?.comment === "string" ? doc.comment : (doc?.comment ?? []).map((part) => part.text).join("");
          return { name: member.name.getText(), description: description.trim(), example: (doc?.tags ?? []).some((tag) => tag.tagName.text === "example") };
        }),
      );
    }
  }
  return found;
}

const interfaces = argsInterfaces();

test("every argument of every resource has a description and an example", () => {
  expect(interfaces.size).toBeGreaterThanOrEqual(12);
  const undocumented = [...interfaces].flatMap(([name, args]) => args.filter((a) => a.description === "").map((a) => `${name}.${a.name}`));
  const withoutExample = [...interfaces].flatMap(([name, args]) => args.filter((a) => !a.example).map((a) => `${name}.${a.name}`));
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
