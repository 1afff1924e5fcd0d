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
import { apiError, isApiError, isTransportError } from "../core/errors";
import { send, HttpResponse, RetryPolicy, defaultRetryPolicy } from "../core/http";
import { registerSecret } from "../core/secrets";
import { beforeStopOnEngineLoss } from "../core/engine-watchdog";
import type { ConfigSource } from "../core/connection";
import { CceConnection, portalKey, resolveCceConnection } from "./connection";
import { meaningOf } from "./result-codes";

/** The portal wants login values "Hex64" encoded, which in practice is Base64. Kept in one place. */
export const encodeLoginValue = (value: string): string => Buffer.from(value, "utf8").toString("base64");

interface Session {
  cookie: string;
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
        const session = await pending;
        const url = key.split("|")[0];
        await send(
          { method: "GET", url: `${url}/login/logout`, headers: { cookie: `JSESSIONID=${session.cookie}` }, idempotent: true, endsSession: true },
          { ...defaultRetryPolicy, attempts: 1, timeoutMs: 2_000 },
        );
      } catch {
        // The session will idle out on its own.
      }
    }),
  );
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
  async call<T extends object>(endpoint: string, body: object, options: { idempotent: boolean }): Promise<T & CceResult> {
    let session = await this.session();
    for (let relogins = 0; ; relogins++) {
      const response = await this.post(endpoint, body, session, options.idempotent);
      if (response.status !== 401) return this.parse<T>(endpoint, response);
      if (relogins === RELOGINS_PER_CALL) {
        throw apiError({
          system: "CCE",
          endpoint,
          constant: "HTTP_401",
          meaning: `the session ended again after each of ${RELOGINS_PER_CALL} new logins within this call: something ends this user's sessions as fast as they start (another tool logging in as the same user under a session cap of 1?)`,
        });
      }
      // The session ended; a 401 means the call was not processed, so repeating it is safe.
      session = await this.session(session);
    }
  }

  private async post(endpoint: string, body: object, session: Session, idempotent: boolean): Promise<HttpResponse> {
    return send(
      {
        method: "POST",
        url: `${this.connection.url}/${endpoint}`,
        headers: { cookie: `JSESSIONID=${session.cookie}` },
        json: { ...body, authToken: session.token },
        idempotent,
      },
      this.retry,
    );
  }

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

  private async login(): Promise<Session> {
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
    const cookie = readSessionCookie(response);
    const body = explainingSessionCap(() => this.parse<LoginAnswer & { accessibleTenantsList?: TenantInfo[] }>("login/login", response));

    if (body.codeMessage === "TENANT_SELECTION_REQUIRED") {
      const tenants = body.accessibleTenantsList ?? [];
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
          headers: { cookie: `JSESSIONID=${cookie}` },
          json: { username, idProgram: chosen.idProgram },
          idempotent: false,
        },
        this.retry,
      );
      const auth = explainingSessionCap(() => this.parse<LoginAnswer>("login/authorizeUserToTenant", authorized));
      warnOfSessionCap(this.key, auth);
      return this.remember(readSessionCookie(authorized, cookie), auth.userToken);
    }
    warnOfSessionCap(this.key, body);
    return this.remember(cookie, body.userToken);
  }

  private remember(cookie: string | undefined, token: string | undefined): Session {
    if (!cookie || !token) {
      throw apiError({
        system: "CCE",
        endpoint: "login/login",
        constant: "USER_NOT_AUTHENTICATED",
        meaning: "the login answer carried no JSESSIONID cookie or no userToken",
      });
    }
    registerSecret(token);
    registerSecret(cookie);
    return { cookie, token };
  }
}

/** What a login answers that the client reads (LoginResponse, AuthorizeUserToTenantResponse). */
interface LoginAnswer {
  userToken?: string;
  maxAllowedConnectionsToTenant?: number;
  programPrefix?: string;
}

const SESSION_CAP_REACHED = "AUTHORIZE_USER_TO_TENANT_FAILED_USER_ALREADY_LOGGED_ON_ANOTHER_SESSION";

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

function readSessionCookie(response: HttpResponse, fallback?: string): string | undefined {
  const header = response.headers["set-cookie"];
  const cookies = Array.isArray(header) ? header : header ? [header] : [];
  for (const cookie of cookies) {
    const match = /(?:^|;\s*)JSESSIONID=([^;]+)/.exec(cookie);
    if (match) return match[1];
  }
  return fallback;
}

/** The connection a lifecycle's config names and a client on it: one resolve serves both. */
export function connectCce(config: ConfigSource | undefined): { connection: CceConnection; cce: CceClient } {
  const connection = resolveCceConnection(config);
  return { connection, cce: new CceClient(connection) };
}
