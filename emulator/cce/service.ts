/**
 * The CCE Administration Portal emulator: routes `/portal/services/...` to the login, skill
 * and user services and holds their state.
 */
import type { VirtualClock } from "../clock";
import type { VendorReply, VendorRequest, VendorService } from "../vendor";
import { CCE_VARIANT_DEFAULT_PAGE, Variants } from "../variants";
import { SessionStore, SESSION_COOKIE, authenticate, authorizeUserToTenant, login, logout, DEFAULT_SESSION_CAP } from "./login";
import { getSkillGroups, saveSkillGroup } from "./skills";
import { getAllAttributes } from "./attributes";
import { getAllPrecisionQueues, getPQByID, updatePrecisionQueue } from "./precision-queues";
import {
  getAllAgents, getAllAgentsForSkill, getSkillsForAgent, saveAgentsToSkill, saveAttributesToAgent, saveSkillsToAgent, updateAgentAttributes,
} from "./agents";
import {
  cloneUser, deleteUser, enableDisableUserInICM, enableDisableUserInPortal, getAccessSummaryByUser, getUserByIdProgram, getUsers,
  resetPassword, setUserStatus, updateUser,
} from "./users";
import {
  getAllAgentDeskSettings, getAllApmProfiles, getAllBillingUnits, getAllDepartments, getAllPlatforms, getAllRoles, getAllSites,
  getManageableAccessCollections,
} from "./lookups";
import { CceData, seedCceData } from "./tenant";
import { JsonObject, failure, readCookie, readJsonBody } from "./wire";

/** The base path of every CCE call. */
export const CCE_BASE_PATH = "/portal/services";

type Route =
  | { method: "GET"; handle: (cce: CceService, cookie: string | undefined) => VendorReply }
  | { method: "POST"; handle: (cce: CceService, body: JsonObject, cookie: string | undefined) => VendorReply };

/** `protected/...` calls run only for an authorized session, on its tenant's data. */
function protectedRoute(handler: (data: CceData, idProgram: number, body: JsonObject) => VendorReply): Route {
  return {
    method: "POST",
    handle: (cce, body, cookie) => {
      const auth = authenticate(cce.sessions, cookie, body);
      return "reply" in auth ? auth.reply : handler(cce.data, auth.session.tenant.idProgram, body);
    },
  };
}

const routes: Record<string, Route> = {
  "login/login": { method: "POST", handle: (cce, body) => login(cce.data, cce.sessions, body) },
  "login/authorizeUserToTenant": {
    method: "POST",
    handle: (cce, body, cookie) => authorizeUserToTenant(cce.data, cce.sessions, body, cookie),
  },
  "login/logout": { method: "GET", handle: (cce, cookie) => logout(cce.sessions, cookie) },
  "protected/skills/getSkillGroups": protectedRoute(getSkillGroups),
  "protected/skills/saveSkillGroup": protectedRoute(saveSkillGroup),
  // The seed's URIs: precisionQueues/... and attributes/..., not skills/....
  "protected/precisionQueues/getAllPrecisionQueues": protectedRoute(getAllPrecisionQueues),
  "protected/precisionQueues/getPQByID": protectedRoute(getPQByID),
  "protected/precisionQueues/updatePrecisionQueue": protectedRoute(updatePrecisionQueue),
  "protected/attributes/getAllAttributes": protectedRoute(getAllAttributes),
  "protected/attributes/getAllAgents": protectedRoute(getAllAgents),
  "protected/attributes/saveAttributesToAgent": protectedRoute(saveAttributesToAgent),
  "protected/attributes/updateAgentAttributes": protectedRoute(updateAgentAttributes),
  "protected/quickskills/getAllAgentsForSkill": protectedRoute(getAllAgentsForSkill),
  "protected/quickskills/getSkillsForAgent": protectedRoute(getSkillsForAgent),
  "protected/quickskills/saveSkillsToAgent": protectedRoute(saveSkillsToAgent),
  "protected/quickskills/saveAgentsToSkill": protectedRoute(saveAgentsToSkill),
  "protected/users/cloneUser": protectedRoute(cloneUser),
  "protected/users/updateUser": protectedRoute(updateUser),
  "protected/users/getUserByIdProgram": protectedRoute(getUserByIdProgram),
  "protected/users/getUsers": protectedRoute(getUsers),
  "protected/users/deleteUser": protectedRoute(deleteUser),
  "protected/users/setUserStatus": protectedRoute(setUserStatus),
  "protected/users/enableDisableUserInICM": protectedRoute(enableDisableUserInICM),
  "protected/users/enableDisableUserInPortal": protectedRoute(enableDisableUserInPortal),
  "protected/users/resetPassword": protectedRoute(resetPassword),
  "protected/users/getAccessSummaryByUser": protectedRoute(getAccessSummaryByUser),
  // Lookups: the document's URIs put some under users/, others under their own service.
  "protected/sites/getAllSites": protectedRoute(getAllSites),
  "protected/roles/getAllRoles": protectedRoute(getAllRoles),
  "protected/departments/getAllDepartments": protectedRoute(getAllDepartments),
  "protected/users/getAllBillingUnits": protectedRoute(getAllBillingUnits),
  "protected/users/getAllPlatforms": protectedRoute(getAllPlatforms),
  "protected/users/getAllAgentDeskSettings": protectedRoute(getAllAgentDeskSettings),
  "protected/users/getAllApmProfiles": protectedRoute(getAllApmProfiles),
  "protected/access/getManageableAccessCollectionsForCloneUserObjectsByCriteria": protectedRoute(getManageableAccessCollections),
};

export class CceService implements VendorService {
  readonly prefix = `${CCE_BASE_PATH}/`;
  data: CceData = seedCceData();
  readonly sessions: SessionStore;

  constructor(
    clock: VirtualClock,
    sessionCap: number = DEFAULT_SESSION_CAP,
    private readonly variants: Variants = new Variants(),
  ) {
    this.sessions = new SessionStore(clock, sessionCap);
  }

  handle(request: VendorRequest): VendorReply {
    return playVariants(this.variants, request, (asked) => this.serve(asked));
  }

  private serve(request: VendorRequest): VendorReply {
    const route = routes[request.path];
    if (!route) return failure("BAD_REQUEST", `no service at ${this.prefix}${request.path}`, 404);
    if (request.method !== route.method) {
      const reply = failure("BAD_REQUEST", `${this.prefix}${request.path} takes ${route.method}, got ${request.method}`, 405);
      return { ...reply, headers: { allow: route.method } };
    }
    const cookie = readCookie(request.headers, SESSION_COOKIE);
    if (route.method === "GET") return route.handle(this, cookie);
    const parsed = readJsonBody(request);
    return parsed.ok ? route.handle(this, parsed.body, cookie) : parsed.reply;
  }

  reset(): void {
    this.data = seedCceData();
    this.sessions.clear();
  }

  expireSessions(): void {
    this.sessions.revokeAll();
  }
}

const LOAD_BALANCER_COOKIE = "AWSALB";

/** The reply a server playing the variants in play would give (emulator/variants.ts). */
function playVariants(variants: Variants, request: VendorRequest, serve: (request: VendorRequest) => VendorReply): VendorReply {
  if (variants.has("cce-load-balancer-cookie") && request.path.startsWith("protected/") && readCookie(request.headers, LOAD_BALANCER_COOKIE) !== "node-1") {
    return sessionEnded(variants, failure("USER_NOT_AUTHENTICATED", "this node knows no such session (no load-balancer cookie)", 401));
  }
  let asked = variants.has("cce-page-size-zero-pages") ? withDefaultPage(request) : request;
  if (variants.has("cce-relation-codes-from-zero") && request.path === "protected/precisionQueues/updatePrecisionQueue") asked = withRelationsShifted(asked, +1);
  let reply = sessionEnded(variants, serve(asked));
  const body = reply.body as JsonObject | undefined;
  if (!body || typeof body !== "object") return reply;
  if (variants.has("cce-load-balancer-cookie") && request.path === "login/login" && body.code === 0) {
    const setCookie = reply.headers?.["set-cookie"];
    const cookies = [...(Array.isArray(setCookie) ? setCookie : setCookie ? [String(setCookie)] : []), `${LOAD_BALANCER_COOKIE}=node-1; Path=/`];
    reply = { ...reply, headers: { ...reply.headers, "set-cookie": cookies } };
  }
  if (variants.has("cce-tenant-selection-code") && body.codeMessage === "TENANT_SELECTION_REQUIRED") reply = { ...reply, body: { ...body, code: -1 } };
  if (variants.has("cce-agents-without-ids") && request.path === "protected/attributes/getAllAgents" && Array.isArray(body.agents)) {
    reply = { ...reply, body: { ...body, agents: (body.agents as JsonObject[]).map((agent) => ({ attributes: agent.attributes })) } };
  }
  if (request.path === "protected/skills/getSkillGroups" && Array.isArray(body.skillGroupList) && Array.isArray(body.basicSkillGroupList)) {
    const basics = body.basicSkillGroupList as JsonObject[];
    const details = body.skillGroupList as JsonObject[];
    if (variants.has("cce-skill-group-details-by-id")) {
      reply = { ...reply, body: { ...body, skillGroupList: details.map((detail, i) => ({ ...detail, originalId: basics[i].skillTargetId })).reverse() } };
    }
    if (variants.has("cce-skill-group-details-short") && details.length > 0) reply = { ...reply, body: { ...body, skillGroupList: details.slice(0, -1) } };
  }
  if (variants.has("cce-user-agent-id-is-peripheral-number") && /^protected\/users\/(getUsers|getUserByIdProgram)$/.test(request.path) && Array.isArray(body.userAgentInfoList)) {
    const rows = (body.userAgentInfoList as JsonObject[]).map((row) => (row.agentId === null || row.agentId === undefined ? row : { ...row, agentId: Number(row.peripheralNumber) }));
    reply = { ...reply, body: { ...body, userAgentInfoList: rows } };
  }
  if (variants.has("cce-relation-codes-from-zero") && request.path === "protected/precisionQueues/getPQByID" && body.precisionQueueInfo) {
    reply = { ...reply, body: { ...body, precisionQueueInfo: relationsShifted(body.precisionQueueInfo as JsonObject, -1) } };
  }
  return reply;
}

/** A queue's terms with every attributeRelation moved by `by`: the emulator keeps 1 to 6, the variant's wire 0 to 5. */
function relationsShifted(queue: JsonObject, by: number): JsonObject {
  const steps = Array.isArray(queue.steps) ? (queue.steps as JsonObject[]) : [];
  return {
    ...queue,
    steps: steps.map((step) => ({
      ...step,
      terms: (Array.isArray(step.terms) ? (step.terms as JsonObject[]) : []).map((term) =>
        typeof term.attributeRelation === "number" ? { ...term, attributeRelation: term.attributeRelation + by } : term,
      ),
    })),
  };
}

function withRelationsShifted(request: VendorRequest, by: number): VendorRequest {
  const parsed = readJsonBody(request);
  if (!parsed.ok || typeof parsed.body.precisionQueue !== "object" || parsed.body.precisionQueue === null) return request;
  return { ...request, body: Buffer.from(JSON.stringify({ ...parsed.body, precisionQueue: relationsShifted(parsed.body.precisionQueue as JsonObject, by) })) };
}

/** The request with `pageSize: 0` read as the variant's default page size. */
function withDefaultPage(request: VendorRequest): VendorRequest {
  const parsed = readJsonBody(request);
  if (!parsed.ok || (parsed.body.pageSize !== 0 && parsed.body.pageSize !== "0")) return request;
  return { ...request, body: Buffer.from(JSON.stringify({ ...parsed.body, pageSize: CCE_VARIANT_DEFAULT_PAGE })) };
}

/** An ended session as the variants in play say it: 401 (the document), a 200 with code -1, or a redirect. */
function sessionEnded(variants: Variants, reply: VendorReply): VendorReply {
  if (reply.status !== 401) return reply;
  if (variants.has("cce-expiry-as-200")) return { ...reply, status: 200 };
  if (variants.has("cce-expiry-as-redirect")) return { status: 302, headers: { location: "/portal/login.jsp" }, body: "" };
  return reply;
}
