/**
 * `contact-center probe memberships`: asks a live CCE portal the question the refresh target of
 * issue 7 waits on (bench/TARGETS.md §2). Does `getAllAgentsForSkill` with a `platformId` and no
 * `skillTargetId` answer every membership of the platform in one call? The seed does not say,
 * and the emulator, faithful to it, refuses. Read-only: per platform, that one call and then the
 * per-group reads a refresh makes today, compared pair by pair.
 */
import { z } from "zod";
import { listOf } from "../provider/core/answer";
import { CceClient, logoutAll } from "../provider/cce/client";
import { resolveCceConnection } from "../provider/cce/connection";
import { listReferences } from "../provider/cce/lookups";
import { listSkillGroups } from "../provider/cce/skill-groups-api";
import { skillMemberships } from "../provider/cce/users-api";
import { isApiError } from "../provider/core/errors";
import { redactError } from "../provider/core/secrets";
import { Command, CommandIo, parseCommandArgs, STACK_OPTIONS, UsageError } from "./command";
import { stackConfig } from "./stack-config";

const HELP = [
  "usage: contact-center probe memberships [--platform <name>] [--stack <name>] [--cwd <dir>]",
  "",
  "Asks the live CCE portal whether getAllAgentsForSkill, sent with a platformId and no",
  "skillTargetId, answers every skill-group membership of that platform in one call. If it does,",
  "a refresh could read memberships in one call per platform instead of one per skill group",
  "(bench/TARGETS.md §2). For each platform with skill groups it makes that call, then reads the",
  "memberships group by group as a refresh does today, and compares the two (agent, group) by",
  "(agent, group). Nothing is written.",
  "",
  "Connections, as the providers read them: CCE_URL, CCE_USERNAME, CCE_PASSWORD, CCE_TENANT_ID,",
  "or, with --stack, the stack's cce:* config (secrets are decrypted to connect, never printed).",
  "",
  "options:",
  "  --platform <name>  probe this platform (peripheral) only; default: every platform with groups",
  "  --stack <name>     read the connection from this stack's config",
  "  --cwd <dir>        the Pulumi project of --stack (default: the current directory)",
  "",
  "exit codes: 0 the one-call answer matched the group-by-group reads on every platform probed,",
  "            3 it did not (refused, rows without a group, or different memberships), or nothing",
  "            could be compared (no memberships), 1 failure (bad option, connection)",
  "",
  "example:",
  "  CCE_URL=https://portal01.mtn01.webexcce.com/portal/services CCE_USERNAME=ops@ABC CCE_PASSWORD=... \\",
  "    npx contact-center probe memberships",
].join("\n");

/** A row of getAllAgentsForSkill's full answer (AgentSkillInfo): the agent and, hopefully, the group. */
export interface AgentSkillRow {
  idProgramUser?: unknown;
  skillTargetId?: unknown;
}

export interface MembershipComparison {
  /** Whether the one-call answer can stand in for the group-by-group reads on this platform. */
  usable: boolean;
  /** One line for the report. */
  verdict: string;
}

/**
 * Compares the one-call answer with the memberships read group by group (idProgramUser to its
 * groups). Usable only when every row names an agent and a group and the pairs are the same
 * set, and there is at least one pair to compare.
 */
export function compareMemberships(rows: AgentSkillRow[], exact: Map<number, number[]>): MembershipComparison {
  const expected = new Set([...exact].flatMap(([user, groups]) => groups.map((group) => `${user}/${group}`)));
  const unnamed = rows.filter((row) => typeof row.idProgramUser !== "number" || typeof row.skillTargetId !== "number").length;
  if (unnamed > 0) {
    return { usable: false, verdict: `not usable: ${unnamed} of ${rows.length} rows do not name both an agent (idProgramUser) and a group (skillTargetId)` };
  }
  const answered = new Set(rows.map((row) => `${row.idProgramUser}/${row.skillTargetId}`));
  const missing = [...expected].filter((pair) => !answered.has(pair)).length;
  const extra = [...answered].filter((pair) => !expected.has(pair)).length;
  if (missing > 0 || extra > 0) {
    return {
      usable: false,
      verdict: `not usable: ${answered.size} memberships in one call, ${expected.size} group by group; ${missing} missing, ${extra} not memberships`,
    };
  }
  if (expected.size === 0) return { usable: false, verdict: "undecided: the platform has no memberships to compare" };
  return { usable: true, verdict: `usable: the one call answered the same ${expected.size} memberships as the group-by-group reads` };
}

/** Probes one platform: the one call (refusals become the verdict), then the exact reads. */
async function probePlatform(cce: CceClient, platformId: number, skillTargetIds: number[]): Promise<MembershipComparison> {
  let rows: AgentSkillRow[];
  try {
    // The rows are judged by compareMemberships (a row that does not name both is a finding, not an error).
    const body = await cce.call(
      "protected/quickskills/getAllAgentsForSkill",
      { platformId, assigned: true, getBaseObjectInfoOnly: false, pageSize: 0, pageNumber: 1 },
      { idempotent: true },
      z.object({ agentSkillInfoList: listOf(z.object({ idProgramUser: z.unknown(), skillTargetId: z.unknown() })) }),
    );
    rows = body.agentSkillInfoList;
  } catch (error) {
    if (isApiError(error)) return { usable: false, verdict: `not usable: refused, ${error.constant}: ${error.meaning}${error.detail ? ` (${error.detail})` : ""}` };
    throw error;
  }
  return compareMemberships(rows, await skillMemberships(cce, skillTargetIds));
}


export const probeCommand: Command = {
  name: "probe",
  summary: "ask the live CCE portal whether one call answers a platform's memberships (read-only)",
  help: HELP,
  async run(args: string[], io: CommandIo): Promise<number> {
    const { positional, options } = parseCommandArgs(args, { ...STACK_OPTIONS, platform: { type: "string" } });
    if (positional.length !== 1 || positional[0] !== "memberships") throw new UsageError(`the one probe is "memberships", got ${JSON.stringify(positional.join(" "))}`);
    try {
      const config = await stackConfig(options.stack, options.cwd, io);
      const cce = new CceClient(resolveCceConnection(config, process.env));
      const [groups, platforms] = await Promise.all([listSkillGroups(cce), listReferences(cce, "platform")]);
      const nameOf = (id: number) => platforms.find((platform) => platform.id === id)?.name ?? `platform ${id}`;
      const wanted = options.platform;
      const byPlatform = new Map<number, number[]>();
      for (const group of groups) {
        if (wanted !== undefined && nameOf(group.peripheralId).toLowerCase() !== wanted.toLowerCase()) continue;
        byPlatform.set(group.peripheralId, [...(byPlatform.get(group.peripheralId) ?? []), group.skillTargetId]);
      }
      if (byPlatform.size === 0) {
        const names = [...new Set(groups.map((group) => nameOf(group.peripheralId)))].sort().join(", ");
        io.err(`contact-center probe: ${wanted === undefined ? "the tenant has no skill groups" : `no skill groups on a platform named "${wanted}" (platforms with groups: ${names})`}`);
        return 1;
      }
      let usable = true;
      for (const [platformId, skillTargetIds] of [...byPlatform].sort(([a], [b]) => a - b)) {
        const counted = `${skillTargetIds.length} skill group${skillTargetIds.length === 1 ? "" : "s"}`;
        io.progress(`probing ${nameOf(platformId)} (${counted})`);
        const result = await probePlatform(cce, platformId, skillTargetIds);
        io.out(`${nameOf(platformId)} (platformId ${platformId}, ${counted}): ${result.verdict}`);
        usable &&= result.usable;
      }
      io.out(
        usable
          ? "The one-call read matched everywhere it was probed: please report it (bench/TARGETS.md §2), so the refresh can use it."
          : "The one-call read cannot replace the group-by-group reads here; a refresh keeps one call per skill group.",
      );
      return usable ? 0 : 3;
    } catch (error) {
      // Messages never carry the secrets: the client registered them for redaction.
      io.err(`contact-center probe: ${(redactError(error) as Error).message}`);
      return 1;
    } finally {
      await logoutAll();
    }
  },
};
