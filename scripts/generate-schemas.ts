/**
 * Generates the JSON Schemas under schema/. Names and rules come from the providers' zod
 * schemas; each argument's description and examples come from the TSDoc of its `*Args`
 * interface (scripts/argument-docs.ts), so each is written once. A zod `.describe()` is kept
 * only for fields that exist in the declarative file alone (config/format.ts). Run
 * `npm run schemas` after changing either; test/unit/schemas.test.ts fails when the committed
 * files drift from the source.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { agentAttributeInputs } from "../provider/cce/agent-attribute";
import { precisionQueueInputs, precisionQueueStep, precisionQueueTerm } from "../provider/cce/precision-queue";
import { skillGroupInputs } from "../provider/cce/skill-group";
import { userInputs } from "../provider/cce/user";
import { resourceRoleInput, resourceUserInputs } from "../provider/oracle/resource-user";
import { tempAllowInputs } from "../provider/riskcc/temp-allow";
import { customerUserInputs } from "../provider/ucportal/customer-user";
import { contactCenterFile, fileSkillGroup, fileUser } from "../config/format";
import { type ArgumentDoc, argumentDocs, literalExample } from "./argument-docs";

/** Each schema file, relative to schema/, with the zod schema it comes from. */
export const schemaSources: Record<string, z.ZodType> = {
  // The whole declarative file; editors read it through the file's `$schema`.
  "contact-center.schema.json": contactCenterFile,
  "cce/skill-group.schema.json": skillGroupInputs,
  "cce/precision-queue.schema.json": precisionQueueInputs,
  "cce/user.schema.json": userInputs,
  "cce/agent-attribute.schema.json": agentAttributeInputs,
  "riskcc/temp-allow.schema.json": tempAllowInputs,
  "oracle/resource-user.schema.json": resourceUserInputs,
  "ucportal/customer-user.schema.json": customerUserInputs,
};

/** The `*Args` interface that documents each object schema (the file's kinds reuse their resource's). */
export const documentedBy = new Map<z.ZodType, string>([
  [skillGroupInputs, "SkillGroupArgs"],
  [fileSkillGroup, "SkillGroupArgs"],
  [userInputs, "CceUserArgs"],
  [fileUser, "CceUserArgs"],
  [agentAttributeInputs, "AgentAttributeArgs"],
  [precisionQueueInputs, "PrecisionQueueArgs"],
  [precisionQueueStep, "PrecisionQueueStepArgs"],
  [precisionQueueTerm, "PrecisionQueueTermArgs"],
  [resourceUserInputs, "ResourceUserArgs"],
  [resourceRoleInput, "ResourceRoleArgs"],
  [tempAllowInputs, "TempAllowArgs"],
  [customerUserInputs, "CustomerUserArgs"],
]);

type Override = NonNullable<NonNullable<Parameters<typeof z.toJSONSchema>[1]>["override"]>;

export function renderSchema(file: string, source: z.ZodType, docs: Map<string, ArgumentDoc[]> = argumentDocs()): string {
  const document: Override = (ctx) => {
    const args = docs.get(documentedBy.get(ctx.zodSchema as unknown as z.ZodType) ?? "");
    if (!args || !ctx.jsonSchema.properties) return;
    for (const [name, property] of Object.entries(ctx.jsonSchema.properties)) {
      const doc = args.find((arg) => arg.name === name);
      // A field of the file alone describes itself (`.describe()` in config/format.ts).
      if (!doc || typeof property !== "object" || property.description !== undefined) continue;
      const examples = doc.examples.map(literalExample).filter((example) => example !== undefined);
      // A copy: the same property schema can appear under several objects.
      ctx.jsonSchema.properties[name] = { ...property, description: doc.description, ...(examples.length > 0 ? { examples } : {}) };
    }
  };
  // Inputs as a user writes them: fields with defaults are optional.
  const schema = { ...z.toJSONSchema(source, { io: "input", override: document }), $id: `pulumi-contact-center/schema/${file}` };
  return JSON.stringify(schema, null, 2) + "\n";
}

if (require.main === module) {
  const root = path.resolve(__dirname, "../../schema");
  const docs = argumentDocs();
  for (const [file, source] of Object.entries(schemaSources)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), renderSchema(file, source, docs));
    console.log(`wrote schema/${file}`);
  }
}
