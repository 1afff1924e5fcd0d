/**
 * The CCE Administration Portal emulator: routes `/portal/services/...` to the login, skill
 * and user services and holds their state.
 */
import type { VirtualClock } from "../clock";
import type { VendorReply, VendorRequest, VendorService } from "../vendor";
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

  constructor(clock: VirtualClock, sessionCap: number = DEFAULT_SESSION_CAP) {
    this.sessions = new SessionStore(clock, sessionCap);
  }

  handle(request: VendorRequest): VendorReply {
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
