/**
 * The agents this provider process cloned, by portal and idProgramUser: what `CceUser.create`
 * learnt from the portal (the new agent's ids) handed to the `AgentAttribute` creates that
 * follow it, which would otherwise list every agent of the tenant to find one skill target id.
 *
 * Only ids are kept, and ids do not change: a user keeps its skill target id for life, and a
 * login name is never reused while the user exists. An entry goes when the user is deleted
 * (rolled back or removed) in this process; a user deleted by hand makes the write that uses
 * the entry fail, and the caller then looks the agent up afresh.
 */
import { freshRead, GATHER_MS } from "../core/fresh-read";
import { ProcessCache } from "../core/process-cache";
import { listAgents } from "./agent-attributes-api";
import type { CceClient } from "./client";
import { CceConnection, portalKey } from "./connection";

export interface ClonedAgent {
  idProgramUser: number;
  loginNm: string;
  skillTargetId: number;
}

const agents = new Map<string, ClonedAgent>();

export function rememberClonedAgent(connection: CceConnection, agent: ClonedAgent): void {
  agents.set(`${portalKey(connection)}|${agent.idProgramUser}`, agent);
}

/** Per portal: whether a user's `UserAgentInfo.agentId` was seen to be its skill target id. */
const readingHolds = new ProcessCache<boolean>();

/**
 * Hands a just-cloned agent to the attribute writes that follow, once this portal is seen to
 * give the skill target id where this provider reads it. The user's skill target id comes from
 * `UserAgentInfo.agentId`, which the document does not define (docs/cce-wire-decisions.md);
 * attribute calls name the agent by it, so a portal that put another number there would have
 * them write to another agent. The first hand-off of a process compares it with the agent's
 * `skillTargetId` in a `getAllAgents` list begun after the clone; if they differ (or the agent
 * is not listed), nothing is handed off for the process, and every attribute write finds its
 * agent in that list instead.
 */
export async function handOffClonedAgent(connection: CceConnection, cce: CceClient, agent: ClonedAgent): Promise<void> {
  const key = portalKey(connection);
  const holds = await readingHolds
    .get(key, async () => {
      const listed = (await freshRead(`cce-agents|${key}`, () => listAgents(cce), GATHER_MS)).find((a) => a.idProgramUser === agent.idProgramUser);
      return listed !== undefined && listed.skillTargetId === agent.skillTargetId;
    })
    // The user is made either way: a list that failed only means no hand-off (the attribute
    // writes then meet the failure themselves).
    .catch(() => false);
  if (holds) rememberClonedAgent(connection, agent);
}

export function forgetClonedAgent(connection: CceConnection, idProgramUser: number): void {
  agents.delete(`${portalKey(connection)}|${idProgramUser}`);
}

/** The agent named by idProgramUser or login name, if this process cloned it. */
export function clonedAgent(connection: CceConnection, wanted: string | number): ClonedAgent | undefined {
  if (typeof wanted === "number") return agents.get(`${portalKey(connection)}|${wanted}`);
  const prefix = `${portalKey(connection)}|`;
  for (const [key, agent] of agents) {
    if (key.startsWith(prefix) && agent.loginNm.toLowerCase() === wanted.toLowerCase()) return agent;
  }
  return undefined;
}

/** Forgets every agent (tests). */
export function clearClonedAgents(): void {
  agents.clear();
}
