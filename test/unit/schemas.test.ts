import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { argumentDocs } from "../../scripts/argument-docs";
import { renderSchema, schemaSources } from "../../scripts/generate-schemas";

const schemaDir = path.resolve(__dirname, "../../schema");
const committed = (file: string) => JSON.parse(fs.readFileSync(path.join(schemaDir, file), "utf8"));

describe("committed JSON Schemas match the zod schemas and TSDoc they are generated from", () => {
  // Read once: each render would otherwise parse every provider file again.
  const docs = argumentDocs();
  test.each(Object.entries(schemaSources))("schema/%s (run `npm run schemas` if this fails)", (file, source) => {
    expect(fs.readFileSync(path.join(schemaDir, file), "utf8")).toBe(renderSchema(file, source, docs));
  });
});

type Node = { properties?: Record<string, Node>; description?: string; examples?: unknown[] } & Record<string, unknown>;

/** Every property schema in a JSON Schema, with its path. */
function properties(node: unknown, at = ""): [string, Node][] {
  if (Array.isArray(node)) return node.flatMap((child) => properties(child, at));
  if (typeof node !== "object" || node === null) return [];
  const own = Object.entries((node as Node).properties ?? {}).map(([name, child]): [string, Node] => [`${at}.${name}`, child]);
  return [...own, ...Object.entries(node).flatMap(([key, child]) => properties(child, key === "properties" ? at : `${at}/${key}`))];
}

describe.each(Object.keys(schemaSources))("schema/%s", (file) => {
  const found = properties(committed(file));

  test("describes every property (from its *Args TSDoc, or the file's own .describe())", () => {
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(found.filter(([, schema]) => !schema.description).map(([at]) => at)).toEqual([]);
  });

  test("every example it shows is valid for its property", () => {
    const ajv = new Ajv2020({ strict: false, formats: { "date-time": true, date: true } });
    const invalid = found.flatMap(([at, schema]) => {
      const { examples, ...rules } = schema;
      const validate = ajv.compile(rules);
      return (examples ?? []).filter((example) => !validate(example)).map((example) => `${at}: ${JSON.stringify(example)}`);
    });
    expect(invalid).toEqual([]);
  });
});

test("the schemas show examples (TSDoc examples that are plain values)", () => {
  const withExamples = properties(committed("contact-center.schema.json")).filter(([, schema]) => (schema.examples ?? []).length > 0);
  expect(withExamples.length).toBeGreaterThan(80);
});

test("provider zod schemas carry no descriptions of their own: the *Args TSDoc is the one source", () => {
  const provider = path.resolve(__dirname, "../../provider");
  const describing = fs
    .readdirSync(provider, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && fs.readFileSync(path.join(provider, file), "utf8").includes(".describe("));
  expect(describing).toEqual([]);
});
