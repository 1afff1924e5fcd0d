/**
 * One HTTP server for every emulated vendor API. It routes requests by path prefix to the
 * vendor emulators and adds what tests need around them: call counting, a call journal,
 * injected faults, latency, a virtual clock and a control API under `/_emulator/`.
 */
import http, { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { VirtualClock } from "./clock";
import { CceService } from "./cce/service";
import { OracleService } from "./oracle/service";
import { RiskCcService } from "./riskcc/service";
import { UcPortalService } from "./ucportal/service";
import { VARIANT_NAMES, Variant, Variants } from "./variants";
import { meaningOf } from "../provider/cce/result-codes";
import { DEFAULT_SESSION_CAP } from "./cce/login";
import { FaultStore, OutcomeFault, faultSpecSchema } from "./faults";
import { CallJournal, isWrite, journalBody } from "./journal";
import type { VendorReply, VendorService } from "./vendor";

export interface EmulatorOptions {
  /** TCP port; 0 picks any free port. @default 0 */
  port?: number;
  /** Interface to bind. @default "127.0.0.1" */
  host?: string;
  /** Delay added to every vendor call, in milliseconds. @default 0 */
  latencyMs?: number;
  /** Live CCE sessions allowed per (tenant, user); 0 = unlimited. @default 5 */
  sessionCap?: number;
  /** Deviations from the documents to play (emulator/variants.ts). @default [] */
  variants?: Variant[];
}

const CONTROL_PREFIX = "/_emulator";
const MAX_BODY_BYTES = 1024 * 1024;

const configSchema = z
  .object({
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    sessionCap: z.number().int().min(0).optional(),
    variants: z.array(z.enum(VARIANT_NAMES as [Variant, ...Variant[]])).optional(),
  })
  .strict();
const clockSchema = z.object({ advanceSeconds: z.number().finite().min(0) }).strict();
const verifyPasswordSchema = z.object({ loginNm: z.string(), password: z.string() }).strict();

/** Counts vendor requests by `METHOD path`. */
class CallCounter {
  private counts = new Map<string, number>();

  count(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  snapshot(): { total: number; byEndpoint: Record<string, number> } {
    const byEndpoint = Object.fromEntries(this.counts);
    return { total: Object.values(byEndpoint).reduce((sum, n) => sum + n, 0), byEndpoint };
  }

  reset(): void {
    this.counts.clear();
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class EmulatorServer {
  readonly clock = new VirtualClock();
  private readonly faults = new FaultStore();
  private readonly calls = new CallCounter();
  private readonly journal = new CallJournal();
  private readonly cce: CceService;
  private readonly riskcc = new RiskCcService(this.clock);
  private readonly variants = new Variants();
  private readonly ucportal = new UcPortalService(this.clock, this.variants);
  private readonly vendors: VendorService[];
  private latencyMs: number;
  private readonly server: http.Server;
  /** Pending latency timers, cleared on close so the process can exit. */
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: EmulatorOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.cce = new CceService(this.clock, options.sessionCap ?? DEFAULT_SESSION_CAP, this.variants);
    this.variants.set(options.variants ?? []);
    this.vendors = [this.cce, this.riskcc, new OracleService(this.clock, this.variants), this.ucportal];
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => this.fail(res, error));
    });
  }

  /** Starts listening and resolves with the base URL, e.g. `http://127.0.0.1:40123`. */
  listen(): Promise<string> {
    const host = this.options.host ?? "127.0.0.1";
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port ?? 0, host, () => {
        this.server.off("error", reject);
        const { port } = this.server.address() as AddressInfo;
        resolve(`http://${urlHost(host)}:${port}`);
      });
    });
  }

  /** Stops accepting requests and drops open connections, including kept-alive ones. */
  close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    return new Promise((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      this.server.closeAllConnections();
    });
  }

  /** Restores the seeded state: data, sessions, faults, counters, clock and the start-up configuration. */
  reset(): void {
    for (const vendor of this.vendors) vendor.reset();
    this.faults.clear();
    this.calls.reset();
    this.journal.reset();
    this.clock.reset();
    this.latencyMs = this.options.latencyMs ?? 0;
    this.cce.sessions.cap = this.options.sessionCap ?? DEFAULT_SESSION_CAP;
    this.variants.set(this.options.variants ?? []);
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Judged on the path as sent, before a URL parser normalises it: `/portal/services/../../_emulator/`
    // would otherwise reach the control API, and a bad escape a handler that decodes it.
    const refused = unroutable(req.url ?? "/");
    if (refused) return write(res, { status: 400, body: { error: refused } });
    const url = new URL(req.url ?? "/", "http://emulator");
    const path = url.pathname;
    const method = req.method ?? "GET";
    if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
      const reply = this.control(method, path.slice(CONTROL_PREFIX.length), await readBody(req));
      return write(res, reply);
    }

    this.calls.count(`${method} ${path}`);
    const body = await readBody(req);
    const plan = this.faults.take(path, method);
    const journal = (status: number) => this.journal.record({ method, path, status, write: isWrite(method, path), body: journalBody(body) });
    await this.sleep(this.latencyMs + plan.delayMs);
    if (plan.outcome && plan.outcome.kind !== "drop-response") {
      const reply = refusal(plan.outcome);
      journal(reply.status);
      return write(res, reply);
    }

    const vendor = this.vendors.find((v) => path.startsWith(v.prefix));
    const reply: VendorReply = vendor
      ? vendor.handle({ method, path: path.slice(vendor.prefix.length), query: url.searchParams, headers: req.headers, body })
      : { status: 404, body: { error: `no emulated API at ${path}` } };
    if (plan.outcome?.kind === "drop-response") {
      // The change is committed; the client only loses the answer, as when a connection dies mid-call.
      journal(0);
      req.socket.destroy();
      return;
    }
    journal(reply.status);
    write(res, reply);
  }

  private control(method: string, path: string, raw: Buffer): VendorReply {
    const body = () => parseControlBody(raw);
    const key = `${method} ${path}`;
    switch (key) {
      case "GET /health":
        return ok({ ok: true });
      case "GET /calls":
        return ok(this.calls.snapshot());
      case "POST /calls/reset":
        this.calls.reset();
        this.journal.reset();
        return ok({ ok: true });
      case "GET /journal":
        return ok(this.journal.snapshot());
      case "GET /faults":
        return ok({ faults: this.faults.list() });
      case "POST /faults": {
        const spec = validate(faultSpecSchema, body());
        if (spec.kind === "expire-sessions") {
          for (const vendor of this.vendors) vendor.expireSessions();
          return ok({ applied: "expire-sessions" });
        }
        return { status: 201, body: { fault: this.faults.add(spec) } };
      }
      case "DELETE /faults":
        this.faults.clear();
        return ok({ ok: true });
      case "POST /config": {
        const config = validate(configSchema, body());
        if (config.latencyMs !== undefined) this.latencyMs = config.latencyMs;
        if (config.sessionCap !== undefined) this.cce.sessions.cap = config.sessionCap;
        if (config.variants !== undefined) this.variants.set(config.variants);
        return ok(this.config());
      }
      case "GET /config":
        return ok(this.config());
      case "POST /clock":
        this.clock.advance(validate(clockSchema, body()).advanceSeconds);
        return ok(this.clockState());
      case "GET /clock":
        return ok(this.clockState());
      case "POST /reset":
        this.reset();
        return ok({ ok: true });
      case "POST /cce/users/verify-password": {
        // For tests only: no portal call ever returns a password, so this is how a test sees one was set.
        const { loginNm, password } = validate(verifyPasswordSchema, body());
        const user = this.cce.data.directory.find((u) => u.loginNm.toLowerCase() === loginNm.toLowerCase());
        if (!user) throw new HttpError(404, `no directory user '${loginNm}'`);
        return ok({ matches: user.password !== undefined && user.password === password });
      }
      case "GET /ucportal/emails":
        // For tests only: the UC portal's e-mail calls have no observable result in its API.
        return ok({ emails: this.ucportal.sentEmails() });
      default: {
        // For tests only: risk-cc has no read call, so this is how a test sees what was provisioned.
        const tempAllow = /^GET \/riskcc\/customers\/([^/]+)\/temp-allow$/.exec(key);
        if (tempAllow) {
          const customerId = decodeURIComponent(tempAllow[1]);
          const provisioned = this.riskcc.provisionedFor(customerId);
          if (provisioned === null) throw new HttpError(404, `no risk-cc customer '${customerId}'`);
          if (provisioned === undefined) throw new HttpError(404, `risk-cc customer '${customerId}' has no temporary allow provisioned`);
          return ok(provisioned);
        }
        // Stands in for an administrator deleting a group in ICM directly: the portal API
        // has no delete call, and drift tests need an object that vanished by hand.
        const deleted = /^DELETE \/cce\/skill-groups\/(\d+)$/.exec(key);
        if (deleted) {
          const before = this.cce.data.skillGroups.length;
          this.cce.data.skillGroups = this.cce.data.skillGroups.filter((g) => g.skillTargetId !== Number(deleted[1]));
          if (this.cce.data.skillGroups.length === before) throw new HttpError(404, `no skill group ${deleted[1]}`);
          // ICM drops a deleted group's members with it.
          for (const user of this.cce.data.directory) user.skillTargetIds = user.skillTargetIds.filter((id) => id !== Number(deleted[1]));
          return ok({ deleted: Number(deleted[1]) });
        }
        throw new HttpError(404, `no control endpoint ${key}`);
      }
    }
  }

  private config() {
    return { latencyMs: this.latencyMs, sessionCap: this.cce.sessions.cap, variants: this.variants.list() };
  }

  private clockState() {
    return { now: new Date(this.clock.now()).toISOString(), offsetSeconds: this.clock.offsetSeconds() };
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private fail(res: ServerResponse, error: unknown): void {
    if (res.headersSent || res.destroyed) return;
    if (error instanceof HttpError) return write(res, { status: error.status, body: { error: error.message } });
    // A bug in an emulator: answer like a crashing server would, and say what broke.
    write(res, { status: 500, body: { error: `emulator error: ${(error as Error)?.message ?? String(error)}` } });
  }
}

/**
 * Why a request path is not routed, as a front server would refuse it: a dot segment (`.`,
 * `..`, also escaped as `%2e`) or a malformed percent-escape. Undefined when it is fine.
 */
export function unroutable(rawUrl: string): string | undefined {
  const rawPath = rawUrl.split(/[?#]/, 1)[0];
  for (const segment of rawPath.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return `the path holds a malformed percent-escape (${segment.slice(0, 40)})`;
    }
    if (decoded === "." || decoded === "..") return "the path holds a dot segment (. or ..): paths are not normalised here";
  }
  return undefined;
}

/** The answer of a status or rate-limit fault: a gateway's short text, not the vendor's JSON. */
function refusal(fault: Exclude<OutcomeFault, { kind: "drop-response" }>): VendorReply {
  if (fault.kind === "result") {
    return { status: 200, body: { code: -1, codeMessage: fault.constant, errorMessage: `${meaningOf(fault.constant)} (emulator fault)`, freeTextResponse: null } };
  }
  if (fault.kind === "rate-limit") {
    return {
      status: 429,
      headers: { "retry-after": String(fault.retryAfterSeconds), "content-type": "text/plain; charset=utf-8" },
      body: "429 Too Many Requests (emulator fault)",
    };
  }
  const text = `${fault.status} ${http.STATUS_CODES[fault.status] ?? "Error"} (emulator fault)`;
  return { status: fault.status, headers: { "content-type": "text/plain; charset=utf-8" }, body: text };
}

function ok(body: unknown): VendorReply {
  return { status: 200, body };
}

function write(res: ServerResponse, reply: VendorReply): void {
  const headers = { ...reply.headers };
  let payload = "";
  if (typeof reply.body === "string" && headers["content-type"]) {
    payload = reply.body;
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers["content-type"] = "application/json;charset=UTF-8";
  }
  headers["content-length"] = Buffer.byteLength(payload);
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** Reads the whole body; one too large is refused with 413 once read, so the answer still gets through. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () =>
      size > MAX_BODY_BYTES
        ? reject(new HttpError(413, `request body larger than ${MAX_BODY_BYTES} bytes`))
        : resolve(Buffer.concat(chunks)),
    );
    req.on("error", reject);
  });
}

function parseControlBody(raw: Buffer): unknown {
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (error) {
    throw new HttpError(400, `control body is not JSON: ${(error as Error).message}`);
  }
}

function validate<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, z.prettifyError(result.error));
  return result.data;
}

/** The host part of a URL for a bound address: wildcard binds are reached on loopback. */
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
