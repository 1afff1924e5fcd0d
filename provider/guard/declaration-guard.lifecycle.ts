/**
 * What `DeclarationGuard` does: its `check()` is the whole of it. `olds` are the inputs the last
 * run recorded (the objects the stack then held); diff never plans a change, so the guard never
 * shows in a plan, and the engine records each run's inputs as it goes.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CheckFailure, checkInputs } from "../core/check";
import type { ConfigSource } from "../core/connection";
import { declarationGuardInputs, DeclarationGuardInputs } from "./declaration-guard";

const OPT_IN = "set stack config contact-center:allowMassDeletion to true for this run (or CONTACT_CENTER_ALLOW_MASS_DELETION=1)";

/** Why the declaration may not be applied, or undefined when it may. */
export function refusal(previous: number | undefined, inputs: DeclarationGuardInputs): string | undefined {
  if (inputs.objects === 0) {
    return (
      "objects: the declaration holds no object, so this run would delete every object of the stack. Refused: " +
      "if the file or folder is right and everything should go, run `pulumi destroy`, which says what it deletes"
    );
  }
  if (previous === undefined || previous <= inputs.objects || inputs.allowMassDeletion) return undefined;
  const removed = previous - inputs.objects;
  const allowed = Math.max(inputs.maxRemovedFloor, Math.floor(previous * inputs.maxRemovedShare));
  if (removed <= allowed) return undefined;
  return (
    `objects: the declaration holds ${inputs.objects} objects, ${removed} fewer than the ${previous} the stack held after its last run ` +
    `(${Math.round((removed / previous) * 100)}%), and a run may remove at most ${allowed} without an explicit opt-in. ` +
    `Check that no file went missing from the declaration; if the removal is meant, ${OPT_IN}`
  );
}

export async function check(_config: ConfigSource | undefined, olds: unknown, news: Record<string, unknown>) {
  const result = checkInputs(declarationGuardInputs, news);
  if (result.failures.length > 0) return result as { inputs: DeclarationGuardInputs; failures: CheckFailure[] };
  const previous = (olds as { objects?: unknown } | undefined)?.objects;
  const refused = refusal(typeof previous === "number" ? previous : undefined, result.inputs as DeclarationGuardInputs);
  return { inputs: result.inputs as DeclarationGuardInputs, failures: refused ? [{ property: "objects", reason: refused }] : [] };
}

export async function diff(): Promise<pulumi.dynamic.DiffResult> {
  return { changes: false };
}

export async function create(_config: ConfigSource | undefined, inputs: DeclarationGuardInputs) {
  return { id: "declaration", outs: inputs };
}

export async function read(_config: ConfigSource | undefined, id: string, props: DeclarationGuardInputs) {
  return { id, props };
}

export async function update(_config: ConfigSource | undefined, _id: string, _olds: DeclarationGuardInputs, news: DeclarationGuardInputs) {
  return { outs: news };
}

export async function remove(): Promise<void> {
  // Nothing to delete: the guard is the stack's own bookkeeping.
}
