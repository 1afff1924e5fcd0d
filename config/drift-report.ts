/**
 * The drift report: what a refreshing preview says differs between the live tenant and the
 * declared configuration, object by object and field by field, as Markdown (for a pull-request
 * comment) and JSON (for machines).
 *
 * Pure: it reads the engine events of `pulumi preview --refresh` and nothing else, so it is
 * tested with recorded event shapes. Ordering is total (kind, key, field) and no clock or
 * random value is printed, so two reports of the same state are byte-identical.
 */
import type { EngineEvent, StepEventMetadata } from "@pulumi/pulumi/automation";
import type { NamedReference } from "../provider/cce/named-references";
import { SKILL_GROUP_NAMED_REFERENCES } from "../provider/cce/skill-group";
import { USER_NAMED_REFERENCES } from "../provider/cce/user";

/** How an object differs. */
export type DriftChange =
  /** Declared, but not in the tenant: deleted by hand (the refresh dropped it), or never applied. The next up creates it. */
  | "missing"
  /** In the tenant with other values than declared. The next up sets the declared values. */
  | "changed"
  /** Differs in a field that cannot change in place. The next up replaces the object. */
  | "replaced"
  /** In the stack and the tenant but no longer declared. The next up deletes it (or lets go of it, per its deletionPolicy). */
  | "undeclared";

export interface DriftField {
  /** The resource input, e.g. `description`, `skillGroupIds`. */
  field: string;
  /** The value in the tenant (as last read by the refresh); absent when the tenant has none. */
  live?: unknown;
  /** The value in the declared configuration; absent when the configuration sets none. */
  declared?: unknown;
}

export interface DriftEntry {
  /** The kind as the file names it: skillGroup, user, attribute, precisionQueue, resourceUser, tempAllow, customerUser. */
  kind: string;
  /** The object's key as the file names it (its Pulumi resource name), e.g. `CUCM_PG_1.Sales`, `dana@DEM/Sales_Skill`. */
  key: string;
  change: DriftChange;
  /** For changed and replaced objects: the fields that differ. Empty otherwise. */
  fields: DriftField[];
}

export interface DriftReport {
  stack: string;
  drift: boolean;
  /** Objects per change, and in all. */
  summary: { objects: number; changed: number; missing: number; replaced: number; undeclared: number };
  objects: DriftEntry[];
}

/** What Pulumi prints in place of a secret value; a secret's plaintext never reaches a report. */
export const SECRET = "[secret]";
/** A value the preview cannot know yet (it depends on an object the next up creates). */
export const UNKNOWN = "[unknown]";

/** The engine's marker of a secret value, and the string it stands in for an unknown one. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The resource types the package declares, by the kind the file uses for them. */
const KIND_OF_TYPE: Record<string, string> = {
  "cce:SkillGroup": "skillGroup",
  "cce:User": "user",
  "cce:AgentAttribute": "attribute",
  "cce:PrecisionQueue": "precisionQueue",
  "oracle:ResourceUser": "resourceUser",
  "riskcc:TempAllow": "tempAllow",
  "ucportal:CustomerUser": "customerUser",
};

/** Dynamic resources are typed `pulumi-nodejs:dynamic/<module>:<Name>`; others keep their full type token. */
export function kindOfType(type: string): string {
  const token = type.startsWith("pulumi-nodejs:dynamic/") ? type.slice("pulumi-nodejs:dynamic/".length) : type;
  return KIND_OF_TYPE[token] ?? token;
}

/** The resource name from `urn:pulumi:<stack>::<project>::<type>::<name>` (names may contain "::"). */
export function nameOfUrn(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

/** An object as the report names it, from its URN: `skillGroup CUCM_PG_1.Sales`. */
export function describeUrn(urn: string): string {
  const qualifiedType = urn.split("::")[2] ?? "";
  return `${kindOfType(qualifiedType.split("$").pop()!)} ${nameOfUrn(urn)}`;
}

const CHANGE_OF_OP: Record<string, DriftChange | undefined> = {
  create: "missing",
  update: "changed",
  replace: "replaced",
  "create-replacement": "replaced",
  "delete-replaced": "replaced",
  delete: "undeclared",
};

/** A value as the report shows it: secrets and unknowns by their markers, object keys sorted. */
export function reportValue(value: unknown): unknown {
  if (value === UNKNOWN_VALUE) return UNKNOWN;
  if (Array.isArray(value)) return value.map(reportValue);
  if (value && typeof value === "object") {
    if (SECRET_SIGNATURE in value) return SECRET;
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort(compareText)
        .map((k) => [k, reportValue(record[k])]),
    );
  }
  return value;
}

/** Ordinal comparison: the same on every machine and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields of an update or replacement: the inputs whose refreshed (live) value differs from
 * the declared one. Providers read back inputs, so the refreshed old inputs are the live
 * values; a field only in the old outputs is compared from there. The serialized provider is
 * not a field. Both sides are compared after masking, so two secrets never show as a change.
 */
function fieldsOf(metadata: StepEventMetadata, groupKeys: ReadonlyMap<number, string>): DriftField[] {
  const kind = kindOfType(metadata.type);
  const fields = byDeclaredNames(kind, metadata.new?.inputs ?? {}, changedFields(metadata));
  return kind === "user" ? fields.map((field) => (field.field === "skillGroupIds" ? bySkillGroupKeys(field, groupKeys) : field)) : fields;
}

/** The skill groups of the stack by skill target id, from any step that shows one: the keys the file uses. */
function skillGroupKeys(events: readonly EngineEvent[]): Map<number, string> {
  const keys = new Map<number, string>();
  for (const event of events) {
    const metadata = event.resourcePreEvent?.metadata;
    if (!metadata || kindOfType(metadata.type) !== "skillGroup") continue;
    for (const side of [metadata.old, metadata.new]) {
      const id = side?.outputs?.skillTargetId;
      if (typeof id === "number") keys.set(id, nameOfUrn(metadata.urn));
    }
  }
  return keys;
}

/**
 * A user's skill groups as the file names them (`skillGroups`, by key), not as the provider's
 * ids: a group outside the stack shows as `id <skillTargetId>`. Sorted, as memberships are sets.
 */
function bySkillGroupKeys(field: DriftField, groupKeys: ReadonlyMap<number, string>): DriftField {
  const named = (value: unknown) =>
    Array.isArray(value) ? value.map((id) => (typeof id === "number" ? (groupKeys.get(id) ?? `id ${id}`) : id)).sort((a, b) => compareText(String(a), String(b))) : value;
  return { field: "skillGroups", ...("live" in field ? { live: named(field.live) } : {}), ...("declared" in field ? { declared: named(field.declared) } : {}) };
}

/** The references each kind may declare by name (site, team, peripheral...). */
const NAMED_REFERENCES: Record<string, Record<string, NamedReference>> = { user: USER_NAMED_REFERENCES, skillGroup: SKILL_GROUP_NAMED_REFERENCES };

/**
 * A reference declared by name whose id drifted shows as one field under the name the file
 * uses: the live side is the id the tenant has (its name is not looked up offline), the
 * declared side the name. Otherwise it would be two fields, the id and the name the refresh
 * dropped because it no longer described the live id.
 */
function byDeclaredNames(kind: string, declared: Record<string, unknown>, fields: DriftField[]): DriftField[] {
  let result = fields;
  for (const [nameField, reference] of Object.entries(NAMED_REFERENCES[kind] ?? {})) {
    const idField = result.find((f) => f.field === reference.id);
    if (typeof declared[nameField] !== "string" || !idField) continue;
    result = result.filter((f) => f.field !== reference.id && f.field !== nameField);
    result.push({ field: nameField, ...("live" in idField ? { live: idField.live } : {}), declared: declared[nameField] });
  }
  return result;
}

function changedFields(metadata: StepEventMetadata): DriftField[] {
  const oldInputs = metadata.old?.inputs ?? {};
  const oldOutputs = metadata.old?.outputs ?? {};
  const newInputs = metadata.new?.inputs ?? {};
  const names = new Set([...Object.keys(oldInputs), ...Object.keys(newInputs), ...(metadata.diffs ?? []), ...(metadata.keys ?? [])]);
  names.delete("__provider");
  const fields: DriftField[] = [];
  for (const field of names) {
    const liveRaw = field in oldInputs ? oldInputs[field] : oldOutputs[field];
    const live = liveRaw === undefined ? undefined : reportValue(liveRaw);
    const declared = newInputs[field] === undefined ? undefined : reportValue(newInputs[field]);
    if (sameJson(live, declared)) continue;
    fields.push({ field, ...(live === undefined ? {} : { live }), ...(declared === undefined ? {} : { declared }) });
  }
  return fields;
}

/** The steps of a preview that are drift, one entry per object, in report order. */
export function driftEntries(events: readonly EngineEvent[]): DriftEntry[] {
  const byUrn = new Map<string, DriftEntry>();
  const groupKeys = skillGroupKeys(events);
  for (const event of events) {
    const metadata = event.resourcePreEvent?.metadata;
    if (!metadata) continue;
    const change = CHANGE_OF_OP[metadata.op];
    if (!change) continue; // same, read, refresh, discard...: nothing to apply
    if (metadata.type === "pulumi:pulumi:Stack" || metadata.type.startsWith("pulumi:providers:")) continue;
    // Components hold no vendor object; their children are reported for themselves.
    if ((metadata.new ?? metadata.old)?.custom === false) continue;
    const entry: DriftEntry = {
      kind: kindOfType(metadata.type),
      key: nameOfUrn(metadata.urn),
      change,
      fields: change === "changed" || change === "replaced" ? fieldsOf(metadata, groupKeys) : [],
    };
    const seen = byUrn.get(metadata.urn);
    if (!seen) byUrn.set(metadata.urn, entry);
    else if (change === "replaced") {
      // A replacement shows as several steps (create-replacement, replace, delete-replaced): merge them.
      seen.change = "replaced";
      for (const field of entry.fields) if (!seen.fields.some((f) => f.field === field.field)) seen.fields.push(field);
    }
  }
  const entries = [...byUrn.values()];
  for (const entry of entries) entry.fields.sort((a, b) => compareText(a.field, b.field));
  return entries.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.key, b.key));
}

export function buildDriftReport(stack: string, events: readonly EngineEvent[]): DriftReport {
  const objects = driftEntries(events);
  const count = (change: DriftChange) => objects.filter((o) => o.change === change).length;
  return {
    stack,
    drift: objects.length > 0,
    summary: { objects: objects.length, changed: count("changed"), missing: count("missing"), replaced: count("replaced"), undeclared: count("undeclared") },
    objects,
  };
}

/** The report as JSON: keys in a fixed order (as built), values with sorted keys, a final newline. */
export function driftJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const CHANGE_TEXT: Record<DriftChange, string> = {
  missing: "Declared, but not in the tenant (deleted by hand, or never applied): the next `pulumi up` creates it.",
  changed: "Differs from the declaration: the next `pulumi up` sets the declared values.",
  replaced: "Differs in a field that cannot change in place: the next `pulumi up` replaces it.",
  undeclared: "In the stack, but no longer declared: the next `pulumi up` deletes it, or lets go of it per its `deletionPolicy`.",
};

/** A value in a Markdown table cell: JSON in a code span, with the table's `|` escaped. */
function cell(value: unknown, present: boolean): string {
  if (!present) return "*(not set)*";
  if (value === SECRET || value === UNKNOWN) return value === SECRET ? "`[secret]`" : "*(known after apply)*";
  const text = JSON.stringify(value).replace(/\|/g, "\\|");
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${fence.length > 1 ? " " : ""}${text}${fence.length > 1 ? " " : ""}${fence}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The report as Markdown for a pull-request comment: a heading, a summary, a section per object. */
export function driftMarkdown(report: DriftReport): string {
  const lines = [`## Drift in stack \`${report.stack}\``, ""];
  if (!report.drift) {
    lines.push("No drift: the live tenant matches the declared configuration.");
    return `${lines.join("\n")}\n`;
  }
  const { summary } = report;
  const parts = (["changed", "missing", "replaced", "undeclared"] as const).filter((c) => summary[c] > 0).map((c) => `${summary[c]} ${c}`);
  lines.push(`${plural(summary.objects, "object")} ${summary.objects === 1 ? "differs" : "differ"} between the live tenant and the declared configuration: ${parts.join(", ")}.`);
  for (const entry of report.objects) {
    lines.push("", `### ${entry.kind} \`${entry.key}\`: ${entry.change}`, "", CHANGE_TEXT[entry.change]);
    if (entry.fields.length === 0) {
      if (entry.change === "changed" || entry.change === "replaced") lines.push("", "The difference is in a value the report cannot show (a secret).");
      continue;
    }
    lines.push("", "| field | live | declared |", "|---|---|---|");
    for (const f of entry.fields) lines.push(`| ${f.field} | ${cell(f.live, "live" in f)} | ${cell(f.declared, "declared" in f)} |`);
  }
  return `${lines.join("\n")}\n`;
}
