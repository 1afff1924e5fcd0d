/**
 * Lookups: find the id of a site, role group, team, attribute, platform (and the other
 * reference lists a user points at) by its name, so programs never hard-code numeric ids.
 *
 * Dynamic providers cannot serve Pulumi functions (invokes), so these are plain async
 * functions that run in the program process, with the same connection settings as the
 * resources (`cce:*` stack config, else `CCE_*` variables). Each list is read once per
 * program run. Each `getX` has a `getXOutput` twin taking `pulumi.Input` arguments.
 */
import * as pulumi from "@pulumi/pulumi";
import { CceClient, logoutAll } from "./client";
import { resolveCceConnection } from "./connection";
import { listAttributes } from "./agent-attributes-api";
import { findUserByLogin, listUsers, UserRecord } from "./users-api";
import { z } from "zod";
import { listOf } from "../core/answer";
import { contractError, notFoundError } from "../core/errors";
import { ProcessCache } from "../core/process-cache";
import { redactError } from "../core/secrets";

/** What every lookup answers: the id to pass to a resource, with the names the portal holds. */
export interface LookupResult {
  id: number;
  name: string;
  description: string;
}

let client: CceClient | undefined;
/** Reference lists by kind, and team members by team name: read once per program run. */
const lists = new ProcessCache<LookupResult[]>();
const teamMembers = new ProcessCache<UserRecord[]>();

function programClient(): CceClient {
  if (!client) {
    // The raw config reader: pulumi.Config#get would warn that cce:password is a secret.
    client = new CceClient(resolveCceConnection({ get: (key) => pulumi.runtime.getConfig(key) }));
    // The program's session ends with the program, not 30 idle minutes later.
    process.once("beforeExit", () => void logoutAll());
  }
  return client;
}

/** How long the program keeps its session after its last look-up. */
const PROGRAM_SESSION_IDLE_MS = 1_000;
let inFlight = 0;
let idleTimer: NodeJS.Timeout | undefined;

/**
 * Runs a look-up on the program's session, and logs that session out once no look-up has run
 * for a second: look-ups come at the start of a program, and a tenant that allows one session
 * per user needs it back for the provider, which does the writes.
 */
async function onProgramSession<T>(lookup: () => Promise<T>): Promise<T> {
  inFlight++;
  clearTimeout(idleTimer);
  try {
    return await lookup();
  } finally {
    if (--inFlight === 0) {
      idleTimer = setTimeout(() => void logoutAll(), PROGRAM_SESSION_IDLE_MS);
      idleTimer.unref();
    }
  }
}

type Row = Record<string, unknown>;

const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));
const refInfo = (row: Row): LookupResult => ({ id: Number(row.id), name: text(row.name), description: text(row.description) });

/** Where each reference list is read: its endpoint, the answer's field, and how a row maps. */
export const REFERENCE_LISTS = {
  site: {
    endpoint: "sites/getAllSites",
    field: "siteInfoList",
    toResult: (row: Row): LookupResult => ({ id: Number(row.idProgramSite), name: text(row.programSiteNm), description: text(row.programSiteDesc) }),
  },
  // The document's quirk: role groups come back in a field named siteInfoList.
  roleGroup: {
    endpoint: "roles/getAllRoles",
    field: "siteInfoList",
    toResult: (row: Row): LookupResult => ({ id: Number(row.idProgramGroup), name: text(row.programGroupNm), description: text(row.programGroupDesc) }),
  },
  department: { endpoint: "departments/getAllDepartments", field: "basicRefInfo", toResult: refInfo },
  billingUnit: { endpoint: "users/getAllBillingUnits", field: "basicRefInfo", toResult: refInfo },
  platform: { endpoint: "users/getAllPlatforms", field: "basicRefInfo", toResult: refInfo },
  agentDeskSettings: {
    endpoint: "users/getAllAgentDeskSettings",
    field: "basicAgentDeskSettingsInfoList",
    toResult: (row: Row): LookupResult => ({ id: Number(row.agentDeskSettingsId), name: text(row.enterpriseName), description: "" }),
  },
  apmProfile: {
    endpoint: "users/getAllApmProfiles",
    field: "basicProfileInfoList",
    toResult: (row: Row): LookupResult => ({ id: Number(row.idProfile), name: text(row.profileNm), description: text(row.profileDesc) }),
  },
} as const;
export type ReferenceKind = keyof typeof REFERENCE_LISTS;

/** One whole reference list, through any client (the program's, or a CLI's). */
export async function listReferences(cce: CceClient, kind: ReferenceKind): Promise<LookupResult[]> {
  const { endpoint, field, toResult } = REFERENCE_LISTS[kind];
  // Rows are mapped by each list's own names; an id that is not a positive whole number is refused.
  const body = await cce.call(`protected/${endpoint}`, { pageSize: 0, pageNumber: 1 }, { idempotent: true }, z.object({ [field]: listOf(z.record(z.string(), z.unknown())) }));
  const results = (body[field] as Row[]).map(toResult);
  const bad = results.findIndex((result) => !Number.isInteger(result.id) || result.id <= 0);
  if (bad >= 0) throw contractError("CCE", `protected/${endpoint}`, `${field}[${bad}] has no positive whole id (read ${results[bad].id})`, "docs/cce-wire-decisions.md");
  return results;
}

/** Reads one reference list once per program run. */
function referenceList(kind: ReferenceKind): () => Promise<LookupResult[]> {
  return () => lists.get(kind, () => onProgramSession(() => listReferences(programClient(), kind)));
}

const sources = Object.fromEntries(Object.keys(REFERENCE_LISTS).map((kind) => [kind, referenceList(kind as ReferenceKind)])) as Record<
  ReferenceKind,
  () => Promise<LookupResult[]>
>;

async function byName(what: string, list: () => Promise<LookupResult[]>, name: string): Promise<LookupResult> {
  try {
    const all = await list();
    const found = all.find((item) => item.name.toLowerCase() === name.toLowerCase());
    if (found) return found;
    const error = notFoundError(`${what} '${name}'`);
    error.message += `; the tenant has: ${all.map((item) => item.name).join(", ") || "none"}`;
    throw error;
  } catch (error) {
    throw redactError(error);
  }
}

/** A lookup and its twin taking Inputs and answering an Output. */
function lookup<A extends object, R>(find: (args: A) => Promise<R>) {
  return [find, (args: pulumi.Inputs & { [K in keyof A]: pulumi.Input<A[K]> }) => pulumi.output(args).apply((a) => find(a as unknown as A))] as const;
}

export const [getSite, getSiteOutput] = lookup((args: { name: string }) => byName("Site", sources.site, args.name));
export const [getRoleGroup, getRoleGroupOutput] = lookup((args: { name: string }) => byName("Role group", sources.roleGroup, args.name));
export const [getDepartment, getDepartmentOutput] = lookup((args: { name: string }) => byName("Department", sources.department, args.name));
export const [getBillingUnit, getBillingUnitOutput] = lookup((args: { name: string }) => byName("Billing unit", sources.billingUnit, args.name));
/** A platform is a peripheral (PG): its id is what `SkillGroup.peripheralId` and `CceUser.platformId` take. */
export const [getPlatform, getPlatformOutput] = lookup((args: { name: string }) => byName("Platform", sources.platform, args.name));
export const [getAgentDeskSettings, getAgentDeskSettingsOutput] = lookup((args: { name: string }) =>
  byName("Agent desk settings", sources.agentDeskSettings, args.name),
);
export const [getApmProfile, getApmProfileOutput] = lookup((args: { name: string }) => byName("APM profile", sources.apmProfile, args.name));

/** The portal has no team list: a team is found through its members (`getUsers` by team name). */
export const [getTeam, getTeamOutput] = lookup(async (args: { name: string }): Promise<LookupResult> => {
  // Read once per team name and run: forty agents of one team cost one call.
  const members = await teamMembers.get(args.name.toLowerCase(), () => onProgramSession(() => listUsers(programClient(), { searchColumn: "AgentTeamNm", searchTerm: args.name }))).catch((e) => {
    throw redactError(e);
  });
  const member = members.find((user) => user.agentTeamNm?.toLowerCase() === args.name.toLowerCase() && user.agentTeamId !== null);
  if (!member) {
    const error = notFoundError(`Team '${args.name}'`);
    error.message += ": the portal lists no team, so a team is found through its members, and no user is in this one";
    throw error;
  }
  return { id: member.agentTeamId!, name: member.agentTeamNm!, description: "" };
});

export interface AttributeLookupResult extends LookupResult {
  /** "proficiency" (1-10), "boolean", or the portal's data type code. */
  dataType: string;
}

export const [getAttribute, getAttributeOutput] = lookup(async (args: { name: string }): Promise<AttributeLookupResult> => {
  const all = await onProgramSession(() => listAttributes(programClient())).catch((e) => {
    throw redactError(e);
  });
  const found = all.find((a) => a.name.toLowerCase() === args.name.toLowerCase());
  if (!found) {
    const error = notFoundError(`Attribute '${args.name}'`);
    error.message += `; the tenant has: ${all.map((a) => a.name).join(", ") || "none"}`;
    throw error;
  }
  const dataType = { "4": "proficiency", "3": "boolean" }[found.dataType] ?? found.dataType;
  return { id: found.id, name: found.name, description: found.description, dataType };
});

export interface TemplateUserResult {
  idProgramUser: number;
  loginName: string;
  userType: "agent" | "supervisor" | "nonContactCenter";
  platformId: number | null;
  siteId: number | null;
  roleGroupId: number | null;
  teamId: number | null;
}

/** A user to clone from (`CceUser.template`), by login name; answers what a clone inherits. */
export const [getTemplateUser, getTemplateUserOutput] = lookup(async (args: { loginName: string }): Promise<TemplateUserResult> => {
  const user = await onProgramSession(() => findUserByLogin(programClient(), args.loginName)).catch((e) => {
    throw redactError(e);
  });
  if (!user) throw notFoundError(`Template user '${args.loginName}'`);
  const userType = user.userTypeCode === "A" ? "agent" : user.userTypeCode === "S" ? "supervisor" : "nonContactCenter";
  return {
    idProgramUser: user.idProgramUser,
    loginName: user.loginNm,
    userType,
    platformId: user.platformId,
    siteId: user.idProgramSite,
    roleGroupId: user.idProgramGroup,
    teamId: user.agentTeamId,
  };
});
