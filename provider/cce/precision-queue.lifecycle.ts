/**
 * What `PrecisionQueue` does at each step of its life. Runs in the provider process only.
 *
 * Forms: the user may name attributes by name or by id and write values as numbers,
 * booleans or text. Live steps are always given back in the form the declaration (or the
 * state) used at the same position, so a converged queue shows no diff and a drifted one
 * shows exactly the field that moved.
 */
import { stateId } from "../core/path-segment";
import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, CheckFailure, containsUnknown } from "../core/check";
import { sameValue } from "../core/diff";
import { conflictError, isApiError, isTransportError, notFoundError, validationError } from "../core/errors";
import { freshRead, GATHER_MS } from "../core/fresh-read";
import { guarded } from "../core/guarded";
import { CceClient, connectCce } from "./client";
import { CceConnection, portalKey, resolveCceConnection } from "./connection";
import {
  AdoptedPrecisionQueue,
  MANAGED_FIELDS,
  ManagedField,
  precisionQueueInputs,
  PrecisionQueueInputs,
  PrecisionQueueOutputs,
  PrecisionQueueStepInput,
  PrecisionQueueTermInput,
} from "./precision-queue";
import {
  ATTRIBUTE_RELATIONS,
  ATTRIBUTE_TYPES,
  getPrecisionQueue,
  listPrecisionQueues,
  PqStepRecord,
  PqTermRecord,
  PrecisionQueueRecord,
  updatePrecisionQueue,
} from "./precision-queues-api";
import { AttributeDefinition as AttributeRecord, attributeDefinitions } from "./agent-attributes-api";
import type { ConfigSource } from "../core/connection";

/** What a lifecycle reads its connection from: the provider's config, as configure() gave it. */
type Config = ConfigSource | undefined;
type ManagedValues = Partial<Pick<PrecisionQueueInputs, ManagedField>>;

const RELATION_NAMES = Object.fromEntries(Object.entries(ATTRIBUTE_RELATIONS).map(([name, code]) => [code, name])) as Record<
  number,
  PrecisionQueueTermInput["relation"]
>;
const TERM_RELATIONS = { and: 1, or: 2 } as const;
const CONNECTORS: Record<number, "and" | "or"> = { 1: "and", 2: "or" };

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function findAttribute(attributes: AttributeRecord[], ref: string | number): AttributeRecord | undefined {
  return typeof ref === "number" ? attributes.find((a) => a.id === ref) : attributes.find((a) => sameName(a.name, ref));
}

const usesAttributeNames = (steps: PrecisionQueueStepInput[] | undefined) =>
  !!steps?.some((step) => step.terms.some((term) => typeof term.attribute === "string"));

// ---------------------------------------------------------------------------------------
// Between the declaration's form and the wire's.

/** A live value in the form `form` (a declared value of the same term), else by data type. */
function valueInForm(value1: string, dataType: string, form: unknown): string | number | boolean {
  const kind =
    form !== undefined
      ? typeof form
      : dataType === ATTRIBUTE_TYPES.boolean
        ? "boolean"
        : dataType === ATTRIBUTE_TYPES.proficiency || dataType === ATTRIBUTE_TYPES.integer
          ? "number"
          : "string";
  if (kind === "boolean" && (value1 === "true" || value1 === "false")) return value1 === "true";
  if (kind === "number" && /^-?\d+$/.test(value1)) return Number(value1);
  // A live value that does not fit the declared form is shown as the portal holds it.
  return value1;
}

function termInForm(term: PqTermRecord, t: number, declared: PrecisionQueueTermInput | undefined): PrecisionQueueTermInput {
  let attribute: string | number = term.attributeName || term.attributeId;
  if (typeof declared?.attribute === "number") attribute = term.attributeId;
  else if (typeof declared?.attribute === "string" && sameName(declared.attribute, term.attributeName)) attribute = declared.attribute;
  const connector = CONNECTORS[term.termRelation];
  return {
    attribute,
    relation: RELATION_NAMES[term.attributeRelation] ?? (String(term.attributeRelation) as never),
    value: valueInForm(term.value1, term.attributeDataType, declared?.value),
    // The first term carries none on the wire; a connector there would be the portal's oddity, so it is shown.
    ...(connector && (t > 0 || term.termRelation !== 0) ? { connector } : {}),
    parenCount: term.parenCount,
  };
}

function stepsInForm(live: PqStepRecord[], declared: PrecisionQueueStepInput[] | undefined): PrecisionQueueStepInput[] {
  return live.map((step, s) => ({
    terms: step.terms.map((term, t) => termInForm(term, t, declared?.[s]?.terms?.[t])),
    waitTime: step.waitTime,
    agentCount: step.agentCount,
    considerIf: step.considerIf,
  }));
}

/** The live values of the fields `declared` manages, in `declared`'s forms. */
function managedInForm(live: PrecisionQueueRecord, declared: ManagedValues): ManagedValues {
  const out: ManagedValues = {};
  for (const field of MANAGED_FIELDS) {
    if (declared[field] === undefined) continue;
    if (field === "steps") out.steps = stepsInForm(live.steps, declared.steps);
    else (out as Record<string, unknown>)[field] = live[field];
  }
  return out;
}

function snapshotOf(live: PrecisionQueueRecord): AdoptedPrecisionQueue {
  return {
    queueId: live.id,
    name: live.name,
    changeStamp: live.changeStamp,
    description: live.description,
    agentOrdering: live.agentOrdering,
    callOrdering: live.callOrdering,
    serviceLevelThreshold: live.serviceLevelThreshold,
    serviceLevelType: live.serviceLevelType,
    // By id, so a restore does not depend on attribute names staying the same.
    steps: live.steps.map((step) => ({
      ...step,
      terms: step.terms.map((term, t) => ({ ...termInForm(term, t, undefined), attribute: term.attributeId })),
    })),
  };
}

/** Declared steps on the wire, attribute names resolved to ids. */
async function wireSteps(
  steps: PrecisionQueueStepInput[],
  resolve: () => Promise<AttributeRecord[]>,
  reread: () => Promise<AttributeRecord[]>,
): Promise<PqStepRecord[]> {
  let attributes = usesAttributeNames(steps) ? await resolve() : [];
  const missing = () =>
    steps.flatMap((step) => step.terms).some((term) => typeof term.attribute === "string" && !findAttribute(attributes, term.attribute));
  if (missing()) attributes = await reread();
  return steps.map((step, s) => ({
    waitTime: step.waitTime ?? 0,
    agentCount: step.agentCount ?? 0,
    considerIf: step.considerIf ?? "",
    terms: step.terms.map((term, t) => {
      const found = typeof term.attribute === "string" ? findAttribute(attributes, term.attribute) : undefined;
      if (typeof term.attribute === "string" && !found) {
        throw validationError(`steps.${s}.terms.${t}.attribute`, `must name an attribute of this tenant (${namesOf(attributes)})`, term.attribute);
      }
      return {
        attributeId: found ? found.id : (term.attribute as number),
        attributeName: found?.name ?? "",
        attributeDataType: found?.dataType ?? "",
        attributeRelation: ATTRIBUTE_RELATIONS[term.relation],
        value1: String(term.value),
        termRelation: term.connector ? TERM_RELATIONS[term.connector] : 0,
        parenCount: term.parenCount ?? 0,
      };
    }),
  }));
}

const namesOf = (attributes: AttributeRecord[]) => attributes.map((a) => a.name).join(", ") || "none";

/** The queue as it should be: `live` with the managed fields of `declared` put in. */
async function desiredQueue(
  connection: CceConnection,
  live: PrecisionQueueRecord,
  declared: ManagedValues,
): Promise<PrecisionQueueRecord> {
  const desired: PrecisionQueueRecord = { ...live };
  for (const field of MANAGED_FIELDS) {
    if (field === "steps" || declared[field] === undefined) continue;
    (desired as unknown as Record<string, unknown>)[field] = declared[field];
  }
  if (declared.steps) {
    desired.steps = await wireSteps(
      declared.steps,
      // One read per process and portal, shared with AgentAttribute; a name not found is read once more.
      () => attributeDefinitions(connection),
      () => attributeDefinitions(connection, true),
    );
  }
  return desired;
}

/** Whether two queues hold the same values in every field an update writes. */
function sameContent(a: PrecisionQueueRecord, b: PrecisionQueueRecord): boolean {
  const wire = (q: PrecisionQueueRecord) => ({
    name: q.name,
    description: q.description,
    agentOrdering: q.agentOrdering,
    callOrdering: q.callOrdering,
    serviceLevelThreshold: q.serviceLevelThreshold,
    serviceLevelType: q.serviceLevelType,
    steps: q.steps.map((step) => ({
      waitTime: step.waitTime,
      agentCount: step.agentCount,
      considerIf: step.considerIf,
      terms: step.terms.map(({ attributeId, attributeRelation, value1, termRelation, parenCount }) => ({
        attributeId,
        attributeRelation,
        value1,
        termRelation,
        parenCount,
      })),
    })),
  });
  return sameValue(wire(a), wire(b));
}

// ---------------------------------------------------------------------------------------
// Conflicts.

const show = (value: unknown) => (value === undefined ? "nothing" : JSON.stringify(value));

/**
 * The queue changed since `state` was written: never overwrite it, say what moved and how
 * to go on. `state` holds the managed fields in their declared forms.
 */
function conflict(
  live: PrecisionQueueRecord,
  state: ManagedValues & { changeStamp: number },
  doing: string,
  then: string,
): Error {
  const portal = managedInForm(live, state);
  const fields = MANAGED_FIELDS.filter((f) => state[f] !== undefined && !sameValue(canonical(f, state[f]), canonical(f, portal[f])));
  const differences =
    fields.length > 0
      ? `Fields that differ (state, then portal): ${fields.map((f) => `${f}: ${show(state[f])} in the state, ${show(portal[f])} in the portal`).join("; ")}.`
      : "No field this resource manages differs: the change is in fields it does not manage.";
  return conflictError(
    `Precision queue '${live.name}' (id ${live.id}) was changed outside Pulumi since it was last read: ` +
      `the state has changeStamp ${state.changeStamp}, the portal has changeStamp ${live.changeStamp}. ${differences} ` +
      `Nothing was written, so that change is not overwritten; ${doing} was stopped. To accept the portal's version, ` +
      `run \`pulumi refresh\` (or \`pulumi up --refresh\`), review what it shows, then ${then}.`,
  );
}

/**
 * Writes `desired` (which carries the stamp of `live`) unless the queue already holds it,
 * and returns the queue as read back (its new changeStamp is the portal's to give; with
 * `readBack: false`, for a caller that keeps nothing, `desired` instead). A refusal or a lost
 * answer is checked against a fresh read: a stamp that moved under us is a conflict, not a
 * failure to retry.
 */
async function write(
  cce: CceClient,
  live: PrecisionQueueRecord,
  desired: PrecisionQueueRecord,
  state: ManagedValues & { changeStamp: number },
  doing: string,
  then: string,
  readBack = true,
): Promise<PrecisionQueueRecord> {
  if (sameContent(live, desired)) return live;
  try {
    await updatePrecisionQueue(cce, { ...desired, changeStamp: live.changeStamp });
  } catch (error) {
    const lostAnswer = isTransportError(error) && error.ambiguous;
    if (lostAnswer || (isApiError(error) && error.constant === "UPDATE_PQ_FAILED")) {
      const now = await getPrecisionQueue(cce, live.id);
      // Committed, and only the answer was lost.
      if (lostAnswer && now && now.changeStamp !== live.changeStamp && sameContent(now, desired)) return now;
      if (now && now.changeStamp !== live.changeStamp) throw conflict(now, state, doing, then);
    }
    throw error;
  }
  if (!readBack) return desired;
  return (await getPrecisionQueue(cce, live.id)) ?? { ...desired, changeStamp: live.changeStamp + 1 };
}

function canonical(field: string, value: unknown): unknown {
  if (field !== "steps" || !Array.isArray(value)) return value;
  return (value as PrecisionQueueStepInput[]).map((step) => ({
    waitTime: step.waitTime ?? 0,
    agentCount: step.agentCount ?? 0,
    considerIf: step.considerIf ?? "",
    terms: (step.terms ?? []).map((term) => ({
      attribute: typeof term.attribute === "string" ? term.attribute.toLowerCase() : term.attribute,
      relation: term.relation,
      value: String(term.value),
      connector: term.connector,
      parenCount: term.parenCount ?? 0,
    })),
  }));
}

function outputs(inputs: PrecisionQueueInputs, live: PrecisionQueueRecord, adopted: AdoptedPrecisionQueue): PrecisionQueueOutputs {
  return {
    ...inputs,
    ...managedInForm(live, inputs),
    queueId: live.id,
    name: live.name,
    changeStamp: live.changeStamp,
    adopted,
  };
}

/** The managed fields (and their stamp) a state holds. */
function stateOf(olds: PrecisionQueueOutputs): ManagedValues & { changeStamp: number } {
  const state: ManagedValues & { changeStamp: number } = { changeStamp: olds.changeStamp };
  for (const field of MANAGED_FIELDS) if (olds[field] !== undefined) (state as Record<string, unknown>)[field] = olds[field];
  return state;
}

/** "<what> was not found. <hint>" */
function notFound(what: string, hint: string): Error {
  const error = notFoundError(what);
  error.message += `. ${hint}`;
  return error;
}

// ---------------------------------------------------------------------------------------
// The steps.

/**
 * Validates the inputs. When the connection is configured, attribute references are also
 * checked against the tenant's definitions (one read per process): unknown names and ids,
 * proficiency values outside 1 to 10, boolean values other than true and false.
 */
export async function check(config: Config, olds: unknown, news: Record<string, unknown>) {
  const result = checkInputs(precisionQueueInputs, news) as { inputs: PrecisionQueueInputs; failures: CheckFailure[] };
  const steps = result.inputs.steps;
  if (result.failures.length > 0 || !steps || containsUnknown(news.steps)) return result;
  // Steps equal to the state's were checked against the tenant's attributes when they were
  // written: no call for them (a no-op preview makes none).
  if (sameValue((olds as Partial<PrecisionQueueInputs> | undefined)?.steps, steps)) return result;
  let connection: CceConnection;
  try {
    connection = resolveCceConnection(config);
  } catch {
    // No connection here (e.g. a check run without config): the static rules still apply.
    return result;
  }
  const attributes = await guarded(() => attributeDefinitions(connection));
  return { ...result, failures: attributeFailures(steps, attributes) };
}

function attributeFailures(steps: PrecisionQueueStepInput[], attributes: AttributeRecord[]): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const fail = (property: string, rule: string, value: unknown) =>
    failures.push({ property, reason: `${property} ${rule}, got ${JSON.stringify(value)}` });
  steps.forEach((step, s) =>
    step.terms.forEach((term, t) => {
      const at = `steps.${s}.terms.${t}`;
      const attribute = findAttribute(attributes, term.attribute);
      if (!attribute) {
        const rule = typeof term.attribute === "number" ? "must be the id of an attribute of this tenant" : "must name an attribute of this tenant";
        return fail(`${at}.attribute`, `${rule} (${attributes.map((a) => `${a.name} = ${a.id}`).join(", ") || "none"})`, term.attribute);
      }
      const value = String(term.value);
      if (attribute.dataType === ATTRIBUTE_TYPES.proficiency && !(/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 10)) {
        fail(`${at}.value`, `must be a whole number from 1 to 10 (${attribute.name} is a proficiency attribute)`, term.value);
      }
      if (attribute.dataType === ATTRIBUTE_TYPES.integer && !/^-?\d+$/.test(value)) {
        fail(`${at}.value`, `must be a whole number (${attribute.name} is an integer attribute)`, term.value);
      }
      if (attribute.dataType === ATTRIBUTE_TYPES.boolean) {
        if (value !== "true" && value !== "false") fail(`${at}.value`, `must be true or false (${attribute.name} is a boolean attribute)`, term.value);
        if (term.relation !== "==" && term.relation !== "!=") {
          fail(`${at}.relation`, `must be "==" or "!=" (${attribute.name} is a boolean attribute)`, term.relation);
        }
      }
    }),
  );
  return failures;
}

/** The declared identity: the queue name, or the queue id. */
function identityOf(values: { queueName?: string; queueId?: number }) {
  return values.queueName !== undefined ? { queueName: values.queueName } : { queueId: values.queueId };
}

export async function diff(_id: string, olds: PrecisionQueueOutputs, news: PrecisionQueueInputs): Promise<pulumi.dynamic.DiffResult> {
  const replaces: string[] = [];
  // Another queue is another resource; the same queue named another way is not.
  if (news.queueId !== undefined && news.queueId !== olds.queueId) replaces.push("queueId");
  if (news.queueName !== undefined && !(typeof news.queueName === "string" && sameName(news.queueName, olds.queueName ?? olds.name ?? ""))) {
    replaces.push("queueName");
  }
  const changed = MANAGED_FIELDS.filter((f) => !sameValue(canonical(f, olds[f]), canonical(f, news[f])));
  const stateOnly =
    !sameValue(identityOf(olds.queueName !== undefined ? olds : { queueId: olds.queueId }), identityOf(news)) ||
    (olds.restoreOnDelete ?? false) !== (news.restoreOnDelete ?? false);
  return { changes: replaces.length > 0 || changed.length > 0 || stateOnly, replaces };
}

/** Finds the queue to adopt, or explains that it cannot be created. */
async function findQueue(cce: CceClient, connection: CceConnection, inputs: PrecisionQueueInputs): Promise<PrecisionQueueRecord> {
  const cannotCreate = "The CCE portal API cannot create precision queues: create it in the portal, then adopt it by queueName or queueId.";
  if (inputs.queueId !== undefined) {
    const found = await getPrecisionQueue(cce, inputs.queueId);
    if (!found) throw notFound(`Precision queue with id ${inputs.queueId} in this tenant`, cannotCreate);
    return found;
  }
  const name = inputs.queueName!;
  // A list begun after this call, shared by the queues adopted together; the queue itself is read by id.
  const listed = await freshRead(`cce-precision-queues|${portalKey(connection)}`, () => listPrecisionQueues(cce), GATHER_MS);
  const match = listed.find((q) => q.name === name) ?? listed.find((q) => sameName(q.name, name));
  const found = match && (await getPrecisionQueue(cce, match.id));
  if (!found) {
    const known = listed.map((q) => `${q.name} (${q.id})`).join(", ") || "none";
    throw notFound(`Precision queue named '${name}' in this tenant`, `${cannotCreate} The tenant's queues: ${known}.`);
  }
  return found;
}

export async function create(config: Config, inputs: PrecisionQueueInputs) {
  return guarded(async () => {
    const { cce, connection } = connectCce(config);
    const live = await findQueue(cce, connection, inputs);
    const adopted = snapshotOf(live);
    const desired = await desiredQueue(connection, live, inputs);
    // What was just read is the base: a change between that read and our write is a conflict too.
    const base = { ...managedInForm(live, inputs), changeStamp: live.changeStamp };
    const final = await write(cce, live, desired, base, "adopting it", "run `pulumi up` again");
    return { id: String(final.id), outs: outputs(inputs, final, adopted) };
  });
}

export async function read(config: Config, id: string, props: PrecisionQueueOutputs) {
  return guarded(async () => {
    const live = await getPrecisionQueue(connectCce(config).cce, stateId(id, "precision queue"));
    // Gone: an empty id makes the engine drop it from the state.
    if (!live) return { id: "" };
    const liveFields = managedInForm(live, props);
    return {
      id,
      props: { ...props, ...liveFields, queueId: live.id, name: live.name, changeStamp: live.changeStamp },
      // Live values as inputs too: the engine renders a plan from old and new inputs, so
      // this is what makes `preview` after a refresh say which field drifted and how.
      inputs: {
        ...identityOf(props.queueName !== undefined ? props : { queueId: live.id }),
        restoreOnDelete: props.restoreOnDelete ?? false,
        ...liveFields,
      },
    };
  });
}

export async function update(config: Config, id: string, olds: PrecisionQueueOutputs, news: PrecisionQueueInputs) {
  return guarded(async () => {
    const { cce, connection } = connectCce(config);
    const live = await getPrecisionQueue(cce, stateId(id, "precision queue"));
    if (!live) {
      throw notFound(
        `Precision queue '${olds.name}' (id ${id})`,
        "It was deleted outside Pulumi: run `pulumi refresh` to drop it from the stack.",
      );
    }
    const state = stateOf(olds);
    const then = "run `pulumi up` to apply your declaration over it";
    if (live.changeStamp !== olds.changeStamp) throw conflict(live, state, "the update", then);
    const desired = await desiredQueue(connection, live, news);
    const final = await write(cce, live, desired, state, "the update", then);
    return { outs: outputs(news, final, olds.adopted) };
  });
}

/**
 * Releases the queue (no API call: the portal has no delete). With restoreOnDelete, the
 * fields this resource manages are set back to the adopted values first; fields it does
 * not manage are left as they are, so nobody else's later change is undone.
 */
export async function remove(config: Config, id: string, props: PrecisionQueueOutputs) {
  if (!props.restoreOnDelete) return;
  await guarded(async () => {
    const { cce, connection } = connectCce(config);
    const live = await getPrecisionQueue(cce, stateId(id, "precision queue"));
    if (!live) return; // Gone: nothing to restore.
    const state = stateOf(props);
    const then = "run the delete (`pulumi destroy` or `pulumi up`) again, or set restoreOnDelete: false to release the queue as it is";
    if (live.changeStamp !== props.changeStamp) throw conflict(live, state, "restoring it on delete", then);
    const restore: ManagedValues = {};
    for (const field of MANAGED_FIELDS) {
      if (props[field] !== undefined) (restore as Record<string, unknown>)[field] = props.adopted[field];
    }
    const desired = await desiredQueue(connection, live, restore);
    // Released from the stack: nothing keeps the new stamp, so no read back.
    await write(cce, live, desired, state, "restoring it on delete", then, false);
  });
}

