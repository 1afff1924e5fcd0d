/**
 * The CCE login service (seed 001, chapter 1): login, authorizeUserToTenant, logout, and
 * the session check every `protected/...` call goes through.
 *
 * A session is born at login with a JSESSIONID cookie. It is authorized to one tenant at
 * once (single-tenant users) or after authorizeUserToTenant (partner users), which gives
 * it the userToken later calls send as `authToken`. It ends at logout, after 30 minutes
 * without use, or 12 hours after login whatever the activity, all on the virtual clock.
 */
import { randomBytes } from "node:crypto";
import type { VirtualClock } from "../clock";
import type { VendorReply } from "../vendor";
import type { CceData, Membership, PortalUser } from "./tenant";
import { INVALID, JsonObject, failure, readInt, readString, success } from "./wire";

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const FORCED_LOGOUT_MS = 12 * 60 * 60 * 1000;
/** Concurrent sessions per (tenant, user) when nothing else is configured. */
export const DEFAULT_SESSION_CAP = 5;

/** The session cookie, as the document names it. */
export const SESSION_COOKIE = "JSESSIONID";
/** `<mgmt.username>@<Tenant Instance ID>`, the instance id being a 3-character code. */
const LOGIN_NAME = /^[^@\s]+@[A-Za-z0-9]{3}$/;

export interface Session {
  id: string;
  user: PortalUser;
  createdAt: number;
  lastUsedAt: number;
  /** Set once the session is authorized to a tenant. */
  tenant?: Membership;
  userToken?: string;
  /** Set when the session was ended from outside (the expire-sessions fault). */
  revoked?: boolean;
}

// The encoding itself lives with the client; the emulator only needs to undo it.
export { encodeLoginValue } from "../../provider/cce/client";

/**
 * Decodes a Base64 login value, or returns undefined when it is not Base64 of UTF-8 text.
 * Padding is optional, as with Java's Base64 decoder.
 */
export function decodeLoginValue(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const unpadded = value.replace(/={1,2}$/, "");
  if (!/^[A-Za-z0-9+/]*$/.test(unpadded) || unpadded.length % 4 === 1) return undefined;
  if (unpadded !== value && value.length % 4 !== 0) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(unpadded, "base64"));
  } catch {
    return undefined;
  }
}

export class SessionStore {
  private sessions = new Map<string, Session>();

  /** @param cap live sessions allowed per (tenant, user); 0 = unlimited. */
  constructor(
    private readonly clock: VirtualClock,
    public cap: number = DEFAULT_SESSION_CAP,
  ) {}

  create(user: PortalUser): Session {
    const now = this.clock.now();
    // Tomcat-style session id: 32 upper-case hex digits.
    const session: Session = { id: randomBytes(16).toString("hex").toUpperCase(), user, createdAt: now, lastUsedAt: now };
    this.sessions.set(session.id, session);
    return session;
  }

  /** Why the session is not usable, or undefined while it is live. */
  endReason(session: Session): string | undefined {
    const now = this.clock.now();
    if (session.revoked) return "the session was ended by the server";
    if (now - session.createdAt >= FORCED_LOGOUT_MS) return "the session was forcibly logged out 12 hours after login";
    if (now - session.lastUsedAt >= IDLE_TIMEOUT_MS) return "the session was idle for 30 minutes";
    return undefined;
  }

  /** The live session behind a cookie value, or why there is none. */
  find(id: string | undefined): { session: Session } | { reason: string } {
    if (!id) return { reason: `no ${SESSION_COOKIE} cookie was sent` };
    const session = this.sessions.get(id);
    if (!session) return { reason: `the ${SESSION_COOKIE} cookie names no session (logged out, or never logged in)` };
    const reason = this.endReason(session);
    return reason ? { reason } : { session };
  }

  touch(session: Session): void {
    session.lastUsedAt = this.clock.now();
  }

  /** Whether one more session of this user on this tenant would exceed the cap. */
  atCap(user: PortalUser, idProgram: number): boolean {
    if (this.cap === 0) return false;
    this.prune();
    let live = 0;
    for (const session of this.sessions.values()) {
      if (session.user === user && session.tenant?.idProgram === idProgram) live += 1;
    }
    return live >= this.cap;
  }

  /** Authorizes the session to a tenant and gives it a fresh userToken. */
  authorize(session: Session, membership: Membership): void {
    session.tenant = membership;
    session.userToken = randomBytes(24).toString("base64url");
    this.touch(session);
  }

  end(session: Session): void {
    this.sessions.delete(session.id);
  }

  /** Ends every session at once; their cookies then answer 401 with the reason. */
  revokeAll(): void {
    for (const session of this.sessions.values()) session.revoked = true;
  }

  clear(): void {
    this.sessions.clear();
  }

  /** Forgets sessions that have ended, so they stop counting towards the cap. */
  private prune(): void {
    for (const session of this.sessions.values()) {
      if (this.endReason(session)) this.sessions.delete(session.id);
    }
  }
}

/** `POST login/login {username, password}`, both Base64-encoded. */
export function login(data: CceData, sessions: SessionStore, body: JsonObject): VendorReply {
  if (body.username === undefined || body.username === null || body.username === "") {
    return failure("INVALID_LOGIN_NAME", "the username field is missing or empty");
  }
  const loginNm = decodeLoginValue(body.username);
  if (loginNm === undefined || !LOGIN_NAME.test(loginNm)) {
    return failure(
      "INVALID_LOGIN_NAME_NOT_IN_EXPECTED_FORMAT",
      loginNm === undefined
        ? "the username is not Base64-encoded text"
        : `the username must be <mgmt.username>@<3-character tenant code>, got '${loginNm}'`,
    );
  }
  // Directory logins are case-insensitive.
  const user = data.users.find((candidate) => candidate.loginNm.toLowerCase() === loginNm.toLowerCase());
  if (!user) return failure("LDAP_AUTHENTICATION_FAILED_USER_NOT_FOUND", `no user '${loginNm}' in the directory`);
  // The password before the login flag: the directory answers before the portal's own setting.
  if (decodeLoginValue(body.password) !== user.password) return failure("LDAP_AUTHENTICATION_FAILED");
  if (!user.loginEnabled) return failure("LOGIN_NOT_ENABLED_FOR_USER");

  const accessibleTenantsList = user.tenants.map((membership) => {
    const tenant = tenantOf(data, membership);
    return { programPrefix: tenant.programPrefix, programNm: tenant.programNm, idProgram: tenant.idProgram };
  });

  if (user.tenants.length > 1) {
    const session = sessions.create(user);
    return success(
      "TENANT_SELECTION_REQUIRED",
      { loggedUserInfo: loggedUserInfo(user, undefined), accessibleTenantsList, userToken: null, idProgram: null },
      { "set-cookie": setCookie(session.id) },
    );
  }

  const membership = user.tenants[0];
  if (sessions.atCap(user, membership.idProgram)) return capReached(sessions);
  const session = sessions.create(user);
  sessions.authorize(session, membership);
  return success(
    "USER_AUTHENTICATED_SUCCESSFULLY",
    { ...authorizedSessionInfo(data, sessions, session), accessibleTenantsList },
    { "set-cookie": setCookie(session.id) },
  );
}

/** `POST login/authorizeUserToTenant {username, idProgram}` with the cookie of a login. */
export function authorizeUserToTenant(
  data: CceData,
  sessions: SessionStore,
  body: JsonObject,
  cookie: string | undefined,
): VendorReply {
  const username = readString(body.username);
  if (username === undefined || username === INVALID || username.trim() === "") {
    return failure("AUTHORIZE_USER_TO_TENANT_FAILED_REQD_LOGIN_NM_MISSING");
  }
  const idProgram = readInt(body.idProgram);
  if (idProgram === undefined) return failure("AUTHORIZE_USER_TO_TENANT_FAILED_REQD_ID_PROGRAM_MISSING");

  const found = sessions.find(cookie);
  if ("reason" in found) return failure("AUTHORIZE_USER_TO_TENANT_FAILED_USER_TOKEN_DOES_NOT_MATCH", found.reason);
  const { session } = found;
  if (!sameLogin(session.user, username)) {
    return failure(
      "AUTHORIZE_USER_TO_TENANT_FAILED_USER_TOKEN_DOES_NOT_MATCH",
      `the session belongs to another user than '${username}'`,
    );
  }
  // authToken is optional here (a partner has none before this call), but a wrong one is refused.
  const authToken = body.authToken ?? undefined;
  if (authToken !== undefined && session.userToken !== undefined && authToken !== session.userToken) {
    return failure("AUTHORIZE_USER_TO_TENANT_FAILED_USER_TOKEN_DOES_NOT_MATCH", "the authToken is not this session's userToken");
  }
  const membership = idProgram === INVALID ? undefined : session.user.tenants.find((m) => m.idProgram === idProgram);
  if (!membership) {
    return failure(
      "AUTHORIZE_USER_TO_TENANT_FAILED_TENANT_NOT_FOUND",
      `idProgram ${JSON.stringify(body.idProgram)} is not a tenant this user can access`,
    );
  }
  // Authorizing again to the same tenant keeps the token: the session already counts towards the cap.
  if (session.tenant?.idProgram !== membership.idProgram) {
    if (sessions.atCap(session.user, membership.idProgram)) return capReached(sessions);
    sessions.authorize(session, membership);
  } else {
    sessions.touch(session);
  }
  return success("USER_AUTHENTICATED_SUCCESSFULLY", {
    ...authorizedSessionInfo(data, sessions, session),
    ssoLoggedUser: false,
    internal: false,
  });
}

/** `GET login/logout` with the cookie. */
export function logout(sessions: SessionStore, cookie: string | undefined): VendorReply {
  const found = sessions.find(cookie);
  if ("reason" in found) return failure("USER_ALREADY_LOGGED_OUT", found.reason);
  sessions.end(found.session);
  return success("LOGOUT_SUCCESSFUL", {}, { "set-cookie": `${SESSION_COOKIE}=; Path=/portal; Max-Age=0; HttpOnly` });
}

/**
 * The check in front of every `protected/...` call: the cookie must name a live,
 * authorized session and `authToken` must be its userToken. Anything else is HTTP 401.
 */
export function authenticate(
  sessions: SessionStore,
  cookie: string | undefined,
  body: JsonObject,
): { session: Session & { tenant: Membership } } | { reply: VendorReply } {
  const found = sessions.find(cookie);
  if ("reason" in found) return { reply: notAuthenticated(found.reason) };
  const { session } = found;
  if (!session.tenant) return { reply: notAuthenticated("the session is not authorized to a tenant yet: call login/authorizeUserToTenant") };
  if (body.authToken === undefined || body.authToken === null) return { reply: notAuthenticated("the authToken field is missing") };
  if (body.authToken !== session.userToken) return { reply: notAuthenticated("the authToken is not this session's userToken") };
  sessions.touch(session);
  return { session: session as Session & { tenant: Membership } };
}

function notAuthenticated(reason: string): VendorReply {
  return failure("USER_NOT_AUTHENTICATED", reason, 401);
}

function capReached(sessions: SessionStore): VendorReply {
  return failure(
    "AUTHORIZE_USER_TO_TENANT_FAILED_USER_ALREADY_LOGGED_ON_ANOTHER_SESSION",
    `this user already has ${sessions.cap} live sessions on the tenant, the maximum allowed`,
  );
}

function setCookie(id: string): string {
  return `${SESSION_COOKIE}=${id}; Path=/portal; HttpOnly`;
}

/** The authorize call names the user in clear text or Base64 (the login's encoding); accept both. */
function sameLogin(user: PortalUser, username: string): boolean {
  const wanted = user.loginNm.toLowerCase();
  return username.toLowerCase() === wanted || decodeLoginValue(username)?.toLowerCase() === wanted;
}

function tenantOf(data: CceData, membership: Membership) {
  const tenant = data.tenants.find((t) => t.idProgram === membership.idProgram);
  if (!tenant) throw new Error(`seed data: user membership names unknown tenant ${membership.idProgram}`);
  return tenant;
}

function loggedUserInfo(user: PortalUser, programPrefix: string | undefined) {
  const [firstPartOfUserName, domain] = user.loginNm.split("@");
  return {
    userEmail: user.email,
    firstName: user.firstName,
    firstPartOfUserName,
    userTypeLevel: user.userTypeLevel,
    internalUser: false,
    userTypeCode: "ADMIN",
    programPrefix: programPrefix ?? domain,
    lastName: user.lastName,
    username: user.loginNm,
  };
}

/** The fields LoginResponse and AuthorizeUserToTenantResponse share for an authorized session. */
function authorizedSessionInfo(data: CceData, sessions: SessionStore, session: Session): JsonObject {
  if (!session.tenant) throw new Error("session is not authorized");
  const tenant = tenantOf(data, session.tenant);
  return {
    applicationCodesEnabled: ["SKILLS", "USERS"],
    loggedUserInfo: loggedUserInfo(session.user, tenant.programPrefix),
    ucceVersion: "12.6(2)",
    schedulesNotificationEnabled: false,
    deploymentType: "WEBEX_CCE",
    loginExpiryMessage: null,
    userDomain: tenant.userDomain,
    accessRolesMap: { SKILL_GROUPS: true, USERS: true },
    emailEnabled: false,
    adReadOnlyEnabled: false,
    feedbackFeaturesEnabledMap: {},
    iptEnabled: false,
    userToken: session.userToken,
    loginExpiring: false,
    idProgram: tenant.idProgram,
    maxAllowedConnectionsToTenant: sessions.cap,
    ssoEnabled: false,
    icmUserNmFormat: 0,
    programUserRolesMap: { ADMIN: true },
    enableUsage: false,
    programPrefix: tenant.programPrefix,
    icmSSOMode: 0,
    sacNotificationsEnabled: false,
    ssoType: 0,
    loginExpiryDays: 0,
    idProgramUser: session.tenant.idProgramUser,
  };
}
