/**
 * `DeclarationGuard`: refuses, in the plan, a declaration that lost most of its objects. An
 * empty file, a folder whose files went missing, a bad merge: the plan would delete everything
 * they no longer name. The guard remembers how many objects the stack held after its last run;
 * its `check()` refuses a declaration with none, or one that removes more than a quarter of
 * them (and more than 10), unless mass deletion is allowed for that run. It calls no vendor
 * API and never shows in a plan. The YAML program declares it first; a TypeScript program may
 * declare one too, with the number of objects it declares.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { LifecycleResource } from "../core/lifecycle-provider";

export const declarationGuardInputs = z
  .object({
    objects: z.number({ error: "must be a number" }).int("must be a whole number").min(0, "must be 0 or more"),
    allowMassDeletion: z.boolean({ error: "must be true or false" }).default(false),
    maxRemovedShare: z.number({ error: "must be a number" }).min(0).max(1).default(0.25),
    maxRemovedFloor: z.number({ error: "must be a number" }).int().min(0).default(10),
  })
  .strict();

export type DeclarationGuardInputs = z.output<typeof declarationGuardInputs>;

export interface DeclarationGuardArgs {
  /** How many objects the program declares (every resource but the guard). @example 42 */
  objects: pulumi.Input<number>;
  /**
   * Let this run remove more than the limits allow. The YAML program takes it from stack
   * config `contact-center:allowMassDeletion` (or CONTACT_CENTER_ALLOW_MASS_DELETION=1).
   * @default false
   * @example false
   */
  allowMassDeletion?: pulumi.Input<boolean>;
  /** The share of the stack's objects a run may remove without allowMassDeletion. @default 0.25 @example 0.25 */
  maxRemovedShare?: pulumi.Input<number>;
  /** How many objects a run may always remove without allowMassDeletion. @default 10 @example 10 */
  maxRemovedFloor?: pulumi.Input<number>;
}

const TOKEN = { module: "guard", type: "DeclarationGuard", lifecycle: "guard/declaration-guard" } as const;

/**
 * @example
 * ```ts
 * new DeclarationGuard("guard", { objects: 42 });
 * ```
 */
export class DeclarationGuard extends LifecycleResource {
  declare public readonly objects: pulumi.Output<number>;

  constructor(name: string, args: DeclarationGuardArgs, opts?: pulumi.CustomResourceOptions) {
    super(TOKEN, name, { ...args }, opts);
  }
}
