/**
 * `AgentAttribute`: one precision-queue attribute held by one agent, with its value.
 *
 * Lifecycle (seed 001, chapter 2; see docs/resources/agent-attribute.md):
 * - create / update: `saveAttributesToAgent` (which also takes over a value the agent
 *   already holds, e.g. one copied from its template by `cloneUser`).
 * - read: `getAllAgents`; an agent that no longer holds the attribute leaves the state.
 * - delete: `updateAgentAttributes`, which removes the attribute from the agent.
 * - replace: another agent or another attribute.
 * Values are checked against the attribute's data type in `check()`, so `preview` refuses
 * a proficiency of 11 before anything is called.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { LifecycleResource } from "../core/lifecycle-provider";

export const agentAttributeInputs = z
  .object({
    agent: z.union(
      [
        z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}@[A-Za-z0-9]{3}$/, "must be a login name <name>@<tenant code>"),
        z.number().int("must be a whole number (the agent's idProgramUser)").positive("must be the agent's idProgramUser, a positive whole number"),
      ],
      { error: "must be the agent's login name (jdoe@DEM) or its idProgramUser (a positive whole number)" },
    ),
    attribute: z.union(
      [z.string().min(1, "must be the attribute's name or id, not empty"), z.number().int("must be a whole number (the attribute's id)").positive("must be the attribute's id, a positive whole number")],
      { error: "must be the attribute's name or its id (a positive whole number)" },
    ),
    value: z
      .union([z.boolean(), z.number(), z.string().min(1, "must not be empty")], { error: "must be a proficiency (1 to 10) or true/false" })
      .refine((value) => typeof value !== "number" || (Number.isInteger(value) && value >= 1 && value <= 10), {
        message: "must be a whole number from 1 to 10 (a proficiency) or true/false",
      }),
  })
  .strict();

export type AgentAttributeInputs = z.output<typeof agentAttributeInputs>;

export interface AgentAttributeOutputs extends AgentAttributeInputs {
  agentIdProgramUser: number;
  agentLoginName: string;
  agentSkillTargetId: number;
  attributeId: number;
  attributeName: string;
  /** "proficiency", "boolean", or the portal's data type code for others. */
  dataType: string;
}

export interface AgentAttributeArgs {
  /** The agent: its login name, or its idProgramUser (`CceUser.idProgramUser`). Changing it replaces. @example "alice@DEM" */
  agent: pulumi.Input<string | number>;
  /** The attribute: its name or id (see `getAttribute`). Changing it replaces. @example "Sales_Skill" */
  attribute: pulumi.Input<string | number>;
  /** A proficiency attribute takes 1 to 10, a boolean one true or false. @example 7 */
  value: pulumi.Input<number | boolean | string>;
}

/** The type token and the lifecycle module that serves it (provider/core/lifecycle-provider.ts). */
const TOKEN = { module: "cce", type: "AgentAttribute", lifecycle: "cce/agent-attribute" } as const;

/**
 * One attribute held by one agent, e.g. `Sales_Skill = 7` for alice.
 *
 * @example
 * ```ts
 * new AgentAttribute("alice-sales", { agent: alice.idProgramUser, attribute: "Sales_Skill", value: 7 });
 * ```
 */
export class AgentAttribute extends LifecycleResource {
  declare public readonly agent: pulumi.Output<string | number>;
  declare public readonly attribute: pulumi.Output<string | number>;
  declare public readonly value: pulumi.Output<number | boolean | string>;
  declare public readonly agentIdProgramUser: pulumi.Output<number>;
  declare public readonly agentLoginName: pulumi.Output<string>;
  declare public readonly agentSkillTargetId: pulumi.Output<number>;
  declare public readonly attributeId: pulumi.Output<number>;
  declare public readonly attributeName: pulumi.Output<string>;
  declare public readonly dataType: pulumi.Output<string>;

  constructor(name: string, args: AgentAttributeArgs, opts?: pulumi.CustomResourceOptions) {
    const computed = {
      agentIdProgramUser: undefined,
      agentLoginName: undefined,
      agentSkillTargetId: undefined,
      attributeId: undefined,
      attributeName: undefined,
      dataType: undefined,
    };
    super(TOKEN, name, { ...computed, ...args }, opts);
  }
}
