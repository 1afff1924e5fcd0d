/**
 * `SkillGroup`: a Cisco Webex CCE skill group on one peripheral.
 *
 * Lifecycle (seed 001, chapter 2; see docs/resources/skill-group.md):
 * - create: `saveSkillGroup` without an id, then a lookup by name, because the answer
 *   carries no skill target id. With `adopt: true` an existing group of the same name on
 *   the peripheral is taken over instead of failing.
 * - read: `getSkillGroups` by skill target id; a group that is gone leaves the state.
 * - update: `saveSkillGroup` with the id. A peripheral change replaces the group.
 * - delete: the API has none. `deletionPolicy: "retain"` (default) leaves the group in ICM
 *   and forgets it; `"fail"` refuses the delete so nothing is forgotten silently.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { LifecycleResource, refuseOverruledPolicy } from "../core/lifecycle-provider";
import type { NamedReference } from "./named-references";

/** ICM's naming rule for skill groups (the same character set as enterprise names). */
export const SKILL_GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9._]{0,31}$/;

export const skillGroupInputs = z
  .object({
    peripheralId: z
      .number({ error: "must be a number" })
      .int("must be a whole number")
      .positive("must be a positive peripheral id")
      .optional(),
    peripheral: z
      .string({ error: "must be the peripheral's name" })
      .min(1, "must be the peripheral's name, not empty")
      .optional(),
    name: z
      .string({ error: "is required" })
      .regex(SKILL_GROUP_NAME, "must be 1 to 32 letters, digits, '.' or '_', not starting with '.' or '_' (ICM's rule)"),
    description: z.string({ error: "must be a string" }).max(255, "must be at most 255 characters").default(""),
    serviceLevelThreshold: z
      .number({ error: "must be a number" })
      .int("must be a whole number of seconds")
      .min(-1, "must be -1 (the peripheral's default) or 0 to 7200 seconds")
      .max(7200, "must be -1 (the peripheral's default) or 0 to 7200 seconds")
      .default(-1),
    adopt: z
      .boolean({ error: "must be true or false" })
      .default(false),
    deletionPolicy: z
      .enum(["retain", "fail"], { error: 'must be "retain" or "fail"' })
      .default("retain"),
  })
  .strict()
  .superRefine((group, ctx) => {
    if (group.peripheralId === undefined && group.peripheral === undefined) {
      ctx.addIssue({ code: "custom", path: ["peripheralId"], message: "or peripheral is required: the peripheral (PG) the group belongs to" });
    }
  });

/** The peripheral a group may name instead of numbering (provider/cce/named-references.ts). */
export const SKILL_GROUP_NAMED_REFERENCES = {
  peripheral: { id: "peripheralId", kind: "platform", what: "peripheral (platform)" },
} as const satisfies Record<string, NamedReference>;

/** Checked inputs, as declared: the peripheral by name or by id. */
export type SkillGroupInputs = z.output<typeof skillGroupInputs>;

export interface SkillGroupOutputs extends SkillGroupInputs {
  /** The peripheral's id, declared or resolved from its name. */
  peripheralId: number;
  skillTargetId: number;
  enterpriseName: string;
  mediaRoutingDomainName: string;
  /** True when the group existed before and was adopted rather than created. */
  adopted: boolean;
}

export interface SkillGroupArgs {
  /** The peripheral (PG) the group belongs to; this or `peripheral`. Changing it replaces the group. @example 5000 */
  peripheralId?: pulumi.Input<number>;
  /**
   * The peripheral by name instead of `peripheralId`: the provider resolves it when the name
   * is new or changed and keeps the id in the state (no lookup on later runs). @example "CUCM_PG_1"
   */
  peripheral?: pulumi.Input<string>;
  /** The skill group's peripheral name: 1 to 32 letters, digits, `.` or `_`, not starting with `.` or `_`. @example "Sales" */
  name: pulumi.Input<string>;
  /** Free text, at most 255 characters. @default "" @example "Inbound billing calls" */
  description?: pulumi.Input<string>;
  /** Seconds within which a call counts as answered in service level; -1 uses the peripheral's default. @default -1 @example 30 */
  serviceLevelThreshold?: pulumi.Input<number>;
  /**
   * Take over an existing group of the same name on the peripheral instead of failing.
   * Dynamic resources cannot use Pulumi's `import` option, so adoption is this input.
   * @default false
   * @example true
   */
  adopt?: pulumi.Input<boolean>;
  /**
   * The portal has no delete call. `"retain"` leaves the group in ICM and removes it from the
   * stack; `"fail"` protects the resource (Pulumi's `protect` option, unless you set `protect`
   * yourself): a plan that would delete it, or a `destroy`, fails in the preview. To let it go,
   * set `"retain"` and run `pulumi up` first. Refused together with `retainOnDelete: true`.
   * @default "retain"
   * @example "fail"
   */
  deletionPolicy?: pulumi.Input<"retain" | "fail">;
}

/** The type token and the lifecycle module that serves it (provider/core/lifecycle-provider.ts). */
const TOKEN = { module: "cce", type: "SkillGroup", lifecycle: "cce/skill-group" } as const;

/**
 * A Cisco Webex CCE skill group.
 *
 * @example
 * ```ts
 * const sales = new SkillGroup("sales", { peripheral: "CUCM_PG_1", name: "Sales", serviceLevelThreshold: 20 });
 * ```
 */
export class SkillGroup extends LifecycleResource {
  /** The peripheral the group belongs to. */
  declare public readonly peripheralId: pulumi.Output<number>;
  /** The group's name. Pass it in a user's `skillGroups`: the user then waits for the group. */
  declare public readonly name: pulumi.Output<string>;
  declare public readonly description: pulumi.Output<string>;
  declare public readonly serviceLevelThreshold: pulumi.Output<number>;
  declare public readonly adopt: pulumi.Output<boolean>;
  declare public readonly deletionPolicy: pulumi.Output<"retain" | "fail">;
  /** The group's ICM skill target id (also the resource id): known in a plan unless the group is created or replaced. */
  declare public readonly skillTargetId: pulumi.Output<number>;
  /** ICM's enterprise name, `<peripheral>.<group>`. */
  declare public readonly enterpriseName: pulumi.Output<string>;
  declare public readonly mediaRoutingDomainName: pulumi.Output<string>;
  /** True when the group existed before and was adopted. */
  declare public readonly adopted: pulumi.Output<boolean>;

  constructor(name: string, args: SkillGroupArgs, opts?: pulumi.CustomResourceOptions) {
    refuseOverruledPolicy(`SkillGroup "${name}"`, "deletionPolicy", args.deletionPolicy, (p) => p === "fail", "leaves the group in ICM", opts);
    super(
      TOKEN,
      name,
      { enterpriseName: undefined, mediaRoutingDomainName: undefined, adopted: undefined, ...args },
      // "fail" is Pulumi's protect: a plan that would delete the group fails in the preview
      // already, not half-way through an up. An explicit protect option has the last word.
      args.deletionPolicy === "fail" && opts?.protect === undefined ? { ...opts, protect: true } : opts,
    );
    // Known in the plan of any update of this group, so users that join it show no change.
    this.skillTargetId = this.numericId();
  }
}
