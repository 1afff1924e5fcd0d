/**
 * Typed calls of the portal's attribute service (seed 001, chapter 2): attribute
 * definitions, the agents with the attributes they hold, and assigning or removing one.
 * Agents are named on the wire by their ICM skill target id (docs/cce-wire-decisions.md).
 */
import { z } from "zod";
import { listOf, numberish, positiveId, textish } from "../core/answer";
import { CceClient } from "./client";
import { CceConnection, portalKey } from "./connection";
import { ProcessCache } from "../core/process-cache";

/** The document's data types: "4" Proficiency (1-10), "3" Boolean. */
export const ATTRIBUTE_DATA_TYPES: Record<string, "proficiency" | "boolean" | undefined> = { "4": "proficiency", "3": "boolean" };

export interface AttributeDefinition {
  id: number;
  name: string;
  description: string;
  dataType: string;
  defaultValue: string;
  changeStamp: number;
  refURL: string;
}

export interface AgentRecord {
  skillTargetId: number;
  idProgramUser: number;
  loginNm: string;
  /** Attribute id → value, as the portal holds it (text). */
  attributes: Map<number, string>;
}

/** The id at the end of an ICM refURL like `/unifiedconfig/config/attribute/5121`. */
export const idOfRefUrl = (refURL: string | undefined): number | undefined => {
  const id = Number(refURL?.split("/").pop());
  return Number.isInteger(id) && id > 0 ? id : undefined;
};

const attributeInfo = z
  .object({
    id: positiveId.nullish(),
    refURL: z.string().nullish(),
    name: z.string().min(1),
    description: z.string().nullish(),
    dataType: textish.nullish(),
    defaultValue: textish.nullish(),
    changeStamp: numberish.nullish(),
  })
  .refine((a) => (a.id ?? idOfRefUrl(a.refURL ?? undefined)) !== undefined, { message: "an attribute id (id, or a refURL ending in one)", path: ["id"] });

/** The tenant's attribute definitions, for agents' attributes and precision-queue terms alike. */
export async function listAttributes(client: CceClient): Promise<AttributeDefinition[]> {
  const body = await client.call("protected/attributes/getAllAttributes", { pageSize: 0, pageNumber: 1 }, { idempotent: true }, z.object({ attributes: listOf(attributeInfo) }));
  return body.attributes.map((a) => {
    const id = (a.id ?? idOfRefUrl(a.refURL ?? undefined))!;
    return {
      id,
      name: a.name,
      description: a.description ?? "",
      dataType: a.dataType ?? "",
      defaultValue: a.defaultValue ?? "",
      changeStamp: a.changeStamp ?? 0,
      refURL: a.refURL ?? `/unifiedconfig/config/attribute/${id}`,
    };
  });
}

/**
 * An agent as getAllAgents lists it. The document's AgentInfo has only `attributes`; the
 * identity fields are our reading (docs/cce-wire-decisions.md) and required: an agent the
 * provider cannot identify is never written to.
 */
const agentInfo = z.object({
  skillTargetId: positiveId,
  idProgramUser: positiveId,
  loginNm: z.string().min(1),
  attributes: listOf(z.object({ attribute: z.object({ name: z.string().nullish(), refURL: z.string().nullish() }).nullish(), attributeValue: textish.nullish() })),
});

export async function listAgents(client: CceClient): Promise<AgentRecord[]> {
  const body = await client.call(
    "protected/attributes/getAllAgents",
    { platformId: null, filterByUserType: ["A", "S"] },
    { idempotent: true },
    z.object({ agents: listOf(agentInfo) }),
  );
  return body.agents.map((agent) => ({
    skillTargetId: agent.skillTargetId,
    idProgramUser: agent.idProgramUser,
    loginNm: agent.loginNm,
    attributes: new Map(
      agent.attributes.flatMap((held) => {
        const id = idOfRefUrl(held.attribute?.refURL ?? undefined);
        return id === undefined ? [] : [[id, held.attributeValue ?? ""] as const];
      }),
    ),
  }));
}

/**
 * Gives one agent one attribute with a value, or changes the value it holds. The value
 * travels as the AttributeInfo's `defaultValue`, as in the document's example. Setting the
 * same value twice changes nothing, so the call may be retried.
 */
export async function saveAttributeToAgent(client: CceClient, agent: AgentRecord, attribute: AttributeDefinition, value: string): Promise<void> {
  await client.call(
    "protected/attributes/saveAttributesToAgent",
    {
      // The document's table says agentIds/attributeInfo; its example, which is what the portal reads, says:
      agentsIds: [String(agent.skillTargetId)],
      attributesInfo: [
        {
          id: attribute.id,
          name: attribute.name,
          description: attribute.description,
          dataType: attribute.dataType,
          defaultValue: value,
          changeStamp: attribute.changeStamp,
          refURL: attribute.refURL,
          allowedToEdit: true,
        },
      ],
    },
    { idempotent: true },
  );
}

/** Removes one attribute from one agent (the document's `updateAgentAttributes`). */
export async function removeAttributeFromAgent(client: CceClient, agent: AgentRecord, attributeId: number): Promise<void> {
  await client.call(
    "protected/attributes/updateAgentAttributes",
    { agentId: String(agent.skillTargetId), attributeId: String(attributeId) },
    { idempotent: false },
  );
}

const definitions = new ProcessCache<AttributeDefinition[]>("cce-attribute-definitions");

/**
 * The attribute definitions, read once per process and portal: they change rarely, and every
 * check() of agent attributes and precision queues needs them. `fresh` reads them again (a
 * name not found in the kept list, perhaps created since).
 */
export function attributeDefinitions(connection: CceConnection, fresh = false): Promise<AttributeDefinition[]> {
  return definitions.get(portalKey(connection), () => listAttributes(new CceClient(connection)), fresh);
}
