/**
 * Reads the TSDoc of every `*Args` interface under provider/: the one source of each
 * argument's description and examples. TypeScript users read it in their editor; the JSON
 * Schemas (scripts/generate-schemas.ts) carry the same text to YAML users, so the zod schemas
 * hold only names and rules.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as vm from "node:vm";
import * as ts from "typescript";

export interface ArgumentDoc {
  name: string;
  /** The TSDoc text before its tags; empty when the argument has none. */
  description: string;
  /** Each `@example` as written. */
  examples: string[];
}

const PROVIDER = path.resolve(__dirname, path.basename(path.dirname(__dirname)) === "dist" ? "../../provider" : "../provider");

const text = (comment: string | ts.NodeArray<ts.JSDocComment> | undefined): string =>
  (typeof comment === "string" ? comment : (comment ?? []).map((part) => part.text).join("")).trim();

/** The arguments of each `*Args` interface, by interface name, in declaration order. */
export function argumentDocs(providerDir = PROVIDER): Map<string, ArgumentDoc[]> {
  const found = new Map<string, ArgumentDoc[]>();
  const files = fs.readdirSync(providerDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  for (const file of files.sort()) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(providerDir, file), "utf8"), ts.ScriptTarget.Latest, true);
    for (const node of source.statements) {
      if (!ts.isInterfaceDeclaration(node) || !/Args$/.test(node.name.text)) continue;
      found.set(
        node.name.text,
        node.members.filter(ts.isPropertySignature).map((member) => {
          const doc = ts.getJSDocCommentsAndTags(member).find((d): d is ts.JSDoc => d.kind === ts.SyntaxKind.JSDoc);
          const examples = (doc?.tags ?? []).filter((tag) => tag.tagName.text === "example").map((tag) => text(tag.comment));
          return { name: member.name.getText(), description: text(doc?.comment), examples };
        }),
      );
    }
  }
  return found;
}

/**
 * An example as a JSON value when it is a plain literal (`"Sales"`, `30`, `[{ roleId: 1 }]`);
 * undefined when it is code (`new pulumi.Config().requireSecret(...)`, `[billing.skillTargetId]`).
 * Evaluated in an empty context, so code cannot reach anything.
 */
export function literalExample(example: string): unknown {
  const code = example.replace(/^```\w*\n?|\n?```$/g, "").trim();
  try {
    const value: unknown = vm.runInNewContext(`(${code})`, Object.create(null), { timeout: 100 });
    return value === undefined || typeof value === "function" ? undefined : JSON.parse(JSON.stringify(value));
  } catch {
    return undefined;
  }
}
