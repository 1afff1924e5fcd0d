/**
 * What `SkillGroup` does at each step of its life. Runs in the provider process only.
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkInputs } from "../core/check";
import { diffFields } from "../core/diff";
import { apiError, isApiError, isTransportError } from "../core/errors";
import { freshRead, GATHER_MS } from "../core/fresh-read";
import { guarded } from "../core/guarded";
import { connectCce } from "./client";
import { portalKey } from "./connection";
import { findSkillGroupByName, getSkillGroup, listSkillGroups, refreshSkillGroups, saveSkillGroup, SkillGroupRecord, SkillGroupSpec } from "./skill-groups-api";
import { namesStillLive, resolveNamedReferences } from "./named-references";
import { SKILL_GROUP_NAMED_REFERENCES, skillGroupInputs, SkillGroupInputs, SkillGroupOutputs } from "./skill-group";
import type { ConfigSource } from "../core/connection";

const MANAGED_FIELDS = ["peripheralId", "name", "description", "serviceLevelThreshold", "adopt", "deletionPolicy"] as const;
const REPLACE_ON = ["peripheralId"];

function specOf(inputs: SkillGroupInputs): SkillGroupSpec {
  return {
    peripheralId: inputs.peripheralId,
    name: inputs.name,
    description: inputs.description,
    serviceLevelThreshold: inputs.serviceLevelThreshold,
  };
}

function matches(live: SkillGroupRecord, spec: SkillGroupSpec): boolean {
  return live.name === spec.name && live.description === spec.description && live.serviceLevelThreshold === spec.serviceLevelThreshold;
}

function outputs(inputs: SkillGroupInputs, live: SkillGroupRecord, adopted: boolean): SkillGroupOutputs {
  return {
    ...inputs,
    skillTargetId: live.skillTargetId,
    enterpriseName: live.enterpriseName,
    mediaRoutingDomainName: live.mediaRoutingDomainName ?? "",
    adopted,
  };
}

export async function check(config: ConfigSource | undefined, olds: unknown, news: Record<string, unknown>) {
  const result = checkInputs(skillGroupInputs, news);
  // The peripheral's name becomes its id here, so diff, create and update see the id only.
  if (result.failures.length === 0) {
    result.failures = await guarded(() => resolveNamedReferences(config, olds, result.inputs, SKILL_GROUP_NAMED_REFERENCES));
  }
  return result as { inputs: SkillGroupInputs; failures: { property: string; reason: string }[] };
}

export async function diff(_id: string, olds: SkillGroupOutputs, news: SkillGroupInputs): Promise<pulumi.dynamic.DiffResult> {
  const { changed, replaces } = diffFields(olds as never, news as never, MANAGED_FIELDS, REPLACE_ON);
  return { changes: changed.length > 0, replaces };
}

export async function create(config: ConfigSource | undefined, inputs: SkillGroupInputs) {
  return guarded(async () => {
    const { connection, cce } = connectCce(config);
    const spec = specOf(inputs);

    if (inputs.adopt) {
      const existing = await findSkillGroupByName(cce, spec.peripheralId, spec.name);
      if (existing) {
        if (!matches(existing, spec)) await saveSkillGroup(cce, spec, existing.skillTargetId);
        const live = (await getSkillGroup(cce, existing.skillTargetId)) ?? existing;
        return { id: String(live.skillTargetId), outs: outputs(inputs, live, true) };
      }
    }

    try {
      await saveSkillGroup(cce, spec);
    } catch (error) {
      if (isTransportError(error) && error.ambiguous) {
        // The answer was lost; the create may have been committed. Look before doing anything else.
        const committed = await findSkillGroupByName(cce, spec.peripheralId, spec.name);
        if (committed) return { id: String(committed.skillTargetId), outs: outputs(inputs, committed, false) };
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
    const peripheralGroups = await freshRead(
      `cce-skill-groups|${portalKey(connection)}|${spec.peripheralId}`,
      () => listSkillGroups(cce, { peripheralId: spec.peripheralId }),
      GATHER_MS,
    );
    const created =
      peripheralGroups.find((group) => group.peripheralId === spec.peripheralId && group.name.toLowerCase() === spec.name.toLowerCase()) ??
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
    return { id: String(created.skillTargetId), outs: outputs(inputs, created, false) };
  });
}

export async function read(config: ConfigSource | undefined, id: string, props: SkillGroupOutputs) {
  return guarded(async () => {
    // One list of every group serves the reads of a whole refresh.
    const { connection, cce } = connectCce(config);
    const all = await refreshSkillGroups(cce, connection);
    const live = all.find((group) => group.skillTargetId === Number(id));
    // Gone: an empty id makes the engine drop it, and the next `up` creates it again.
    if (!live) return { id: "" };
    const liveFields = {
      peripheralId: live.peripheralId,
      name: live.name,
      description: live.description,
      serviceLevelThreshold: live.serviceLevelThreshold,
    };
    const declared = Object.fromEntries(MANAGED_FIELDS.map((field) => [field, props[field]])) as SkillGroupInputs;
    // The peripheral's name stays only while it still names the live peripheral.
    const { names, unnamed } = namesStillLive(props, liveFields, SKILL_GROUP_NAMED_REFERENCES);
    return {
      id,
      props: {
        ...unnamed,
        ...names,
        ...liveFields,
        skillTargetId: live.skillTargetId,
        enterpriseName: live.enterpriseName,
        mediaRoutingDomainName: live.mediaRoutingDomainName ?? "",
      },
      // Live values as inputs too: the engine renders a plan from old and new inputs, so
      // this is what makes `preview` after a refresh say which field drifted and how.
      inputs: { ...declared, ...names, ...liveFields },
    };
  });
}

export async function update(config: ConfigSource | undefined, id: string, olds: SkillGroupOutputs, news: SkillGroupInputs) {
  return guarded(async () => {
    const { cce } = connectCce(config);
    const spec = specOf(news);
    const sameApiFields = (["name", "description", "serviceLevelThreshold"] as const).every((f) => olds[f] === news[f]);
    // A change of adopt or deletionPolicy alone touches only the state.
    const saved = sameApiFields ? undefined : await saveSkillGroup(cce, spec, Number(id));
    if (saved && olds.name === news.name && olds.enterpriseName !== undefined) {
      // The save's answer has the stored description and threshold; the rest follows from the
      // name and peripheral, both unchanged, so the state's enterprise name and domain stand.
      const live = {
        skillTargetId: Number(id),
        peripheralId: spec.peripheralId,
        name: spec.name,
        enterpriseName: olds.enterpriseName,
        mediaRoutingDomainName: olds.mediaRoutingDomainName,
        description: saved.description ?? spec.description,
        serviceLevelThreshold: saved.serviceLevelThreshold ?? spec.serviceLevelThreshold,
      };
      return { outs: outputs(news, live, olds.adopted) };
    }
    const live = (await getSkillGroup(cce, Number(id))) ?? {
      skillTargetId: Number(id),
      enterpriseName: olds.enterpriseName,
      mediaRoutingDomainName: olds.mediaRoutingDomainName,
      ...spec,
    };
    return { outs: outputs(news, live, olds.adopted) };
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
