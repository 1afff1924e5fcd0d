/**
 * Generates the JSON Schemas under schema/ from the providers' zod schemas, the one source
 * of truth for what each resource accepts. Run `npm run schemas` after changing an input
 * schema; test/unit/schemas.test.ts fails when the committed files drift from the source.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { precisionQueueInputs } from "../provider/cce/precision-queue";
import { skillGroupInputs } from "../provider/cce/skill-group";
import { userInputs } from "../provider/cce/user";
import { agentAttributeInputs } from "../provider/cce/agent-attribute";
import { tempAllowInputs } from "../provider/riskcc/temp-allow";
import { resourceUserInputs } from "../provider/oracle/resource-user";
import { contactCenterFile } from "../config/format";
import { customerUserInputs } from "../provider/ucportal/customer-user";

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

export function renderSchema(file: string, source: z.ZodType): string {
  // Inputs as a user writes them: fields with defaults are optional.
  const schema = { ...z.toJSONSchema(source, { io: "input" }), $id: `pulumi-contact-center/schema/${file}` };
  return JSON.stringify(schema, null, 2) + "\n";
}

if (require.main === module) {
  const root = path.resolve(__dirname, "../../schema");
  for (const [file, source] of Object.entries(schemaSources)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), renderSchema(file, source));
    console.log(`wrote schema/${file}`);
  }
}
