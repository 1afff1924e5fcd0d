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
