/**
 * The CCE Administration Portal client: the only code that speaks to the portal.
 *
 * Sessions: one login per process and (url, user, tenant), shared by every resource.
 * Logins are memoised as promises, so twenty resources created at once wait for the same
 * login. A 401 answer means the session ended (idle 30 min, forced after 12 h): the client
 * logs in again and repeats the call, up to RELOGINS_PER_CALL times within one call (a
 * session can end again while the call waits its turn). Sessions are logged out when the engine stops
 * the provider process (it sends SIGINT), so a tenant's concurrent-session cap is not
 * used up by finished runs.
 */
import { apiError, contractError, isApiError, isTransportError } from "../core/errors";
import { send, HttpResponse, RetryPolicy, defaultRetryPolicy } from "../core/http";
import { setTimeout as sleep } from "node:timers/promises";
import { registerSecret } from "../core/secrets";
import { secondsSetting } from "../core/settings";
import { beforeStopOnEngineLoss } from "../core/engine-watchdog";
import type { ConfigSource } from "../core/connection";
import { CceConnection, portalKey, resolveCceConnection } from "./connection";
import { meaningOf } from "./result-codes";
import { z } from "zod";
import { parseAnswer } from "../core/answer";

const CONTRACT = "docs/cce-wire-decisions.md";
/** The answer of a call whose body the caller does not read: the result code alone (checked before). */
const noAnswer = z.object({ code: z.unknown() });

/** The portal wants login values "Hex64" encoded, which in practice is Base64. Kept in one place. */
export const encodeLoginValue = (value: string): string => Buffer.from(value, "utf8").toString("base64");

interface Session {
  /** Every cookie the portal set (JSESSIONID, and any a load balancer adds), sent back on each call. */
  cookies: CookieJar;
  token: string;
}

interface CceResult {
  code: number;
  codeMessage?: string;
  errorMessage?: string;
  freeTextResponse?: string;
}

/** New logins one call may make: a session that keeps ending is a problem to report, not to race. */
const RELOGINS_PER_CALL = 3;

const sessions = new Map<string, Promise<Session>>();
let shutdownHookInstalled = false;

/** Logs out every live session; used on SIGINT and by tests. */
export async function logoutAll(): Promise<void> {
  const entries = [...sessions.entries()];
  sessions.clear();
  await Promise.all(
    entries.map(async ([key, pending]) => {
      try {
        await logout(key.split("|")[0], await pending, { ...defaultRetryPolicy, attempts: 1, timeoutMs: 2_000 });
      } catch {
        // The session will idle out on its own.
      }
    }),
  );
}

/** Ends one session (the one call still sent once calls are halted: a dying run frees its sessions). */
function logout(url: string, session: Session, policy: RetryPolicy): Promise<HttpResponse> {
  return send({ method: "GET", url: `${url}/login/logout`, headers: { cookie: session.cookies.header() }, idempotent: true, endsSession: true }, policy);
}

function installShutdownHook(): void {
  if (shutdownHookInstalled) return;
  shutdownHookInstalled = true;
  // A run killed outright sends no signal: its sessions are freed when the watchdog sees the engine gone.
  beforeStopOnEngineLoss(logoutAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void logoutAll().finally(() => process.exit(0));
    });
  }
}

/**
 * A list asked for with `pageSize: 0` must be every row (seed 001 says so for users, skill
 * groups and memberships; the provider reads every list that way). A portal that reads 0 as
 * its default page would hand back part of a list, and a refresh would take the rest for
 * deleted: an answer whose `pagingInfo` counts more than one page is refused.
 */
function wholeList<T extends object>(endpoint: string, request: object, answer: T): T {
  const asked = (request as { pageSize?: unknown }).pageSize;
  if (asked !== 0 && asked !== "0") return answer;
  const paging = (answer as { pagingInfo?: { totalPages?: unknown; totalElements?: unknown } }).pagingInfo;
  const pages = Number(paging?.totalPages);
  if (Number.isFinite(pages) && pages > 1) {
    throw contractError("CCE", endpoint, `asked for every row (pageSize 0), it answered page 1 of ${pages} (pagingInfo.totalElements ${JSON.stringify(paging?.totalElements)})`, CONTRACT);
  }
  return answer;
}

export class CceClient {
  private readonly key: string;

  constructor(
    private readonly connection: CceConnection,
    private readonly retry: RetryPolicy = defaultRetryPolicy,
  ) {
    this.key = portalKey(connection);
    registerSecret(connection.password);
  }

  /**
   * Calls a portal endpoint with the shared session and returns the parsed body when its
   * `code` is 0. A refusal becomes an ApiError naming the vendor constant and its meaning.
   */
  async call<S extends z.ZodTypeAny = typeof noAnswer>(endpoint: string, body: object, options: { idempotent: boolean }, answer?: S): Promise<z.output<S>> {
    let session = await this.session();
    for (let relogins = 0; ; relogins++) {
      const response = await this.post(endpoint, body, session, options.idempotent);
      session.cookies.take(response);
      const ended = sessionEnded(response);
      if (!ended) return parseAnswer((answer ?? noAnswer) as S, wholeList(endpoint, body, this.parse(endpoint, response)), { system: "CCE", endpoint, contract: CONTRACT });
      if (relogins === RELOGINS_PER_CALL) {
        throw apiError({
          system: "CCE",
          endpoint,
          constant: ended,
          meaning: `the session ended again after each of ${RELOGINS_PER_CALL} new logins within this call: something ends this user's sessions as fast as they start (another tool logging in as the same user under a session cap of 1?)`,
        });
      }
      // The session ended; the call was not processed, so repeating it is safe.
      session = await this.session(session);
    }
  }

  /**
   * For `contact-center conformance`: how the portal answers a call on a session that has
   * ended. A session of its own is opened, logged out, then used for one read; the shared
   * session is not touched. Returns the raw answer, and the names (never the values) of the
   * cookies the login set.
   */
  async endedSessionAnswer(endpoint: string): Promise<{ answer: HttpResponse; cookieNames: string[] }> {
    const session = await this.loginOnce();
    await logout(this.connection.url, session, { ...this.retry, attempts: 1 });
    const answer = await this.post(endpoint, { pageSize: 0, pageNumber: 1 }, session, true);
    return { answer, cookieNames: session.cookies.names() };
  }

  private async post(endpoint: string, body: object, session: Session, idempotent: boolean): Promise<HttpResponse> {
    return send(
      {
        method: "POST",
        url: `${this.connection.url}/${endpoint}`,
        headers: { cookie: session.cookies.header() },
        json: { ...body, authToken: session.token },
        idempotent,
      },
      this.retry,
    );
  }

  /** The answer's JSON when its `code` is 0; a refusal becomes an ApiError naming the vendor constant. */
  private parse<T>(endpoint: string, response: HttpResponse): T & CceResult {
    let parsed: T & CceResult;
    try {
      parsed = JSON.parse(response.body) as T & CceResult;
    } catch {
      throw apiError({
        system: "CCE",
        endpoint,
        constant: `HTTP_${response.status}`,
        meaning: "the portal answered with a body that is not JSON",
        detail: response.body.slice(0, 200),
      });
    }
    if (response.status !== 200 || Number(parsed.code) !== 0) {
      const constant = parsed.codeMessage ?? `HTTP_${response.status}`;
      throw apiError({ system: "CCE", endpoint, constant, meaning: meaningOf(constant), detail: parsed.errorMessage });
    }
    return parsed;
  }

  /** The shared session; `stale` names a session that just failed, to be replaced once. */
  private session(stale?: Session): Promise<Session> {
    const current = sessions.get(this.key);
    if (current && stale) {
      // Only the first caller to see the stale session logs in again; the others reuse its login.
      return current.then((s) => (s === stale ? this.replaceSession(current) : s));
    }
    if (current) return current;
    return this.replaceSession(undefined);
  }

  private replaceSession(expected: Promise<Session> | undefined): Promise<Session> {
    const now = sessions.get(this.key);
    if (now !== expected && now !== undefined) return now;
    const pending = this.login();
    sessions.set(this.key, pending);
    installShutdownHook();
    pending.catch(() => {
      if (sessions.get(this.key) === pending) sessions.delete(this.key);
    });
    return pending;
  }

  /**
   * A login refused because the tenant's session cap is reached is tried again, announced, for
   * up to CONTACT_CENTER_SESSION_WAIT_SECONDS (30 s): the session holding the cap may be this
   * very run's (the program's look-ups log out once idle) or a run that just ended. A refused
   * login creates no session, so trying again is safe.
   */
  private async login(): Promise<Session> {
    const waitMs = sessionWaitMs();
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.loginOnce();
      } catch (error) {
        const waited = Date.now() - started;
        if (!isApiError(error) || error.constant !== SESSION_CAP_REACHED || waited >= waitMs) throw error;
        if (attempt === 0) {
          process.stderr.write(
            `CCE: every session this user may have on the tenant is taken; waiting up to ${Math.round(waitMs / 1000)} s for one to end ` +
              "(CONTACT_CENTER_SESSION_WAIT_SECONDS)\n",
          );
        }
        await sleep(Math.min(1_000 * 2 ** attempt, 5_000, Math.max(0, waitMs - waited)));
      }
    }
  }

  private async loginOnce(): Promise<Session> {
    const { url, username, password, tenantId } = this.connection;
    // A login creates a session, so it is retried only when the portal says it did not process it.
    const response = await send(
      {
        method: "POST",
        url: `${url}/login/login`,
        json: { username: encodeLoginValue(username), password: encodeLoginValue(password) },
        idempotent: false,
      },
      this.retry,
    ).catch((error) => {
      if (isTransportError(error)) error.message = `CCE login: ${error.message}`;
      throw error;
    });
    const cookies = new CookieJar().take(response);
    // Tenant selection comes first: a portal may answer it with a non-zero code.
    const tenants = tenantSelection(response);
    if (tenants) {
      const chosen = tenants.find((t) => matchesTenant(t, tenantId));
      if (!chosen) {
        const list = tenants.map((t) => `${t.programPrefix} (${t.idProgram})`).join(", ");
        throw apiError({
          system: "CCE",
          endpoint: "login/login",
          constant: "TENANT_SELECTION_REQUIRED",
          meaning: meaningOf("TENANT_SELECTION_REQUIRED"),
          detail: tenantId
            ? `cce:tenantId '${tenantId}' is not one of this user's tenants: ${list}`
            : `set cce:tenantId to one of: ${list}`,
        });
      }
      const authorized = await send(
        {
          method: "POST",
          url: `${url}/login/authorizeUserToTenant`,
          headers: { cookie: cookies.header() },
          json: { username, idProgram: chosen.idProgram },
          idempotent: false,
        },
        this.retry,
      );
      cookies.take(authorized);
      const auth = explainingSessionCap(() => this.parse<LoginAnswer>("login/authorizeUserToTenant", authorized));
      warnOfSessionCap(this.key, auth);
      return this.remember(cookies, auth.userToken);
    }
    const body = explainingSessionCap(() => this.parse<LoginAnswer>("login/login", response));
    warnOfSessionCap(this.key, body);
    return this.remember(cookies, body.userToken);
  }

  private remember(cookies: CookieJar, token: string | undefined): Session {
    if (!cookies.has(SESSION_COOKIE) || !token) {
      throw apiError({
        system: "CCE",
        endpoint: "login/login",
        constant: "USER_NOT_AUTHENTICATED",
        meaning: "the login answer carried no JSESSIONID cookie or no userToken",
      });
    }
    registerSecret(token);
    cookies.registerSecrets();
    return { cookies, token };
  }
}

/** What a login answers that the client reads (LoginResponse, AuthorizeUserToTenantResponse). */
interface LoginAnswer {
  userToken?: string;
  maxAllowedConnectionsToTenant?: number;
  programPrefix?: string;
}

const SESSION_CAP_REACHED = "AUTHORIZE_USER_TO_TENANT_FAILED_USER_ALREADY_LOGGED_ON_ANOTHER_SESSION";

/** `CONTACT_CENTER_SESSION_WAIT_SECONDS`, else 30 s: how long a login waits for a session under the cap to end. */
export function sessionWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  return secondsSetting("CONTACT_CENTER_SESSION_WAIT_SECONDS", 30, { env });
}

/** A refused login because of the session cap, with what a person can do about it. */
function explainingSessionCap<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (isApiError(error) && error.constant === SESSION_CAP_REACHED) {
      error.message +=
        ". Every session this user may have on the tenant is live: another run, tool or person is logged in as this user, or an earlier " +
        "run left its session behind (a run killed, or a login whose answer was lost, keeps its session until it idles out, 30 minutes " +
        "by the portal's rule). Wait for it, end it in the portal, or give automation a user of its own.";
    }
    throw error;
  }
}

const warnedCaps = new Set<string>();

/**
 * A tenant that allows one session per user turns any session left behind into a lock-out of
 * up to 30 minutes: said once per run, before it happens, on standard error (which the Pulumi
 * CLI shows).
 */
function warnOfSessionCap(key: string, answer: LoginAnswer): void {
  if (answer.maxAllowedConnectionsToTenant !== 1 || warnedCaps.has(key)) return;
  warnedCaps.add(key);
  process.stderr.write(
    `CCE: the tenant${answer.programPrefix ? ` ${answer.programPrefix}` : ""} allows this user one session at a time (maxAllowedConnectionsToTenant 1). ` +
      "A run that is killed, or a login whose answer is lost, leaves a session that keeps every other login out until it idles out " +
      "(30 minutes). Give automation a user of its own, or ask for a higher limit.\n",
  );
}

interface TenantInfo {
  programPrefix: string;
  programNm?: string;
  idProgram: number;
}

function matchesTenant(tenant: TenantInfo, wanted: string | undefined): boolean {
  if (!wanted) return false;
  return tenant.programPrefix.toLowerCase() === wanted.toLowerCase() || String(tenant.idProgram) === wanted;
}

const SESSION_COOKIE = "JSESSIONID";

/**
 * The cookies a portal session lives on: JSESSIONID, and whatever else the portal or a load
 * balancer in front of it sets (a sticky-session cookie, say). All are sent back; a cookie set
 * again replaces its value, one set with Max-Age=0 or an expiry in the past is dropped.
 */
export class CookieJar {
  private readonly values = new Map<string, string>();

  take(response: HttpResponse): this {
    const header = response.headers["set-cookie"];
    for (const line of Array.isArray(header) ? header : header ? [header] : []) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split("=")[1]) < Date.now()));
      if (expired || value === "") this.values.delete(name);
      else this.values.set(name, value);
    }
    return this;
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  header(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  names(): string[] {
    return [...this.values.keys()];
  }

  registerSecrets(): void {
    for (const value of this.values.values()) registerSecret(value);
  }
}

/**
 * Whether the portal says the session is over, however it says it: HTTP 401 (the document), a
 * redirect (to a login page, as a web front end does), or a 200 whose result is
 * USER_NOT_AUTHENTICATED. Answers the constant to report, or undefined.
 */
export function sessionEnded(response: HttpResponse): string | undefined {
  if (response.status === 401) return "HTTP_401";
  if (response.status >= 300 && response.status < 400) return `HTTP_${response.status} (a redirect to ${String(response.headers.location ?? "nowhere")})`;
  if (response.status === 200 && response.body.includes("USER_NOT_AUTHENTICATED")) {
    try {
      const parsed = JSON.parse(response.body) as CceResult;
      if (parsed.codeMessage === "USER_NOT_AUTHENTICATED" && Number(parsed.code) !== 0) return "USER_NOT_AUTHENTICATED";
    } catch {
      // not JSON: not this signal
    }
  }
  return undefined;
}

/** The tenants to choose from when the login answer asks for a choice, whatever its code. */
function tenantSelection(response: HttpResponse): TenantInfo[] | undefined {
  try {
    const parsed = JSON.parse(response.body) as CceResult & { accessibleTenantsList?: TenantInfo[] };
    return parsed.codeMessage === "TENANT_SELECTION_REQUIRED" ? (parsed.accessibleTenantsList ?? []) : undefined;
  } catch {
    return undefined;
  }
}

/** The connection a lifecycle's config names and a client on it: one resolve serves both. */
export function connectCce(config: ConfigSource | undefined): { connection: CceConnection; cce: CceClient } {
  const connection = resolveCceConnection(config);
  return { connection, cce: new CceClient(connection) };
}
