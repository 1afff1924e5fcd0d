import * as fs from "node:fs";
import * as path from "node:path";
import { renderSchema, schemaSources } from "../../scripts/generate-schemas";

describe("committed JSON Schemas match the zod schemas they are generated from", () => {
  test.each(Object.entries(schemaSources))("schema/%s (run `npm run schemas` if this fails)", (file, source) => {
    const committed = fs.readFileSync(path.resolve(__dirname, "../../schema", file), "utf8");
    expect(committed).toBe(renderSchema(file, source));
  });
});
