/**
 * What `AgentAttribute` does at each step of its life. Runs in the provider process only.
 * create saves the value unless the agent already holds it (then it is adopted, no write; an
 * agent this process cloned is written to without looking); update saves it; read reports the
 * held value; delete removes it from the agent.
 */
import { stateId } from "../core/path-segment";
import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, containsUnknown } from "../core/check";
import { conflictError, isApiError, notFoundError } from "../core/errors";
import { freshRead, GATHER_MS } from "../core/fresh-read";
import { guarded } from "../core/guarded";
import { identityRead, sharedRead } from "../core/shared-read";
import { clonedAgent, forgetClonedAgent } from "./cloned-agents";
import { CceClient, connectCce } from "./client";
import { CceConnection, portalKey, resolveCceConnection } from "./connection";
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
import type { ConfigSource } from "../core/connection";

type Failure = { property: string; reason: string };
type Value = AgentAttributeInputs["value"];

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

export async function check(config: ConfigSource | undefined, olds: unknown, news: Record<string, unknown>) {
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
    all = await attributeDefinitions(resolveCceConnection(config));
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

/**
 * The attribute's definition and the value in its data type's form. Definitions come from the
 * process's cache (the API cannot create attributes), read again only for a name not found there.
 */
async function definitionAndValue(connection: CceConnection, inputs: AgentAttributeInputs): Promise<{ attribute: AttributeDefinition; value: Value }> {
  const attribute = findAttribute(await attributeDefinitions(connection), inputs.attribute) ?? findAttribute(await attributeDefinitions(connection, true), inputs.attribute);
  if (!attribute) throw notFoundError(`Attribute ${JSON.stringify(inputs.attribute)}`);
  const fitted = valueFor(attribute, inputs.value);
  if ("reason" in fitted) throw new Error(fitted.reason);
  return { attribute, value: fitted.value };
}

/**
 * The agent with the attributes it holds now: from a list of every agent that began after this
 * call (an agent cloned a moment ago is in it), shared by the creates that ask meanwhile.
 */
async function freshAgent(connection: CceConnection, cce: CceClient, wanted: string | number): Promise<AgentRecord> {
  const agents = await freshRead(`cce-agents|${portalKey(connection)}`, () => listAgents(cce), GATHER_MS);
  const agent =
    typeof wanted === "number" ? agents.find((a) => a.idProgramUser === wanted) : agents.find((a) => a.loginNm.toLowerCase() === wanted.toLowerCase());
  if (!agent) {
    const error = notFoundError(`Agent ${JSON.stringify(wanted)}`);
    error.message += " among the tenant's agents and supervisors (getAllAgents)";
    throw error;
  }
  return agent;
}

/**
 * Writes the value to an agent known by its ids alone, without listing the agents: one this
 * process cloned, or the one in the state (ids never change). When the portal refuses, the agent
 * is looked up afresh: gone, it is not found; the same agent, the refusal stands; otherwise the
 * value is written to the agent found.
 */
async function saveToKnownAgent(connection: CceConnection, cce: CceClient, known: AgentRecord, attribute: AttributeDefinition, value: Value, wanted: string | number) {
  try {
    await saveAttributeToAgent(cce, known, attribute, String(value));
    return known;
  } catch (error) {
    if (!isApiError(error)) throw error;
    forgetClonedAgent(connection, known.idProgramUser);
    const agent = await freshAgent(connection, cce, wanted);
    if (agent.skillTargetId === known.skillTargetId) throw error;
    await saveAttributeToAgent(cce, agent, attribute, String(value));
    return agent;
  }
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

export async function create(config: ConfigSource | undefined, inputs: AgentAttributeInputs) {
  return guarded(async () => {
    const { connection, cce } = connectCce(config);
    const { attribute, value } = await definitionAndValue(connection, inputs);
    const cloned = clonedAgent(connection, inputs.agent);
    let agent: AgentRecord;
    if (cloned) {
      // Cloned by this process: its ids are known. Whatever it inherited from its template,
      // the write (idempotent) leaves the declared value.
      agent = await saveToKnownAgent(connection, cce, { ...cloned, attributes: new Map() }, attribute, value, inputs.agent);
    } else {
      // The agents list carries the attributes each agent holds: an agent already holding the
      // value is adopted, with no write.
      agent = await freshAgent(connection, cce, inputs.agent);
      if (!holdsValue(agent, attribute, value)) await saveAttributeToAgent(cce, agent, attribute, String(value));
    }
    return { id: `${agent.idProgramUser}/${attribute.id}`, outs: outputsOf(inputs, agent, attribute, value) };
  });
}

export async function read(config: ConfigSource | undefined, id: string, props: AgentAttributeOutputs) {
  return guarded(async () => {
    const [idProgramUser, attributeId] = id.split("/").map(Number);
    const { connection, cce } = connectCce(config);
    // Every attribute of every agent is in these two lists: a refresh reads them once, not per attribute.
    const portal = portalKey(connection);
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

export async function update(config: ConfigSource | undefined, _id: string, olds: AgentAttributeOutputs, news: AgentAttributeInputs) {
  return guarded(async () => {
    // The same agent and attribute named another way, with the same value: the state changes, the agent does not.
    if (sameAgent(olds, news.agent) && sameAttribute(olds, news.attribute) && String(olds.value) === String(news.value)) {
      return { outs: { ...olds, agent: news.agent, attribute: news.attribute } };
    }
    const { connection, cce } = connectCce(config);
    const { attribute, value } = await definitionAndValue(connection, news);
    let agent: AgentRecord;
    if (typeof olds.agentSkillTargetId === "number" && typeof olds.agentIdProgramUser === "number" && sameAgent(olds, news.agent)) {
      // The agent in the state, by its ids: no list of every agent for one write.
      const known = { skillTargetId: olds.agentSkillTargetId, idProgramUser: olds.agentIdProgramUser, loginNm: olds.agentLoginName, attributes: new Map<number, string>() };
      agent = await saveToKnownAgent(connection, cce, known, attribute, value, news.agent);
    } else {
      agent = await freshAgent(connection, cce, news.agent);
      await saveAttributeToAgent(cce, agent, attribute, String(value));
    }
    return { outs: outputsOf(news, agent, attribute, value) };
  });
}

export async function remove(config: ConfigSource | undefined, id: string, props: AgentAttributeOutputs) {
  return guarded(async () => {
    const [user, attribute] = id.split("/");
    const idProgramUser = stateId(user ?? "", "agent attribute's user");
    const attributeId = stateId(attribute ?? "", "agent attribute's attribute");
    const { connection, cce } = connectCce(config);
    // Read right before the removal (a list shared by the removals of a destroy, `identityRead`):
    // the agent must be the one the state names, and still hold the attribute.
    const key = `cce-agents|${portalKey(connection)}`;
    const freshAgents = () => freshRead(key, () => listAgents(cce), GATHER_MS);
    const holder = (agents: AgentRecord[]) => agents.find((a) => a.idProgramUser === idProgramUser && a.attributes.has(attributeId));
    // Not listed as holding it: a list that predates the attribute (saved since) must not pass for
    // "already gone", so that is asked afresh.
    const shared = await identityRead(key, () => listAgents(cce));
    const agent = holder(shared.list) ?? (shared.begunAfterCall ? undefined : holder(await freshAgents()));
    // Already gone (the agent, or its attribute): all is well.
    if (!agent) return;
    if (props.agentLoginName && agent.loginNm.toLowerCase() !== props.agentLoginName.toLowerCase()) {
      throw conflictError(
        `agent ${idProgramUser} is ${agent.loginNm} in the portal, not ${props.agentLoginName} as the state says: its attribute was not removed. ` +
          "Run `pulumi refresh` and check which agent this is",
      );
    }
    try {
      await removeAttributeFromAgent(cce, agent, attributeId);
    } catch (error) {
      // Refused: the shared list may predate a removal made since (by hand, or by a replace).
      // Gone by a list begun after the refusal: all is well.
      if (isApiError(error) && !holder(await freshAgents())) return;
      throw error;
    }
  });
}
