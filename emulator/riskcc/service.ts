/**
 * The Oracle risk-cc customer-care emulator (seed 002): `PUT
 * /risk-cc/customercare/v1/{customerId}/provision` in JSON or XML, behind HTTP Basic.
 *
 * Where the seed is silent, this is what the emulator does (docs/resources/temp-allow.md
 * repeats it):
 * - the answer's format follows `Accept` (XML for `application/xml` or `text/xml` without
 *   JSON also accepted), JSON otherwise; error answers use the same `StatusResponse` shape
 *   with `status: false`, `responseCode` the HTTP status and `responseMessage` the reason;
 * - order of checks: credentials (401), URL and method (404, 405), media type (415), body (400),
 *   customer (404), as a JAX-RS service would do them;
 * - `tempAllowType` must be one of TEMP_ALLOW_TYPES (1, 2, 3), a JSON integer or the
 *   element's integer text; `expirationDate` an RFC 3339 date-time. A date in the past is
 *   accepted: that is how an allow is revoked. Unknown JSON fields are ignored.
 */
import { randomUUID } from "node:crypto";
import type { VirtualClock } from "../clock";
import type { VendorReply, VendorRequest, VendorService } from "../vendor";
import { REQUEST_ROOT, RESPONSE_ROOT, TEMP_ALLOW_TYPE_RULE, DATE_TIME_RULE, isTempAllowType, parseDateTime } from "../../provider/riskcc/wire";
import { XmlFormatError, parseFlatXml, renderFlatXml } from "../../provider/riskcc/xml";
import { ProvisionedTempAllow, RiskCcData, seedRiskCcData } from "./customers";

/** The base path of every risk-cc call. */
export const RISKCC_BASE_PATH = "/risk-cc";

type Format = "json" | "xml";

interface StatusFields {
  responseCode: string;
  responseMessage: string;
  sessionId?: string;
  status: boolean;
}

const PROVISION = /^customercare\/v1\/([^/]+)\/provision$/;

/** XML when the client accepts XML and not JSON; JSON otherwise (also without Accept). */
function answerFormat(accept: string | undefined): Format {
  const types = (accept ?? "").split(",").map((part) => part.split(";")[0].trim().toLowerCase());
  const wantsXml = types.some((t) => t === "application/xml" || t === "text/xml");
  const wantsJson = types.some((t) => t === "application/json" || t === "*/*" || t === "application/*");
  return wantsXml && !wantsJson ? "xml" : "json";
}

function bodyFormat(contentType: string | undefined): Format | undefined {
  const mediaType = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (mediaType === "application/json") return "json";
  if (mediaType === "application/xml" || mediaType === "text/xml") return "xml";
  return undefined;
}

/** A `StatusResponse`, written as JAXB and Jackson would: fields in the schema's order. */
function statusReply(httpStatus: number, format: Format, fields: StatusFields, headers: Record<string, string> = {}): VendorReply {
  if (format === "json") return { status: httpStatus, headers, body: fields };
  const elements: [string, string][] = [
    ["responseCode", fields.responseCode],
    ["responseMessage", fields.responseMessage],
  ];
  if (fields.sessionId !== undefined) elements.push(["sessionId", fields.sessionId]);
  elements.push(["status", String(fields.status)]);
  return {
    status: httpStatus,
    headers: { ...headers, "content-type": "application/xml;charset=UTF-8" },
    body: renderFlatXml(RESPONSE_ROOT, elements, { standalone: true }),
  };
}

function refused(httpStatus: number, format: Format, message: string, headers?: Record<string, string>): VendorReply {
  return statusReply(httpStatus, format, { responseCode: String(httpStatus), responseMessage: message, status: false }, headers);
}

/** The two request fields as read from either format, not yet validated. */
interface RawRequest {
  tempAllowType: unknown;
  expirationDate: unknown;
}

function readJson(body: Buffer): RawRequest | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (error) {
    return `the body is not valid JSON: ${(error as Error).message}`;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return "the body must be a JSON object";
  const { tempAllowType, expirationDate } = parsed as Record<string, unknown>;
  return { tempAllowType, expirationDate };
}

function readXml(body: Buffer): RawRequest | string {
  let fields: Map<string, string>;
  try {
    fields = parseFlatXml(body.toString("utf8"), REQUEST_ROOT);
  } catch (error) {
    if (error instanceof XmlFormatError) return error.message;
    throw error;
  }
  const type = fields.get("tempAllowType")?.trim();
  // JAXB reads an int element's trimmed text; anything but an integer is not a number at all.
  const tempAllowType = type === undefined ? undefined : /^[+-]?\d{1,9}$/.test(type) ? Number(type) : type;
  return { tempAllowType, expirationDate: fields.get("expirationDate")?.trim() };
}

/** Why the request is invalid, or its validated fields. */
function validate(raw: RawRequest): { tempAllowType: number; expirationDate: string; expiresAtMs: number } | string {
  const problems: string[] = [];
  if (raw.tempAllowType === undefined || raw.tempAllowType === null) problems.push("tempAllowType is required");
  else if (!isTempAllowType(raw.tempAllowType)) problems.push(`tempAllowType ${TEMP_ALLOW_TYPE_RULE}, got ${JSON.stringify(raw.tempAllowType)}`);
  let expiresAtMs = 0;
  if (raw.expirationDate === undefined || raw.expirationDate === null) problems.push("expirationDate is required");
  else if (typeof raw.expirationDate !== "string") problems.push(`expirationDate ${DATE_TIME_RULE}, got ${JSON.stringify(raw.expirationDate)}`);
  else {
    const parsed = parseDateTime(raw.expirationDate);
    if (parsed.ok) expiresAtMs = parsed.epochMs;
    else problems.push(`expirationDate ${DATE_TIME_RULE} (${parsed.problem}), got ${JSON.stringify(raw.expirationDate)}`);
  }
  if (problems.length > 0) return problems.join("; ");
  return { tempAllowType: raw.tempAllowType as number, expirationDate: raw.expirationDate as string, expiresAtMs };
}

export class RiskCcService implements VendorService {
  readonly prefix = `${RISKCC_BASE_PATH}/`;
  data: RiskCcData = seedRiskCcData();

  constructor(private readonly clock: VirtualClock) {}

  handle(request: VendorRequest): VendorReply {
    const format = answerFormat(request.headers.accept);
    if (!this.authenticated(request.headers.authorization)) {
      return refused(401, format, "HTTP Basic authentication required", { "www-authenticate": 'Basic realm="risk-cc"' });
    }
    const route = PROVISION.exec(request.path);
    if (!route) return refused(404, format, `no risk-cc service at ${this.prefix}${request.path}`);
    if (request.method !== "PUT") return refused(405, format, `${this.prefix}${request.path} takes PUT, got ${request.method}`, { allow: "PUT" });

    const received = bodyFormat(request.headers["content-type"]);
    if (!received) {
      const got = request.headers["content-type"] ?? "no Content-Type";
      return refused(415, format, `expected Content-Type application/json or application/xml, got ${got}`);
    }
    const raw = received === "json" ? readJson(request.body) : readXml(request.body);
    const valid = typeof raw === "string" ? raw : validate(raw);
    if (typeof valid === "string") return refused(400, format, `invalid input: ${valid}`);

    let customerId: string;
    try {
      customerId = decodeURIComponent(route[1]);
    } catch {
      return refused(404, format, `customer ID not found: ${route[1]}`);
    }
    if (!this.data.customers.has(customerId)) return refused(404, format, `customer ID not found: ${customerId}`);

    this.data.customers.set(customerId, {
      tempAllowType: valid.tempAllowType,
      expirationDate: valid.expirationDate,
      expiresAtMs: valid.expiresAtMs,
      receivedAs: received,
      provisionedAt: new Date(this.clock.now()).toISOString(),
    });
    return statusReply(200, format, { responseCode: "0", responseMessage: "", sessionId: randomUUID(), status: true });
  }

  /**
   * For the control API (tests only): the customer's last provisioned allow, `undefined`
   * when never provisioned, `null` when there is no such customer.
   */
  provisionedFor(customerId: string): (ProvisionedTempAllow & { active: boolean }) | undefined | null {
    if (!this.data.customers.has(customerId)) return null;
    const record = this.data.customers.get(customerId);
    return record && { ...record, active: record.expiresAtMs > this.clock.now() };
  }

  reset(): void {
    this.data = seedRiskCcData();
  }

  expireSessions(): void {
    // HTTP Basic: there are no sessions to end.
  }

  private authenticated(header: string | undefined): boolean {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
    if (!match) return false;
    const decoded = Buffer.from(match[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return false;
    const [username, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    return this.data.users.some((u) => u.username === username && u.password === password);
  }
}
