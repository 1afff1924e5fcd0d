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

/** An object by the kind and key the file names it with. */
export interface DriftObject {
  kind: string;
  key: string;
}

export interface DriftEntry extends DriftObject {
  /** The kind as the file names it: skillGroup, user, attribute, precisionQueue, resourceUser, tempAllow, customerUser. */
  kind: string;
  /** The object's key as the file names it (its Pulumi resource name), e.g. `CUCM_PG_1.Sales`, `dana@DEM/Sales_Skill`. */
  key: string;
  change: DriftChange;
  /** For changed and replaced objects: the declared fields that differ. Empty otherwise. */
  fields: DriftField[];
  /**
   * Objects that differ only because this one is missing, and that the next up restores with
   * it: the users that were in a skill group deleted by hand, the attributes of an agent
   * deleted by hand. One hand edit, one entry. Absent when there are none.
   */
  follows?: DriftObject[];
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
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Inputs a plan shows that no file sets: check() derives them so that a reviewer sees a
 * consequence (a customer user's licence delta). They are not declared, so never drift.
 */
const PLAN_ONLY_FIELDS: Record<string, readonly string[]> = { customerUser: ["licenceChanges"] };

/**
 * The fields of an update or replacement: the declared inputs (the new inputs, as the file or
 * program wrote them) whose refreshed, live value differs. Providers read back inputs in their
 * declared form, so the refreshed old inputs are the live values in the file's own names. A
 * field the declaration does not set is not reported, however the tenant has it. Both sides are
 * compared after masking, so two secrets never show as a change.
 */
function fieldsOf(metadata: StepEventMetadata, groupKeys: ReadonlyMap<number, string>): DriftField[] {
  const kind = kindOfType(metadata.type);
  const liveInputs = metadata.old?.inputs ?? {};
  const declaredInputs = metadata.new?.inputs ?? {};
  const fields: DriftField[] = [];
  for (const field of Object.keys(declaredInputs)) {
    if (field === "__provider" || PLAN_ONLY_FIELDS[kind]?.includes(field) || declaredInputs[field] === undefined) continue;
    const live = liveInputs[field] === undefined ? undefined : reportValue(liveInputs[field]);
    const declared = reportValue(declaredInputs[field]);
    if (sameJson(live, declared) || (sameJson(live, SECRET) && sameJson(declared, SECRET))) continue;
    fields.push({ field, ...(live === undefined ? {} : { live }), declared });
  }
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
 * A program that gives a user's skill groups by id (`skillGroupIds`): shown by the keys of the
 * stack's groups, a group outside the stack as `id <skillTargetId>`. Sorted, as memberships are
 * sets. (A contact-center file, and programs that use `skillGroups`, name them already.)
 */
function bySkillGroupKeys(field: DriftField, groupKeys: ReadonlyMap<number, string>): DriftField {
  const named = (value: unknown) =>
    Array.isArray(value) ? value.map((id) => (typeof id === "number" ? (groupKeys.get(id) ?? `id ${id}`) : id)).sort((a, b) => compareText(String(a), String(b))) : value;
  return { field: "skillGroups", ...("live" in field ? { live: named(field.live) } : {}), ...("declared" in field ? { declared: named(field.declared) } : {}) };
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
  const entries = foldConsequences([...byUrn.values()], refreshedOutputs(events));
  for (const entry of entries) entry.fields.sort((a, b) => compareText(a.field, b.field));
  return entries.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.key, b.key));
}

/** Each resource's outputs as the state had them before the refresh, by key: what a missing object was. */
function refreshedOutputs(events: readonly EngineEvent[]): Map<string, Record<string, unknown>> {
  const before = new Map<string, Record<string, unknown>>();
  for (const event of events) {
    const metadata = event.resourcePreEvent?.metadata ?? event.resOutputsEvent?.metadata;
    if (metadata?.op === "refresh" && metadata.old?.outputs) before.set(`${kindOfType(metadata.type)} ${nameOfUrn(metadata.urn)}`, metadata.old.outputs);
  }
  return before;
}

/**
 * One hand edit, one entry: an object that differs only because another is missing goes under
 * that one's entry (`follows`). A user whose only difference is membership of skill groups that
 * are themselves missing (deleted by hand: the next up creates them and adds the user back); an
 * attribute missing because its agent is (the next up clones the agent and assigns it again).
 */
function foldConsequences(entries: DriftEntry[], before: ReadonlyMap<string, Record<string, unknown>>): DriftEntry[] {
  const missing = (kind: string) => new Map(entries.filter((e) => e.kind === kind && e.change === "missing").map((e) => [e.key, e]));
  const missingGroups = missing("skillGroup");
  const missingUsers = missing("user");
  const folded = new Set<DriftEntry>();
  const follow = (owner: DriftEntry, entry: DriftEntry) => (owner.follows ??= []).push({ kind: entry.kind, key: entry.key });

  for (const entry of entries.filter((e) => e.kind === "user" && e.change === "changed")) {
    const field = entry.fields.find((f) => f.field === "skillGroups");
    if (!field || !Array.isArray(field.live) || !Array.isArray(field.declared)) continue;
    const [live, declared] = [field.live.map(String), field.declared.map(String)];
    const lost = declared.filter((key) => !live.includes(key));
    if (live.some((key) => !declared.includes(key)) || lost.length === 0 || !lost.every((key) => missingGroups.has(key))) continue;
    for (const key of lost) follow(missingGroups.get(key)!, entry);
    entry.fields = entry.fields.filter((f) => f !== field);
    if (entry.fields.length === 0) folded.add(entry);
  }

  const agents = new Map<number, DriftEntry>();
  for (const [key, user] of missingUsers) {
    const id = before.get(`user ${key}`)?.idProgramUser;
    if (typeof id === "number") agents.set(id, user);
  }
  for (const entry of entries.filter((e) => e.kind === "attribute" && e.change === "missing")) {
    const owner = agents.get(before.get(`attribute ${entry.key}`)?.agentIdProgramUser as number);
    if (!owner) continue;
    follow(owner, entry);
    folded.add(entry);
  }

  for (const entry of entries) entry.follows?.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.key, b.key));
  return entries.filter((entry) => !folded.has(entry));
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
    if (entry.follows) lines.push("", `Creating it again also restores: ${entry.follows.map((o) => `${o.kind} \`${o.key}\``).join(", ")}.`);
    if (entry.fields.length === 0) {
      if (entry.change === "changed" || entry.change === "replaced") {
        lines.push("", "No declared value that the report can show differs: the difference is in a secret, or in how the declaration is written (a name for an id, a field it no longer sets).");
      }
      continue;
    }
    lines.push("", "| field | live | declared |", "|---|---|---|");
    for (const f of entry.fields) lines.push(`| ${f.field} | ${cell(f.live, "live" in f)} | ${cell(f.declared, "declared" in f)} |`);
  }
  return `${lines.join("\n")}\n`;
}
