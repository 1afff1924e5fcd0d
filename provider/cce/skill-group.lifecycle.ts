/**
 * What `SkillGroup` does at each step of its life. Runs in the provider process only.
 */
import { stateId } from "../core/path-segment";
import { findLateCommit, notFoundAfterLostAnswer } from "../core/late-commit";
import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, containsUnknown } from "../core/check";
import { sameValue } from "../core/diff";
import { apiError, conflictError, isApiError, isTransportError } from "../core/errors";
import { freshRead } from "../core/fresh-read";
import { guarded } from "../core/guarded";
import { CceClient, connectCce } from "./client";
import { CceConnection, portalKey, resolveCceConnection } from "./connection";
import { findSkillGroupByName, getSkillGroup, listSkillGroups, refreshSkillGroups, saveSkillGroup, SkillGroupRecord, SkillGroupSpec } from "./skill-groups-api";
import { checkNamedReferences, declaredNames, resolveReferenceIds, sameName } from "./named-references";
import { SKILL_GROUP_NAMED_REFERENCES, skillGroupInputs, SkillGroupInputs, SkillGroupOutputs } from "./skill-group";
import type { ConfigSource } from "../core/connection";

/** The inputs diff() compares besides the peripheral, which may be named or numbered. */
const DECLARED_FIELDS = ["name", "description", "serviceLevelThreshold", "adopt", "deletionPolicy"] as const;
/** The fields saveSkillGroup writes; the others live in the state only. */
const API_FIELDS = ["name", "description", "serviceLevelThreshold"] as const;

function specOf(inputs: SkillGroupInputs, peripheralId: number): SkillGroupSpec {
  return { peripheralId, name: inputs.name, description: inputs.description, serviceLevelThreshold: inputs.serviceLevelThreshold };
}

function matches(live: SkillGroupRecord, spec: SkillGroupSpec): boolean {
  return live.name === spec.name && live.description === spec.description && live.serviceLevelThreshold === spec.serviceLevelThreshold;
}

/** The outputs: the inputs as declared, the peripheral's id they resolved to, and what the portal says of the group. */
function outputs(inputs: SkillGroupInputs, peripheralId: number, live: Omit<SkillGroupRecord, "peripheralId">, adopted: boolean): SkillGroupOutputs {
  return {
    ...inputs,
    peripheralId,
    skillTargetId: live.skillTargetId,
    enterpriseName: live.enterpriseName,
    mediaRoutingDomainName: live.mediaRoutingDomainName ?? "",
    adopted,
  };
}

export async function check(config: ConfigSource | undefined, olds: unknown, news: Record<string, unknown>) {
  const result = checkInputs(skillGroupInputs, news);
  // A new or changed peripheral name must name one; the inputs keep the name as written.
  if (result.failures.length === 0) {
    result.failures = await guarded(() => checkNamedReferences(config, olds, result.inputs, SKILL_GROUP_NAMED_REFERENCES));
  }
  return result as { inputs: SkillGroupInputs; failures: { property: string; reason: string }[] };
}

/**
 * How the declared peripheral changed: not at all; in form only (a name for the same id, or
 * the other way round: the state changes, the group does not); or to another peripheral,
 * which replaces the group. `olds.peripheralId` is the id the state resolved.
 */
async function peripheralChange(config: ConfigSource | undefined, olds: SkillGroupOutputs, news: SkillGroupInputs): Promise<"none" | "form" | "another"> {
  const named = news.peripheral !== undefined;
  if (containsUnknown(named ? news.peripheral : news.peripheralId)) return "another";
  const unchanged = named
    ? typeof olds.peripheral === "string" && sameName(olds.peripheral, news.peripheral!) && (news.peripheralId === undefined || news.peripheralId === olds.peripheralId)
    : olds.peripheral === undefined && news.peripheralId === olds.peripheralId;
  if (unchanged) return "none";
  const wanted = named ? (await resolveReferenceIds(resolveCceConnection(config), news, SKILL_GROUP_NAMED_REFERENCES, olds)).peripheralId : news.peripheralId;
  return wanted === olds.peripheralId ? "form" : "another";
}

export async function diff(_id: string, olds: SkillGroupOutputs, news: SkillGroupInputs, config?: ConfigSource): Promise<pulumi.dynamic.DiffResult> {
  const changed: string[] = DECLARED_FIELDS.filter((field) => !sameValue(olds[field], news[field]));
  const peripheral = await guarded(() => peripheralChange(config, olds, news));
  const field = news.peripheral !== undefined ? "peripheral" : "peripheralId";
  if (peripheral !== "none") changed.push(field);
  return { changes: changed.length > 0, replaces: peripheral === "another" ? [field] : [] };
}

export async function create(config: ConfigSource | undefined, inputs: SkillGroupInputs) {
  return guarded(async () => {
    const { connection, cce } = connectCce(config);
    const { peripheralId } = await resolveReferenceIds(connection, inputs, SKILL_GROUP_NAMED_REFERENCES);
    const spec = specOf(inputs, peripheralId);

    if (inputs.adopt) {
      const existing = await findSkillGroupByName(cce, spec.peripheralId, spec.name);
      if (existing) {
        if (!matches(existing, spec)) await saveSkillGroup(cce, spec, existing.skillTargetId);
        const live = (await getSkillGroup(cce, existing.skillTargetId)) ?? existing;
        return { id: String(live.skillTargetId), outs: outputs(inputs, peripheralId, live, true) };
      }
    }

    try {
      await saveSkillGroup(cce, spec);
    } catch (error) {
      if (isTransportError(error) && error.ambiguous) {
        // The answer was lost; the create may have been committed, maybe later still. Look before anything else.
        const committed = await findLateCommit(`Skill group ${spec.name}`, () => findSkillGroupByName(cce, spec.peripheralId, spec.name));
        if (committed) return { id: String(committed.skillTargetId), outs: outputs(inputs, peripheralId, committed, false) };
        error.message += notFoundAfterLostAnswer();
      }
      if (isApiError(error) && error.constant === "SKILL_GROUPS_ALREADY_EXISTS_ERROR") {
        const existing = await findSkillGroupByName(cce, spec.peripheralId, spec.name);
        error.message +=
          `. Skill group '${spec.name}' already exists on peripheral ${spec.peripheralId}` +
          (existing ? ` (skillTargetId ${existing.skillTargetId})` : "") +
          ": set adopt: true to manage it with this resource.";
      }
      throw error;
    }

    // saveSkillGroup's answer carries no skill target id: find the group it made, in a list of
    // the peripheral's groups that began after the save (creates in flight together share it),
    // or, should it be missing there, by its name.
    const created =
      (await peripheralGroups(connection, cce, spec.peripheralId)).find((group) => group.peripheralId === spec.peripheralId && sameName(group.name, spec.name)) ??
      (await findSkillGroupByName(cce, spec.peripheralId, spec.name));
    if (!created) {
      throw apiError({
        system: "CCE",
        endpoint: "protected/skills/getSkillGroups",
        constant: "SKILL_GROUP_NOT_FOUND_ERROR",
        meaning: "the skill group was saved but cannot be found by its name",
        detail: `${spec.name} on peripheral ${spec.peripheralId}`,
      });
    }
    return { id: String(created.skillTargetId), outs: outputs(inputs, peripheralId, created, false) };
  });
}

/**
 * For `contact-center recover` (cli/recover.ts): the object a create of `inputs` made before its
 * run was killed, found by its natural key, with the outputs that create would have returned;
 * undefined when there is none. Reads only.
 */
export async function recoverCreated(config: ConfigSource | undefined, inputs: SkillGroupInputs) {
  return guarded(async () => {
    const { connection, cce } = connectCce(config);
    const { peripheralId } = await resolveReferenceIds(connection, inputs, SKILL_GROUP_NAMED_REFERENCES);
    // The name is unique on its peripheral (saveSkillGroup refuses a second one).
    const found = await findSkillGroupByName(cce, peripheralId, inputs.name);
    return found && { id: String(found.skillTargetId), outs: outputs(inputs, peripheralId, found, false) };
  });
}

/**
 * How long the list after a save waits for other saves to share it. The engine starts a stack's
 * creates a few tens of milliseconds apart (each step writes a checkpoint first), so saves seldom
 * overlap and the usual 25 ms gathers one or two: 500 groups in one stack made 258 lists. With
 * 250 ms they made 59, and the stack took 33 s instead of 23 s.
 */
const SAVED_GROUPS_GATHER_MS = 250;

/** The groups of one peripheral, from a list begun after this call and shared by the steps that ask meanwhile. */
function peripheralGroups(connection: CceConnection, cce: CceClient, peripheralId: number): Promise<SkillGroupRecord[]> {
  return freshRead(`cce-skill-groups|${portalKey(connection)}|${peripheralId}`, () => listSkillGroups(cce, { peripheralId }), SAVED_GROUPS_GATHER_MS);
}

export async function read(config: ConfigSource | undefined, id: string, props: SkillGroupOutputs) {
  return guarded(async () => {
    const skillTargetId = stateId(id, "skill group");
    // One list of every group serves the reads of a whole refresh.
    const { connection, cce } = connectCce(config);
    const all = await refreshSkillGroups(cce, connection);
    const live = all.find((group) => group.skillTargetId === skillTargetId);
    // Gone: an empty id makes the engine drop it, and the next `up` creates it again.
    if (!live) return { id: "" };
    const liveFields = { name: live.name, description: live.description, serviceLevelThreshold: live.serviceLevelThreshold };
    // The peripheral as declared: its name while it still stands for the live id, else the live one's.
    const names = await declaredNames(connection, props, { peripheralId: live.peripheralId }, SKILL_GROUP_NAMED_REFERENCES);
    const declared = Object.fromEntries(DECLARED_FIELDS.map((field) => [field, props[field]]));
    const peripheral = props.peripheral !== undefined ? names : { peripheralId: live.peripheralId };
    return {
      id,
      props: outputs({ ...props, ...liveFields, ...names }, live.peripheralId, live, props.adopted ?? false),
      // Live values as inputs too: the engine renders a plan from old and new inputs, so this
      // is what makes `preview` after a refresh name the field that drifted, in the declared form.
      inputs: { ...declared, ...liveFields, ...peripheral },
    };
  });
}

/**
 * Writes exactly what the plan shows: the API fields whose declared value changed. The portal
 * saves a group whole, so the others are sent as the portal has them now, never as the state
 * remembers them: a change made by hand to a field the plan does not name is left alone
 * (`ignoreChanges` relies on it). A change of adopt or deletionPolicy alone touches only the state.
 */
export async function update(config: ConfigSource | undefined, id: string, olds: SkillGroupOutputs, news: SkillGroupInputs) {
  return guarded(async () => {
    const skillTargetId = stateId(id, "skill group");
    const peripheralId = olds.peripheralId;
    const changed = API_FIELDS.filter((field) => olds[field] !== news[field]);
    const kept = { skillTargetId, name: olds.name, enterpriseName: olds.enterpriseName, mediaRoutingDomainName: olds.mediaRoutingDomainName, description: olds.description, serviceLevelThreshold: olds.serviceLevelThreshold };
    if (changed.length === 0) return { outs: outputs(news, peripheralId, kept, olds.adopted) };

    const { cce } = connectCce(config);
    // The group read alone: in a list of several, the document pairs a group with its details
    // (the fields sent back unchanged) by position only, which is not sure enough to write.
    const live = changed.length === API_FIELDS.length ? undefined : await getSkillGroup(cce, skillTargetId);
    if (changed.length < API_FIELDS.length && (!live || live.peripheralId !== peripheralId)) {
      throw conflictError(`Skill group '${olds.name}' (skillTargetId ${id}) is no longer on peripheral ${peripheralId}: it was deleted outside Pulumi. Run \`pulumi refresh\`, and the next \`up\` creates it again.`);
    }
    const spec: SkillGroupSpec = { peripheralId, name: live?.name ?? news.name, description: live?.description ?? news.description, serviceLevelThreshold: live?.serviceLevelThreshold ?? news.serviceLevelThreshold };
    for (const field of changed) (spec as unknown as Record<string, unknown>)[field] = news[field];
    const saved = await saveSkillGroup(cce, spec, skillTargetId);
    // The save's answer has the stored description and threshold, but not the enterprise name
    // ICM derives from the name: after a rename, the group is read back for it.
    const renamed = spec.name !== (live?.name ?? olds.name);
    const after = renamed ? await getSkillGroup(cce, skillTargetId) : undefined;
    return {
      outs: outputs(
        news,
        peripheralId,
        {
          ...kept,
          name: spec.name,
          enterpriseName: after?.enterpriseName ?? live?.enterpriseName ?? olds.enterpriseName,
          mediaRoutingDomainName: after?.mediaRoutingDomainName ?? live?.mediaRoutingDomainName ?? olds.mediaRoutingDomainName,
          description: saved.description ?? spec.description,
          serviceLevelThreshold: saved.serviceLevelThreshold ?? spec.serviceLevelThreshold,
        },
        olds.adopted,
      ),
    };
  });
}

export async function remove(_config: ConfigSource | undefined, id: string, props: SkillGroupOutputs) {
  if (props.deletionPolicy === "fail") {
    throw new Error(
      `Skill group '${props.name}' (skillTargetId ${id}) cannot be deleted: the CCE portal API has no delete call, ` +
        `and this resource's deletionPolicy is "fail". Delete it in the portal, or set deletionPolicy: "retain" to ` +
        `leave it in ICM and remove it from the stack.`,
    );
  }
  // "retain": nothing to call. The group stays in ICM; the stack forgets it.
}
