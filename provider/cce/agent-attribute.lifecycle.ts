/**
 * What `AgentAttribute` does at each step of its life. Runs in the provider process only.
 * create saves the value unless the agent already holds it (then it is adopted, no write);
 * update saves it; read reports the held value; delete removes it from the agent.
 */
import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, containsUnknown } from "../core/check";
import { notFoundError } from "../core/errors";
import { guarded } from "../core/guarded";
import { sharedRead } from "../core/shared-read";
import { CceClient } from "./client";
import { CceConnection, resolveCceConnection } from "./connection";
import { agentAttributeInputs, AgentAttributeInputs, AgentAttributeOutputs } from "./agent-attribute";
import {
  AgentRecord,
  ATTRIBUTE_DATA_TYPES,
  AttributeDefinition,
  listAgents,
  listAttributes,
  removeAttributeFromAgent,
  saveAttributeToAgent,
  attributeDefinitions,
} from "./agent-attributes-api";

type Failure = { property: string; reason: string };
type Value = AgentAttributeInputs["value"];

const definitionsFor = (connection: CceConnection) => attributeDefinitions(connection);

function findAttribute(all: AttributeDefinition[], wanted: string | number): AttributeDefinition | undefined {
  return typeof wanted === "number" ? all.find((a) => a.id === wanted) : all.find((a) => a.name.toLowerCase() === wanted.toLowerCase());
}

const dataTypeName = (attribute: AttributeDefinition) => ATTRIBUTE_DATA_TYPES[attribute.dataType] ?? attribute.dataType;

/**
 * The value in the form its data type has (a number for a proficiency, a boolean for a
 * boolean), or a reason it does not fit.
 */
export function valueFor(attribute: AttributeDefinition, value: Value): { value: Value } | { reason: string } {
  const text = String(value).trim();
  switch (ATTRIBUTE_DATA_TYPES[attribute.dataType]) {
    case "proficiency":
      return /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 10
        ? { value: Number(text) }
        : { reason: `value must be 1 to 10: ${attribute.name} is a proficiency attribute, got ${JSON.stringify(value)}` };
    case "boolean":
      return text === "true" || text === "false"
        ? { value: text === "true" }
        : { reason: `value must be true or false: ${attribute.name} is a boolean attribute, got ${JSON.stringify(value)}` };
    default:
      return { value: text };
  }
}

export async function check(config: pulumi.dynamic.Config | undefined, olds: unknown, news: Record<string, unknown>) {
  const result = checkInputs(agentAttributeInputs, news);
  if (result.failures.length > 0 || containsUnknown(news.attribute) || containsUnknown(news.value)) {
    return result as { inputs: AgentAttributeInputs; failures: Failure[] };
  }
  const inputs = result.inputs as AgentAttributeInputs;
  // The same attribute and value as in the state were checked against the tenant when they
  // were written: take them as they are, without a call (a no-op preview makes none).
  const previous = olds as Partial<AgentAttributeInputs> | undefined;
  if (previous?.attribute === inputs.attribute && previous.value !== undefined && String(previous.value) === String(inputs.value)) {
    return { inputs: { ...inputs, value: previous.value }, failures: [] as Failure[] };
  }
  let all: AttributeDefinition[];
  try {
    all = await definitionsFor(resolveCceConnection(config));
  } catch {
    // No connection or no answer: the static checks stand; create reports what the portal says.
    return { inputs, failures: [] };
  }
  const attribute = findAttribute(all, inputs.attribute);
  if (!attribute) {
    const known = all.map((a) => `${a.name} (${a.id})`).join(", ");
    return { inputs, failures: [{ property: "attribute", reason: `attribute must name an attribute of the tenant (${known}), got ${JSON.stringify(inputs.attribute)}` }] };
  }
  const fitted = valueFor(attribute, inputs.value);
  if ("reason" in fitted) return { inputs, failures: [{ property: "value", reason: fitted.reason }] };
  return { inputs: { ...inputs, value: fitted.value }, failures: [] as Failure[] };
}

/** Whether the declared agent (login name or idProgramUser) is the one in the state. */
function sameAgent(olds: AgentAttributeOutputs, agent: string | number): boolean {
  return typeof agent === "number" ? agent === olds.agentIdProgramUser : agent.toLowerCase() === olds.agentLoginName?.toLowerCase();
}

function sameAttribute(olds: AgentAttributeOutputs, attribute: string | number): boolean {
  return typeof attribute === "number" ? attribute === olds.attributeId : attribute.toLowerCase() === olds.attributeName?.toLowerCase();
}

export async function diff(_id: string, olds: AgentAttributeOutputs, news: AgentAttributeInputs): Promise<pulumi.dynamic.DiffResult> {
  const replaces = [
    ...(sameAgent(olds, news.agent) ? [] : ["agent"]),
    ...(sameAttribute(olds, news.attribute) ? [] : ["attribute"]),
  ];
  const changes = replaces.length > 0 || String(olds.value) !== String(news.value) || olds.agent !== news.agent || olds.attribute !== news.attribute;
  return { changes, replaces, deleteBeforeReplace: false };
}

async function resolve(connection: CceConnection, inputs: AgentAttributeInputs): Promise<{ agent: AgentRecord; attribute: AttributeDefinition }> {
  // Agents afresh (one may have been cloned a moment ago); definitions from the process's
  // cache (the API cannot create attributes), read again only for a name not found there.
  const [agents, kept] = await Promise.all([listAgents(new CceClient(connection)), attributeDefinitions(connection)]);
  const attributes = findAttribute(kept, inputs.attribute) ? kept : await attributeDefinitions(connection, true);
  const wanted = inputs.agent;
  const agent =
    typeof wanted === "number" ? agents.find((a) => a.idProgramUser === wanted) : agents.find((a) => a.loginNm.toLowerCase() === wanted.toLowerCase());
  if (!agent) {
    const error = notFoundError(`Agent ${JSON.stringify(wanted)}`);
    error.message += " among the tenant's agents and supervisors (getAllAgents)";
    throw error;
  }
  const attribute = findAttribute(attributes, inputs.attribute);
  if (!attribute) throw notFoundError(`Attribute ${JSON.stringify(inputs.attribute)}`);
  return { agent, attribute };
}

function outputsOf(inputs: AgentAttributeInputs, agent: AgentRecord, attribute: AttributeDefinition, value: Value): AgentAttributeOutputs {
  return {
    ...inputs,
    value,
    agentIdProgramUser: agent.idProgramUser,
    agentLoginName: agent.loginNm,
    agentSkillTargetId: agent.skillTargetId,
    attributeId: attribute.id,
    attributeName: attribute.name,
    dataType: dataTypeName(attribute),
  };
}

/**
 * Whether the agent already holds the attribute with this value, compared as the portal stores
 * values: as text (`"8"`, `"true"`), the text a save would send.
 */
export function holdsValue(agent: AgentRecord, attribute: AttributeDefinition, value: Value): boolean {
  return agent.attributes.get(attribute.id) === String(value);
}

/**
 * Assigns the value. With `unlessHeld`, an agent already holding it is left alone: adopting an
 * attribute the tenant already has writes nothing.
 */
async function save(config: pulumi.dynamic.Config | undefined, inputs: AgentAttributeInputs, options: { unlessHeld?: boolean } = {}) {
  const connection = resolveCceConnection(config);
  const cce = new CceClient(connection);
  // The agents list carries the attributes each agent holds: no extra read to know.
  const { agent, attribute } = await resolve(connection, inputs);
  const fitted = valueFor(attribute, inputs.value);
  if ("reason" in fitted) throw new Error(fitted.reason);
  if (!(options.unlessHeld && holdsValue(agent, attribute, fitted.value))) await saveAttributeToAgent(cce, agent, attribute, String(fitted.value));
  return { agent, attribute, value: fitted.value };
}

export async function create(config: pulumi.dynamic.Config | undefined, inputs: AgentAttributeInputs) {
  return guarded(async () => {
    const { agent, attribute, value } = await save(config, inputs, { unlessHeld: true });
    return { id: `${agent.idProgramUser}/${attribute.id}`, outs: outputsOf(inputs, agent, attribute, value) };
  });
}

export async function read(config: pulumi.dynamic.Config | undefined, id: string, props: AgentAttributeOutputs) {
  return guarded(async () => {
    const [idProgramUser, attributeId] = id.split("/").map(Number);
    const connection = resolveCceConnection(config);
    const cce = new CceClient(connection);
    // Every attribute of every agent is in these two lists: a refresh reads them once, not per attribute.
    const portal = `${connection.url}|${connection.username}|${connection.tenantId ?? ""}`;
    const [agents, attributes] = await Promise.all([
      sharedRead(`cce-agents|${portal}`, () => listAgents(cce)),
      sharedRead(`cce-attributes|${portal}`, () => listAttributes(cce)),
    ]);
    const agent = agents.find((a) => a.idProgramUser === idProgramUser);
    const attribute = attributes.find((a) => a.id === attributeId);
    const held = agent?.attributes.get(attributeId);
    // The agent, the attribute or the assignment is gone: drop it, the next `up` assigns it again.
    if (!agent || !attribute || held === undefined) return { id: "" };
    const fitted = valueFor(attribute, held);
    const value = "value" in fitted ? fitted.value : held;
    return {
      id,
      props: outputsOf(props, agent, attribute, value),
      inputs: { agent: props.agent, attribute: props.attribute, value },
    };
  });
}

export async function update(config: pulumi.dynamic.Config | undefined, _id: string, _olds: AgentAttributeOutputs, news: AgentAttributeInputs) {
  return guarded(async () => {
    const { agent, attribute, value } = await save(config, news);
    return { outs: outputsOf(news, agent, attribute, value) };
  });
}

export async function remove(config: pulumi.dynamic.Config | undefined, id: string, _props: AgentAttributeOutputs) {
  return guarded(async () => {
    const [idProgramUser, attributeId] = id.split("/").map(Number);
    const cce = new CceClient(resolveCceConnection(config));
    const agent = (await listAgents(cce)).find((a) => a.idProgramUser === idProgramUser);
    // Already gone (the agent, or its attribute): all is well.
    if (!agent || !agent.attributes.has(attributeId)) return;
    await removeAttributeFromAgent(cce, agent, attributeId);
  });
}
