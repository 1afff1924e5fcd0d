/**
 * Loads a contact-center YAML file (or a folder of them) and checks it offline: the YAML
 * itself, each object against its resource's rules (the providers' own zod schemas and
 * check rules), unique keys, and references between objects. Every problem carries its file,
 * line and column, the field, the rule and the value, like the providers' check() messages.
 */
import { Alias, isMap, isScalar, isSeq, LineCounter, Node, parseDocument, Document, Pair, visit } from "yaml";
import type { z } from "zod";
import { userInputs } from "../provider/cce/user";
import { check as checkTempAllow } from "../provider/riskcc/temp-allow.lifecycle";
import { tempAllowInputs } from "../provider/riskcc/temp-allow";
import { echo } from "../provider/core/echo";
import { contactCenterFile, ContactCenterFile, fileUser, FileUser, KINDS, Kind, keyIfComplete, objectsOf, USER_REFERENCES } from "./format";
import { declarationFiles, readDeclaration, ReadOptions } from "./read-files";

export type { ReadOptions as LoadOptions } from "./read-files";

/** The most aliases (`*name`) a file may use: enough for any declaration, too few for an alias bomb. */
export const MAX_ALIASES = 100;

export interface ConfigProblem {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Where in the file, e.g. `cce.users[1].phone`. */
  path: string;
  /** The field, the rule and the value, e.g. `phone must be digits only (the portal's rule), got "12-34"`. */
  message: string;
}

export interface LoadResult {
  /** The merged declaration; present only when there are no problems. */
  config?: ContactCenterFile;
  problems: ConfigProblem[];
  files: string[];
}

type PathKey = string | number;

/** One parsed file, able to say where a path is. */
class SourceFile {
  readonly lines = new LineCounter();
  readonly doc: Document;

  constructor(
    readonly name: string,
    text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: false });
  }

  /** The position of the node at `path`; of the nearest existing parent when it is missing. `keyOf` points at a map key instead of its value. */
  positionOf(at: readonly PathKey[], keyOfLast = false): { line: number; column: number } {
    let node: unknown = this.doc.contents;
    let offset = (node as Node | null)?.range?.[0] ?? 0;
    for (let i = 0; i < at.length; i++) {
      const segment = at[i];
      if (isMap(node)) {
        const pair = node.items.find((p: Pair) => (isScalar(p.key) ? p.key.value : p.key) === segment);
        if (!pair) break;
        const target = keyOfLast && i === at.length - 1 ? pair.key : (pair.value ?? pair.key);
        node = target;
      } else if (isSeq(node) && typeof segment === "number" && node.items[segment]) {
        node = node.items[segment];
      } else break;
      offset = (node as Node | null)?.range?.[0] ?? offset;
    }
    const { line, col } = this.lines.linePos(offset);
    return { line, column: col };
  }

  problem(at: readonly PathKey[], message: string, keyOfLast = false): ConfigProblem {
    return { file: this.name, ...this.positionOf(at, keyOfLast), path: displayPath(at), message };
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

const displayPath = (at: readonly PathKey[]) =>
  at.reduce<string>((text, key) => (typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${key}` : key), "");

function valueAt(data: unknown, at: readonly PathKey[]): unknown {
  let current = data;
  for (const key of at) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PathKey, unknown>)[key];
  }
  return current;
}

const describe = echo;

/** zod issues as problems: the field (last path key), the rule, the value; unknown keys point at the key. */
function issuesToProblems(source: SourceFile, data: unknown, base: readonly PathKey[], issues: z.core.$ZodIssue[], rename: (key: PathKey) => PathKey = (k) => k): ConfigProblem[] {
  return issues.flatMap((issue) => {
    const at = [...base, ...issue.path.map((key) => rename(key as PathKey))];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => source.problem([...at, key], `${key} is not a field here (unknown field), got ${describe(valueAt(data, [...at, key]))}`, true));
    }
    // The field as a person names it: `phone`, or `roles[0]` for an item of a list.
    const lastName = at.map((key) => typeof key === "string").lastIndexOf(true);
    const field = at.length === 0 ? "(file)" : displayPath(at.slice(Math.max(lastName, 0)));
    return [source.problem(at, `${field} ${issue.message}, got ${describe(valueAt(data, at))}`)];
  });
}

/** The user as the CceUser resource would receive it, names standing in as placeholder ids, to run its rules. */
function asProviderUser(user: FileUser): Record<string, unknown> {
  const { attributes: _attributes, ...rest } = user as FileUser & Record<string, unknown>;
  const input: Record<string, unknown> = { ...rest };
  for (const [fileKey, providerKey] of Object.entries(USER_REFERENCES)) {
    const value = input[fileKey];
    delete input[fileKey];
    if (value === undefined) continue;
    input[providerKey] = fileKey === "passwordSecret" ? "placeholder" : Array.isArray(value) ? value.map((_, i) => i + 1) : 1;
  }
  return input;
}

const PROVIDER_TO_FILE: Record<string, string> = Object.fromEntries(Object.entries(USER_REFERENCES).map(([file, provider]) => [provider, file]));

/**
 * The rules that span fields or need the clock, for each object that is valid on its own (so
 * nothing is reported twice): the CceUser rules (agent id only for agents, ...) and a
 * temporary allow's date in the future (the resource's own check()).
 */
async function checkObjects(source: SourceFile, data: ContactCenterFile): Promise<ConfigProblem[]> {
  const problems: ConfigProblem[] = [];
  objectsOf(data, "user").forEach((user, index) => {
    if (!fileUser.safeParse(user).success) return;
    const result = userInputs.safeParse(asProviderUser(user as FileUser));
    if (!result.success) {
      problems.push(...issuesToProblems(source, data, ["cce", "users", index], result.error.issues, (key) => PROVIDER_TO_FILE[key as string] ?? key));
    }
  });
  for (const [index, allow] of objectsOf(data, "tempAllow").entries()) {
    if (!tempAllowInputs.safeParse(allow).success) continue;
    const result = await checkTempAllow(undefined, {}, allow);
    for (const failure of result.failures) {
      problems.push(source.problem(["riskcc", "tempAllows", index, ...failure.property.split(".")], failure.reason));
    }
  }
  return problems;
}

/** Keys unique per kind, across every file; skill-group references resolve to declared groups. */
function checkAcrossObjects(sources: { source: SourceFile; data: ContactCenterFile }[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, string>();
  const groupKeys = new Map<string, string[]>(); // a group's name and key -> keys
  for (const { source, data } of sources) {
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const { section, list } = KINDS[kind];
      objectsOf(data, kind).forEach((object, index) => {
        const key = keyIfComplete(kind, object);
        if (key === undefined) return;
        const where = `${source.name}:${source.positionOf([section, list, index]).line}`;
        const first = seen.get(`${kind}\u0000${key}`);
        if (first) problems.push(source.problem([section, list, index], `${kind} "${key}" is declared twice (first at ${first}): keys must be unique`));
        else seen.set(`${kind}\u0000${key}`, where);
        if (kind === "skillGroup") {
          for (const name of [key, String(object.name)]) groupKeys.set(name, [...(groupKeys.get(name) ?? []), key]);
        }
      });
    }
  }
  // A folder is one declaration: its shard counts are set once, in one file.
  const sharded = sources.filter(({ data }) => isPlainObject(data) && "shards" in data);
  for (const { source } of sharded.slice(1)) {
    problems.push(source.problem(["shards"], `shards is set in ${sharded[0].source.name} already: a declaration sets its shard counts once`));
  }
  for (const { source, data } of sources) {
    objectsOf(data, "user").forEach((user, index) => {
      const references = (user as FileUser).skillGroups;
      if (!Array.isArray(references)) return;
      references.forEach((reference, position) => {
        if (typeof reference !== "string") return;
        const matches = [...new Set(groupKeys.get(reference) ?? [])];
        const at = ["cce", "users", index, "skillGroups", position];
        if (matches.length === 0) {
          problems.push(source.problem(at, `skillGroups refers to a skill group this configuration does not declare (declare it under cce.skillGroups, with adopt: true if it exists), got ${describe(reference)}`));
        } else if (matches.length > 1) {
          problems.push(source.problem(at, `skillGroups names a group declared on several peripherals: write one of ${matches.map((m) => JSON.stringify(m)).join(", ")}, got ${describe(reference)}`));
        }
      });
    });
  }
  return problems;
}

/** Lists concatenate across files, in file order; `shards` comes from the one file that sets it. */
function merge(parts: ContactCenterFile[]): ContactCenterFile {
  const merged: Record<string, Record<string, unknown[]>> = {};
  for (const part of parts) {
    if (part.shards) (merged as ContactCenterFile).shards = part.shards;
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const { section, list } = KINDS[kind];
      const objects = objectsOf(part, kind);
      if (objects.length === 0) continue;
      merged[section] ??= {};
      merged[section][list] = [...(merged[section][list] ?? []), ...objects];
    }
  }
  return merged as ContactCenterFile;
}

/**
 * What makes a document unsafe or impossible to turn into data, at its position: tags other
 * than YAML's own (`!!js/function` would be read as text, silently), aliases that name no
 * anchor or that contain themselves (a cycle), and more aliases than MAX_ALIASES (an alias
 * bomb expands into billions of nodes).
 */
function unsafeConstructs(source: SourceFile): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const at = (offset: number, message: string): ConfigProblem => {
    const { line, col } = source.lines.linePos(offset);
    return { file: source.name, line, column: col, path: "", message };
  };
  for (const warning of source.doc.warnings) {
    const first = warning.message.split("\n")[0];
    problems.push(at(warning.pos[0], warning.code === "TAG_RESOLVE_FAILED" ? `${first}: only YAML's own tags are read (no !!js/..., no custom tags)` : first));
  }
  let aliases = 0;
  visit(source.doc, {
    Alias(_key, alias: Alias) {
      aliases++;
      const start = alias.range?.[0] ?? 0;
      const name = `*${alias.source.slice(0, 40)}`;
      const target = alias.resolve(source.doc);
      if (!target) problems.push(at(start, `alias ${name} names no anchor before it`));
      else if (target.range && target.range[0] <= start && start < target.range[2]) {
        problems.push(at(start, `alias ${name} is inside the node it names (a cycle)`));
      } else if (aliases === MAX_ALIASES + 1) {
        problems.push(at(start, `more than ${MAX_ALIASES} aliases: a declaration needs far fewer (an alias bomb expands into billions of nodes)`));
      }
    },
  });
  return problems;
}

/** Where the document's first alias is, for a problem about its aliases as a whole. */
function firstAliasOffset(source: SourceFile): number {
  let offset = 0;
  visit(source.doc, {
    Alias(_key, alias: Alias) {
      offset = alias.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/**
 * Reads and checks a declaration (a file, or a folder of them), offline. Files are read as
 * config/read-files.ts says (regular files, links only inside the project, a size limit).
 */
export async function loadContactCenter(target: string, options: ReadOptions & { text?: string } = {}): Promise<LoadResult> {
  // `text`: the declaration itself (read from standard input), named `target` in the problems.
  const listed = options.text !== undefined ? { files: [target] } : declarationFiles(target, options);
  if ("refusal" in listed) return { files: [], problems: [{ file: target, line: 1, column: 1, path: "", message: listed.refusal }] };
  const files = listed.files;
  const problems: ConfigProblem[] = [];
  const parsed: { source: SourceFile; data: ContactCenterFile }[] = [];
  for (const file of files) {
    const read = options.text !== undefined ? { text: options.text } : readDeclaration(file, options);
    if ("refusal" in read) {
      problems.push({ file, line: 1, column: 1, path: "", message: read.refusal });
      continue;
    }
    const source = new SourceFile(file, read.text);
    if (source.doc.errors.length > 0) {
      for (const error of source.doc.errors) {
        const { line, col } = source.lines.linePos(error.pos[0]);
        problems.push({ file, line, column: col, path: "", message: `not valid YAML: ${error.message.split("\n")[0]}` });
      }
      continue;
    }
    const unsafe = unsafeConstructs(source);
    if (unsafe.length > 0) {
      problems.push(...unsafe);
      continue;
    }
    let raw: unknown;
    try {
      raw = source.doc.toJS({ maxAliasCount: MAX_ALIASES }) ?? {};
    } catch {
      // Few aliases that expand into too many copies (each names a list of the one before).
      const { line, col } = source.lines.linePos(firstAliasOffset(source));
      problems.push({ file, line, column: col, path: "", message: `aliases expand into more than ${MAX_ALIASES} copies: an alias bomb is not read` });
      continue;
    }
    const result = contactCenterFile.safeParse(raw);
    if (!result.success) problems.push(...issuesToProblems(source, raw, [], result.error.issues));
    // The other checks run on what was read, so one pass reports every problem of every object.
    const data = (result.success ? result.data : raw) as ContactCenterFile;
    if (isPlainObject(raw)) {
      problems.push(...(await checkObjects(source, data)));
      parsed.push({ source, data });
    }
  }
  problems.push(...checkAcrossObjects(parsed));
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.message.localeCompare(b.message));
  return { files, problems, config: problems.length === 0 ? merge(parsed.map((p) => p.data)) : undefined };
}

export const formatProblem = (p: ConfigProblem) => `${p.file}:${p.line}:${p.column}: ${p.message}`;
