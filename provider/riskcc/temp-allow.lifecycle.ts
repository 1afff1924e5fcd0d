/**
 * What `TempAllow` does at each step of its life. Runs in the provider process only.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CheckFailure, checkInputs, containsUnknown } from "../core/check";
import { diffFields } from "../core/diff";
import { guarded } from "../core/guarded";
import { RiskCcClient, TempAllowGrant, isUnknownCustomer } from "./client";
import { resolveRiskCcConnection } from "./connection";
import { tempAllowInputs, TempAllowInputs, TempAllowOutputs } from "./temp-allow";
import { parseDateTime } from "./wire";
import type { ConfigSource } from "../core/connection";

/** What a lifecycle reads its connection from: the provider's config, as configure() gave it. */
type Config = ConfigSource | undefined;

const MANAGED_FIELDS = ["customerId", "tempAllowType", "expirationDate", "format"] as const;
const REPLACE_ON = ["customerId"];

function client(config: Config): RiskCcClient {
  return new RiskCcClient(resolveRiskCcConnection(config));
}

function grantOf(inputs: TempAllowInputs): TempAllowGrant {
  return { tempAllowType: inputs.tempAllowType, expirationDate: inputs.expirationDate };
}

async function provision(config: Config, inputs: TempAllowInputs): Promise<TempAllowOutputs> {
  await client(config).provision(inputs.customerId, grantOf(inputs), inputs.format);
  return { ...inputs, provisionedAt: new Date().toISOString() };
}

/**
 * The schema's rules, and one that needs the clock: an expiration being set or changed
 * must lie in the future. An unchanged expiration of the same customer that has since
 * passed is accepted: the allow simply ran out, and refusing it would make every later
 * preview of the stack fail until someone edits a date that needs no call.
 */
export async function check(_config: Config, olds: unknown, news: Record<string, unknown>, now: number = Date.now()) {
  const result = checkInputs(tempAllowInputs, news) as { inputs: TempAllowInputs; failures: CheckFailure[] };
  const expirationDate = news.expirationDate;
  if (result.failures.length > 0 || typeof expirationDate !== "string" || containsUnknown(expirationDate)) return result;
  const parsed = parseDateTime(expirationDate);
  if (!parsed.ok) return result; // not reached: the schema refuses it first
  const previous = (olds ?? {}) as Partial<TempAllowInputs>;
  const unchanged = previous.expirationDate === expirationDate && previous.customerId === news.customerId;
  if (parsed.epochMs <= now && !unchanged) {
    const rule = `must be later than now (${new Date(now).toISOString()}): an allow that has already expired grants nothing`;
    return { inputs: news as TempAllowInputs, failures: [{ property: "expirationDate", reason: `expirationDate ${rule}, got ${JSON.stringify(expirationDate)}` }] };
  }
  return result;
}

export async function diff(_id: string, olds: TempAllowOutputs, news: TempAllowInputs): Promise<pulumi.dynamic.DiffResult> {
  const { changed, replaces } = diffFields(olds as never, news as never, MANAGED_FIELDS, REPLACE_ON);
  // The new customer's allow is set before the old one is revoked: they do not collide.
  return { changes: changed.length > 0, replaces };
}

export async function create(config: Config, inputs: TempAllowInputs) {
  return guarded(async () => ({ id: inputs.customerId, outs: await provision(config, inputs) }));
}

/**
 * risk-cc has no read call: what was provisioned cannot be fetched. The state is returned
 * as it is, so `refresh` never reports drift, and a change made outside Pulumi (another
 * PUT, an allow revoked by hand) stays invisible until the next `up` that changes an input.
 */
export async function read(_config: Config, id: string, props: TempAllowOutputs) {
  const declared = Object.fromEntries(MANAGED_FIELDS.map((field) => [field, props[field]])) as TempAllowInputs;
  return { id, props, inputs: declared };
}

/** A PUT with the new values. A format change alone is sent too: it is how a user checks the new format works. */
export async function update(config: Config, _id: string, _olds: TempAllowOutputs, news: TempAllowInputs) {
  return guarded(async () => ({ outs: await provision(config, news) }));
}

/**
 * No delete call: the allow is revoked by provisioning its level with an expiration of now.
 * A customer that no longer exists has no allow left to revoke: already gone, all is well.
 */
export async function remove(config: Config, id: string, props: TempAllowOutputs) {
  return guarded(async () => {
    const revoke = { tempAllowType: props.tempAllowType, expirationDate: new Date().toISOString() };
    try {
      await client(config).provision(props.customerId ?? id, revoke, props.format ?? "json");
    } catch (error) {
      if (isUnknownCustomer(error)) return;
      throw error;
    }
  });
}
