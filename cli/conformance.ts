/**
 * `contact-center conformance`: what a user with a real tenant runs before trusting the tool.
 *
 * The provider was written from incomplete vendor documents; where they are silent it relies on
 * a reading of its own (docs/*-wire-decisions.md). This command checks those readings against
 * the live systems, read-only: for each vendor configured, it makes every read the provider
 * uses, through the provider's own clients (so every answer passes the same schemas), and
 * checks the assumptions a read can show (paging, filters, list pairing, identity fields, how
 * an ended session is signalled). Each check is PASS, DIFF (with the evidence) or UNTESTED
 * (a read cannot show it). Exit 0 when every check passed, 3 when one differs, 4 when none
 * differs but some could not be tested.
 */
import { z } from "zod";
import { listOf, numberish } from "../provider/core/answer";
import type { ConfigSource } from "../provider/core/connection";
import { isContractError } from "../provider/core/errors";
import { redactError } from "../provider/core/secrets";
import { CceClient, logoutAll, sessionEnded } from "../provider/cce/client";
import { resolveCceConnection } from "../provider/cce/connection";
import { listAgents, listAttributes } from "../provider/cce/agent-attributes-api";
import { listReferences, REFERENCE_LISTS, ReferenceKind } from "../provider/cce/lookups";
import { getPrecisionQueue, listPrecisionQueues, RelationSeen, relationsSeen } from "../provider/cce/precision-queues-api";
import { listSkillGroups } from "../provider/cce/skill-groups-api";
import { getAssignedSkillGroups, getUser as getCceUser, listUsers, skillMemberships } from "../provider/cce/users-api";
import { OracleClient } from "../provider/oracle/client";
import { resolveOracleConnection } from "../provider/oracle/connection";
import { getResourceUser, listResourceUsers } from "../provider/oracle/resource-users-api";
import { resolveRiskCcConnection } from "../provider/riskcc/connection";
import { UcPortalClient } from "../provider/ucportal/client";
import { resolveUcPortalConnection } from "../provider/ucportal/connection";
import { getUser, listUsers as listCustomerUsers, sameEmail } from "../provider/ucportal/customer-users-api";
import { Command, CommandIo, parseCommandArgs, STACK_OPTIONS, UsageError } from "./command";
import { runSandbox } from "./conformance-sandbox";
import { stackConfig } from "./stack-config";

export type Verdict = "PASS" | "DIFF" | "UNTESTED";

export interface CheckResult {
  vendor: string;
  id: string;
  /** What the provider relies on. */
  assumption: string;
  verdict: Verdict;
  /** What was seen. */
  evidence: string;
}

type Check = { id: string; assumption: string; run(): Promise<{ verdict: Verdict; evidence: string }> };

const pass = (evidence: string) => ({ verdict: "PASS" as const, evidence });
const diff = (evidence: string) => ({ verdict: "DIFF" as const, evidence });
const untested = (evidence: string) => ({ verdict: "UNTESTED" as const, evidence });

/** How many skill groups have their positional pairing checked against a read of each alone. */
const PAIRING_SAMPLE = 20;

/** A queue's terms as getPQByID spells their relations, for `cce.relation-codes`. */
const spelledTerms = z.object({
  precisionQueueInfo: z
    .object({
      steps: listOf(
        z.object({
          terms: listOf(z.object({ attributeRelation: numberish.nullish(), termRelation: numberish.nullish(), attributeRelationString: z.string().nullish(), termRelationString: z.string().nullish() })),
        }),
      ),
    })
    .nullish(),
});

/** The lists the provider reads whole with `pageSize: 0`, and the answer's field holding the rows. */
const WHOLE_LISTS: { endpoint: string; field: string; request?: object }[] = [
  { endpoint: "users/getUsers", field: "userAgentInfoList", request: { filterByUserType: ["A", "S", "NC"] } },
  { endpoint: "skills/getSkillGroups", field: "basicSkillGroupList" },
  { endpoint: "attributes/getAllAttributes", field: "attributes" },
  { endpoint: "precisionQueues/getAllPrecisionQueues", field: "precisionQueues" },
  ...Object.values(REFERENCE_LISTS).map(({ endpoint, field }) => ({ endpoint, field })),
];
/** The page size and the most pages of the paged walk that counts a list's rows. */
const WALK_PAGE = 100;
const WALK_PAGES = 50;

/**
 * How many rows a list has, counted two ways: asked for whole (`pageSize: 0`) and walked page by
 * page. A portal that reads 0 as a default page answers fewer rows whole than walked (the client
 * refuses such an answer outright when its pagingInfo counts more than one page).
 */
async function countBothWays(cce: CceClient, list: (typeof WHOLE_LISTS)[number]): Promise<{ whole: number; walked: number; pagingIgnored: boolean }> {
  const rows = z.object({ [list.field]: z.array(z.unknown()).nullish() });
  const read = async (pageSize: number, pageNumber: number) =>
    ((await cce.call(`protected/${list.endpoint}`, { ...list.request, pageSize, pageNumber }, { idempotent: true }, rows))[list.field] as unknown[] | null | undefined) ?? [];
  const whole = (await read(0, 1)).length;
  let walked = 0;
  for (let pageNumber = 1; pageNumber <= WALK_PAGES; pageNumber++) {
    const page = await read(WALK_PAGE, pageNumber);
    // A page longer than asked for: the portal does not page this list, so every call answers it whole.
    if (page.length > WALK_PAGE) return { whole, walked: page.length, pagingIgnored: true };
    walked += page.length;
    if (page.length < WALK_PAGE) break;
  }
  return { whole, walked, pagingIgnored: false };
}

function cceChecks(cce: CceClient): Check[] {
  return [
    {
      id: "cce.session-end",
      assumption: "a call on an ended session is answered 401, a 200 with USER_NOT_AUTHENTICATED, or a redirect (each starts a new login)",
      async run() {
        const { answer, cookieNames } = await cce.endedSessionAnswer("protected/skills/getSkillGroups");
        const signal = sessionEnded(answer);
        const cookies = `the login set the cookies ${cookieNames.join(", ") || "(none)"}, all sent back`;
        return signal ? pass(`a logged-out session was answered ${signal}; ${cookies}`) : diff(`a logged-out session was answered HTTP ${answer.status}: ${answer.body.slice(0, 160)}`);
      },
    },
    { id: "cce.users", assumption: "getUsers rows carry idProgramUser, idUser, loginNm and userTypeCode", run: async () => pass(`${(await listUsers(cce)).length} users read`) },
    {
      id: "cce.search-id",
      assumption: "SearchByIdRequest.searchId is the idProgramUser (deleteUser sends the same request object)",
      async run() {
        const users = await listUsers(cce);
        // A user whose idUser differs from its idProgramUser tells the two readings apart.
        const user = users.find((u) => u.idUser !== u.idProgramUser) ?? users[0];
        if (!user) return untested("the tenant has no user to look up");
        const found = await getCceUser(cce, user.idProgramUser);
        return found?.loginNm === user.loginNm
          ? pass(`getUserByIdProgram {searchId: ${user.idProgramUser}} answered ${user.loginNm}, whose idProgramUser it is (its idUser is ${user.idUser})`)
          : diff(`getUserByIdProgram {searchId: ${user.idProgramUser}} did not answer ${user.loginNm}: searchId is not the idProgramUser, and deleteUser would address another user`);
      },
    },
    {
      id: "cce.skill-groups",
      assumption: "getSkillGroups' two lists describe the same groups (joined by originalId, else by position)",
      async run() {
        const groups = await listSkillGroups(cce);
        const sample = groups.slice(0, PAIRING_SAMPLE);
        const wrong: string[] = [];
        for (const group of sample) {
          const [alone] = await listSkillGroups(cce, { skillTargetId: group.skillTargetId });
          if (!alone || alone.description !== group.description || alone.serviceLevelThreshold !== group.serviceLevelThreshold) wrong.push(group.name);
        }
        if (wrong.length > 0) return diff(`read alone, ${wrong.length} of ${sample.length} groups have other details than the whole list paired them with: ${wrong.join(", ")}`);
        return pass(`${groups.length} groups; for ${sample.length}, the details the whole list gave equal those of the group read alone`);
      },
    },
    {
      id: "cce.page-size-zero",
      assumption: "pageSize 0 answers every row of a list (the document says so for users, skill groups and memberships; the provider reads every list so)",
      async run() {
        const counts: string[] = [];
        const short: string[] = [];
        for (const list of WHOLE_LISTS) {
          const { whole, walked, pagingIgnored } = await countBothWays(cce, list);
          counts.push(`${list.endpoint.split("/")[1]} ${whole}${pagingIgnored ? " (not paged)" : ""}`);
          if (whole < walked) short.push(`${list.endpoint} answered ${whole} row(s) for pageSize 0 and ${walked} in pages of ${WALK_PAGE}`);
        }
        return short.length > 0 ? diff(short.join("; ")) : pass(`every row for pageSize 0, as many as in pages of ${WALK_PAGE}: ${counts.join(", ")}`);
      },
    },
    {
      id: "cce.agents",
      assumption: "getAllAgents rows carry skillTargetId, idProgramUser and loginNm (the document's AgentInfo has only attributes)",
      run: async () => pass(`${(await listAgents(cce)).length} agents read, each identified`),
    },
    {
      id: "cce.agent-skill-target-id",
      assumption: "UserAgentInfo.agentId (getUsers) is the agent's skill target id, the one attribute calls name it by",
      async run() {
        const agents = new Map((await listAgents(cce)).map((agent) => [agent.idProgramUser, agent.skillTargetId]));
        const compared = (await listUsers(cce)).filter((user) => user.agentSkillTargetId !== null && agents.has(user.idProgramUser));
        if (compared.length === 0) return untested("no agent is in both getUsers and getAllAgents to compare");
        const wrong = compared.filter((user) => agents.get(user.idProgramUser) !== user.agentSkillTargetId);
        return wrong.length === 0
          ? pass(`for ${compared.length} agent(s), getUsers' agentId equals getAllAgents' skillTargetId`)
          : diff(`getUsers' agentId is not getAllAgents' skillTargetId for ${wrong.map((user) => `${user.loginNm} (${user.agentSkillTargetId} vs ${agents.get(user.idProgramUser)})`).join(", ")}`);
      },
    },
    { id: "cce.attributes", assumption: "attribute definitions carry an id (or a refURL ending in one) and a name", run: async () => pass(`${(await listAttributes(cce)).length} attributes read`) },
    {
      id: "cce.precision-queues",
      assumption: "precision queues carry an id and a changeStamp; getPQByID answers the queue asked for",
      async run() {
        const queues = await listPrecisionQueues(cce);
        if (queues.length === 0) return untested("the tenant has no precision queue to read");
        const queue = await getPrecisionQueue(cce, queues[0].id);
        return queue ? pass(`${queues.length} queues; getPQByID ${queues[0].id} answered it with ${queue.steps.length} step(s)`) : diff(`getPQByID ${queues[0].id} answered no queue`);
      },
    },
    {
      id: "cce.relation-codes",
      assumption: "precision-queue terms code attribute relations 1 ==, 2 !=, 3 <, 4 <=, 5 >, 6 >= and connectors 0 none, 1 AND, 2 OR",
      async run() {
        const queues = (await listPrecisionQueues(cce)).slice(0, PAIRING_SAMPLE);
        const seen: RelationSeen[] = [];
        for (const queue of queues) {
          const body = await cce.call("protected/precisionQueues/getPQByID", { id: queue.id }, { idempotent: true }, spelledTerms);
          seen.push(...relationsSeen(body.precisionQueueInfo?.steps ?? []));
        }
        const pairs = [...new Set(seen.map((s) => `${s.field} ${s.code} = ${JSON.stringify(s.text)}`))].sort();
        const wrong = seen.filter((s) => s.meant !== undefined && s.meant !== s.code);
        if (wrong.length > 0) return diff(`the portal spells ${[...new Set(wrong.map((s) => `${s.field} ${s.code} as ${JSON.stringify(s.text)} (this provider writes that as ${s.meant})`))].join(", ")}`);
        const unknown = seen.filter((s) => s.meant === undefined);
        if (seen.length === 0) return untested(`no term of ${queues.length} queue(s) spells its relation (attributeRelationString, termRelationString)`);
        if (unknown.length > 0) return untested(`spellings this provider does not know: ${[...new Set(unknown.map((s) => JSON.stringify(s.text)))].join(", ")}; seen: ${pairs.join(", ")}`);
        return pass(`${queues.length} queue(s) read; every spelled relation agrees: ${pairs.join(", ")}`);
      },
    },
    {
      id: "cce.reference-lists",
      assumption: "the reference lists (sites, role groups, departments, billing units, platforms, desk settings, APM profiles) carry positive ids",
      async run() {
        const counts: string[] = [];
        for (const kind of Object.keys(REFERENCE_LISTS) as ReferenceKind[]) counts.push(`${kind} ${(await listReferences(cce, kind)).length}`);
        return pass(counts.join(", "));
      },
    },
    {
      id: "cce.memberships",
      assumption: "getAllAgentsForSkill (group by group) and getSkillsForAgent agree on an agent's skill groups",
      async run() {
        const users = (await listUsers(cce)).filter((user) => user.userTypeCode !== "NC");
        const groups = await listSkillGroups(cce);
        if (users.length === 0 || groups.length === 0) return untested("the tenant has no agent or no skill group to compare");
        const byGroups = await skillMemberships(cce, groups.map((g) => g.skillTargetId));
        const user = users.find((u) => byGroups.has(u.idProgramUser)) ?? users[0];
        const byAgent = await getAssignedSkillGroups(cce, user);
        const seen = byGroups.get(user.idProgramUser) ?? [];
        return JSON.stringify(byAgent) === JSON.stringify(seen)
          ? pass(`${user.loginNm}: ${seen.length} group(s) both ways`)
          : diff(`${user.loginNm}: getSkillsForAgent ${JSON.stringify(byAgent)}, getAllAgentsForSkill ${JSON.stringify(seen)}`);
      },
    },
  ];
}

function oracleChecks(oracle: OracleClient): Check[] {
  const rawPage = z.object({ items: listOf(z.object({ ResourcePartyNumber: z.string(), ResourceEmail: z.string().nullish() })) });
  const page = async (query: Record<string, string>) => (await oracle.request({ method: "GET", path: "resourceUsers", query: { ...query, onlyData: "true" } }, rawPage)).body!.items;
  return [
    {
      id: "oracle.resource-users",
      assumption: "resource users carry ResourcePartyNumber and a self link; role assignments positive ids; paging by offset",
      async run() {
        const users = await listResourceUsers(oracle, undefined, 25);
        return pass(`${users.length} resource users read in pages of 25, each with its key`);
      },
    },
    {
      id: "oracle.q-filter",
      assumption: "q=ResourceEmail='…' answers only the users with that e-mail",
      async run() {
        const [first] = await page({ limit: "1" });
        if (!first?.ResourceEmail) return untested("no resource user with an e-mail to look up");
        const found = await page({ q: `ResourceEmail='${first.ResourceEmail.replace(/'/g, "''")}'`, limit: "5" });
        const others = found.filter((u) => !sameEmail(u.ResourceEmail ?? "", first.ResourceEmail!));
        return others.length === 0 ? pass(`the look-up of ${first.ResourceEmail} answered ${found.length} matching user(s)`) : diff(`the look-up of ${first.ResourceEmail} also answered ${others.map((u) => u.ResourcePartyNumber).join(", ")}: q is ignored`);
      },
    },
    {
      id: "oracle.item-key",
      assumption: "resourceUsers/{key} answers the item of that key",
      async run() {
        const [first] = await listResourceUsers(oracle, undefined, 1).then((all) => all.slice(0, 1));
        if (!first) return untested("no resource user to read");
        const item = await getResourceUser(oracle, first.uniqId);
        return item ? pass(`${first.item.ResourcePartyNumber} read by its key`) : diff(`the key of ${first.item.ResourcePartyNumber} answered 404`);
      },
    },
  ];
}

function ucportalChecks(portal: UcPortalClient): Check[] {
  const rawPage = z.object({ items: z.array(z.object({ id: z.string(), email: z.string() })) });
  const page = async (query: Record<string, string>) => (await portal.request({ method: "GET", path: "users", query }, rawPage)).body!.items;
  return [
    { id: "ucportal.users", assumption: "users carry id, displayName, email, roles, primaryTenant, isParent and devices; lists are {items, total}", run: async () => pass(`${(await listCustomerUsers(portal)).length} users read`) },
    {
      id: "ucportal.email-filter",
      assumption: "?email= answers only the user with that e-mail",
      async run() {
        const [first] = await page({ limit: "1" });
        if (!first) return untested("the tenant has no user to look up");
        const found = await page({ email: first.email, limit: "5" });
        const others = found.filter((u) => !sameEmail(u.email, first.email));
        return others.length === 0 ? pass(`the look-up of ${first.email} answered ${found.length} matching user(s)`) : diff(`the look-up of ${first.email} also answered ${others.length} other user(s): ?email= is ignored`);
      },
    },
    {
      id: "ucportal.paging",
      assumption: "?offset= pages the list",
      async run() {
        const [a] = await page({ limit: "1", offset: "0" });
        const [b] = await page({ limit: "1", offset: "1" });
        if (!a || !b) return untested("fewer than two users: paging cannot be seen");
        return a.id !== b.id ? pass("offsets 0 and 1 answer different users") : diff(`offsets 0 and 1 both answer user ${a.id}: offset is ignored`);
      },
    },
    {
      id: "ucportal.user-by-id",
      assumption: "users/{id} answers that user",
      async run() {
        const [first] = await page({ limit: "1" });
        if (!first) return untested("the tenant has no user to read");
        return (await getUser(portal, first.id)) ? pass(`user ${first.id} read by its id`) : diff(`users/${first.id} answered 404`);
      },
    },
  ];
}

function riskccChecks(): Check[] {
  return [
    {
      id: "riskcc.revocation",
      assumption: "a provision with expirationDate now revokes a temporary allow",
      run: async () => untested("risk-cc has no read call: only a write could show it, and this run writes nothing"),
    },
  ];
}

/** The vendors whose connection is configured, each with its checks; the others named as skipped. */
function vendors(config: ConfigSource | undefined, env: NodeJS.ProcessEnv): { name: string; checks?: Check[]; skipped?: string }[] {
  const attempt = (name: string, make: () => Check[]) => {
    try {
      return { name, checks: make() };
    } catch (error) {
      return { name, skipped: (error as Error).message };
    }
  };
  return [
    attempt("CCE", () => cceChecks(new CceClient(resolveCceConnection(config, env)))),
    attempt("Oracle CX", () => oracleChecks(new OracleClient(resolveOracleConnection(config, env)))),
    attempt("UC portal", () => ucportalChecks(new UcPortalClient(resolveUcPortalConnection(config, env)))),
    attempt("risk-cc", () => (resolveRiskCcConnection(config, env), riskccChecks())),
  ];
}

/** Runs every check of every configured vendor; a check that throws is a DIFF with the error. */
export async function runConformance(config: ConfigSource | undefined, env: NodeJS.ProcessEnv, io: CommandIo): Promise<{ results: CheckResult[]; skipped: { vendor: string; why: string }[] }> {
  const results: CheckResult[] = [];
  const skipped: { vendor: string; why: string }[] = [];
  for (const vendor of vendors(config, env)) {
    if (!vendor.checks) {
      skipped.push({ vendor: vendor.name, why: vendor.skipped! });
      continue;
    }
    for (const check of vendor.checks) {
      io.progress(`checking ${check.id}`);
      let outcome: { verdict: Verdict; evidence: string };
      try {
        outcome = await check.run();
      } catch (error) {
        const message = (redactError(error) as Error).message;
        outcome = diff(isContractError(error) ? message : `the read failed: ${message}`);
      }
      results.push({ vendor: vendor.name, id: check.id, assumption: check.assumption, ...outcome });
    }
  }
  return { results, skipped };
}

export function markdownReport(results: CheckResult[], skipped: { vendor: string; why: string }[], leftBehind: string[] = []): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const lines = ["| check | verdict | assumption | evidence |", "|---|---|---|---|", ...results.map((r) => `| ${r.id} | ${r.verdict} | ${cell(r.assumption)} | ${cell(r.evidence)} |`)];
  for (const s of skipped) lines.push("", `${s.vendor}: not checked (${s.why})`);
  if (leftBehind.length > 0) lines.push("", "Left behind by the sandbox:", ...leftBehind.map((item) => `- ${item}`));
  const count = (verdict: Verdict) => results.filter((r) => r.verdict === verdict).length;
  lines.push("", `${count("PASS")} passed, ${count("DIFF")} differ, ${count("UNTESTED")} untested`);
  return lines.join("\n");
}

export function exitCodeOf(results: CheckResult[]): number {
  if (results.some((r) => r.verdict === "DIFF")) return 3;
  return results.some((r) => r.verdict === "UNTESTED") ? 4 : 0;
}

const HELP = [
  "usage: contact-center conformance [--stack <name>] [--cwd <dir>] [--format markdown|json] [--sandbox PREFIX [--cce-template <login>]]",
  "",
  "Checks, read-only, what the provider relies on where the vendors' documents are silent",
  "(docs/*-wire-decisions.md) against the live systems: every read the provider uses, through",
  "its own clients, and the assumptions a read can show (paging, filters, list pairing,",
  "identity fields, how an ended session is signalled). Run it first against a real tenant.",
  "Each check is PASS, DIFF (with the evidence) or UNTESTED. Nothing is written, unless:",
  "",
  "  --sandbox PREFIX        also take one throwaway object of each kind through the provider's",
  "                          own create, read, update and remove, named with PREFIX: a CCE skill",
  "                          group (left behind: the portal cannot delete one), a CCE user (with",
  "                          --cce-template, cloned from it and deleted), a UC portal user",
  "                          (deleted), an Oracle resource user (end-dated: Oracle keeps them).",
  "                          What is left behind is listed.",
  "",
  "The connections come from the stack's config (--stack/--cwd) or the CCE_*, ORACLE_*,",
  "RISKCC_*, UCPORTAL_* variables; a vendor without a connection is skipped.",
  "",
  "exit codes: 0 every check passed, 3 a check differs, 4 none differs but some are untested,",
  "1 a usage or connection error",
].join("\n");

export const conformanceCommand: Command = {
  name: "conformance",
  summary: "check, read-only, what the provider relies on against the live vendor systems",
  help: HELP,
  async run(args, io) {
    const { positional, options } = parseCommandArgs(args, {
      ...STACK_OPTIONS,
      format: { type: "string" },
      sandbox: { type: "string" },
      "cce-template": { type: "string" },
    });
    const format = options.format ?? "markdown";
    if (positional.length > 0) throw new UsageError(`unexpected ${positional.join(" ")}`);
    if (format !== "markdown" && format !== "json") throw new UsageError(`--format is markdown or json, got ${JSON.stringify(format)}`);
    try {
      const config = await stackConfig(options.stack, options.cwd, io);
      const { results, skipped } = await runConformance(config, process.env, io);
      if (results.length === 0) {
        io.err(`contact-center conformance: no vendor connection is configured (${skipped.map((s) => s.vendor).join(", ")})`);
        return 1;
      }
      let leftBehind: string[] = [];
      if (options.sandbox !== undefined) {
        io.progress(`sandbox: throwaway objects named ${options.sandbox}`);
        const configured = [...new Set(results.map((r) => r.vendor))];
        const sandbox = await runSandbox(config, options.sandbox, { cceTemplate: options["cce-template"], vendors: configured });
        results.push(...sandbox.results);
        leftBehind = sandbox.leftBehind;
      }
      io.out(format === "json" ? JSON.stringify({ results, skipped, leftBehind }, null, 2) : markdownReport(results, skipped, leftBehind));
      return exitCodeOf(results);
    } catch (error) {
      io.err(`contact-center conformance: ${(redactError(error) as Error).message}`);
      return 1;
    } finally {
      await logoutAll();
    }
  },
};
