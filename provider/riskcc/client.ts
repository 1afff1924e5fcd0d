/**
 * The risk-cc client: the only code that speaks to risk-cc (seed 002).
 *
 * One call: `PUT <url>/risk-cc/customercare/v1/{customerId}/provision` with HTTP Basic
 * authentication, the body in JSON or XML (`<TempAllowRequest>`), the `StatusResponse`
 * answer read in either format.
 *
 * Retries: the PUT is sent as idempotent, so the retry policy repeats it after a network
 * failure, a timeout or a 5xx, not only after 429/503. That is safe because the call sets
 * the customer's temporary allow to exactly the (type, expiration) it carries: it creates
 * nothing, and sending the same body twice leaves the same result as sending it once. Every
 * value in the body is fixed before the first attempt (a revocation's "now" included).
 */
import { pathSegment } from "../core/path-segment";
import { apiError, isApiError } from "../core/errors";
import { HttpResponse, RetryPolicy, defaultRetryPolicy, send } from "../core/http";
import { registerSecret } from "../core/secrets";
import { RiskCcConnection } from "./connection";
import { REQUEST_ROOT, RESPONSE_ROOT, StatusResponse } from "./wire";
import { parseFlatXml, renderFlatXml } from "./xml";

export type WireFormat = "json" | "xml";

/** What one provisioning call sets. */
export interface TempAllowGrant {
  tempAllowType: number;
  /** RFC 3339 date-time, sent as given. */
  expirationDate: string;
}

const SYSTEM = "risk-cc";
const MEDIA_TYPE: Record<WireFormat, string> = { json: "application/json", xml: "application/xml" };

/**
 * What each HTTP status means for this call. 400 and 404 are the seed's own ("invalid
 * input", "customer ID not found"); 401 is what HTTP Basic answers to refused credentials.
 */
export const statusMeanings: Record<number, string> = {
  400: "invalid input: risk-cc refused the tempAllowType or the expirationDate",
  401: "not authenticated: risk-cc refused the HTTP Basic credentials (check riskcc:username and riskcc:password)",
  403: "forbidden: this user may not provision temporary allows",
  404: "customer ID not found: no user has this uniqueUserId",
  405: "method not allowed: the URL does not take PUT (check riskcc:url)",
  415: "unsupported media type: the server does not accept this body format",
};

const NO_SERVICE = "not found: no risk-cc provisioning service answered at this URL (check riskcc:url)";

/** Whether an error says the customer does not exist (risk-cc's own 404), as opposed to a wrong URL. */
export const isUnknownCustomer = (error: unknown): boolean =>
  isApiError(error) && error.system === SYSTEM && error.constant === "HTTP_404" && error.meaning === statusMeanings[404];

/** The request body in the chosen format: JSON, or the seed's `<TempAllowRequest>` document. */
export function encodeTempAllowRequest(grant: TempAllowGrant, format: WireFormat): string {
  if (format === "json") return JSON.stringify({ tempAllowType: grant.tempAllowType, expirationDate: grant.expirationDate });
  return renderFlatXml(REQUEST_ROOT, [
    ["tempAllowType", String(grant.tempAllowType)],
    ["expirationDate", grant.expirationDate],
  ]);
}

/**
 * Reads a `StatusResponse` in JSON or XML, chosen by the content type (or, without one, by
 * the first character). Throws on anything that is not one.
 */
export function decodeStatusResponse(text: string, contentType: string | undefined): StatusResponse {
  const mediaType = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const xml = mediaType ? /[/+]xml$/.test(mediaType) : text.trimStart().startsWith("<");
  if (xml) {
    const fields = parseFlatXml(text, RESPONSE_ROOT);
    const status = (fields.get("status") ?? "").trim();
    if (status !== "true" && status !== "false") throw new Error(`<status> must be true or false, got "${status}"`);
    return {
      responseCode: (fields.get("responseCode") ?? "").trim(),
      responseMessage: fields.get("responseMessage") ?? "",
      ...(fields.has("sessionId") ? { sessionId: fields.get("sessionId")!.trim() } : {}),
      status: status === "true",
    };
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("the body is not a JSON object");
  const body = parsed as Record<string, unknown>;
  if (typeof body.status !== "boolean") throw new Error(`status must be true or false, got ${JSON.stringify(body.status)}`);
  return {
    responseCode: body.responseCode === undefined || body.responseCode === null ? "" : String(body.responseCode),
    responseMessage: typeof body.responseMessage === "string" ? body.responseMessage : "",
    ...(typeof body.sessionId === "string" ? { sessionId: body.sessionId } : {}),
    status: body.status,
  };
}

export class RiskCcClient {
  private readonly authorization: string;

  constructor(
    private readonly connection: RiskCcConnection,
    private readonly retry: RetryPolicy = defaultRetryPolicy,
  ) {
    const token = Buffer.from(`${connection.username}:${connection.password}`, "utf8").toString("base64");
    this.authorization = `Basic ${token}`;
    registerSecret(connection.password);
    // The header value carries the password too, only encoded.
    registerSecret(token);
  }

  /**
   * Sets the customer's temporary allow. Resolves with the `StatusResponse` when it says
   * `status: true` and `responseCode` "0"; any other answer becomes an ApiError naming the
   * HTTP status (or response code) and what it means.
   */
  async provision(customerId: string, grant: TempAllowGrant, format: WireFormat): Promise<StatusResponse> {
    const segment = pathSegment("customerId", customerId);
    const endpoint = `PUT customercare/v1/${segment}/provision`;
    const response = await send(
      {
        method: "PUT",
        url: `${this.connection.url}/risk-cc/customercare/v1/${segment}/provision`,
        headers: { authorization: this.authorization, accept: MEDIA_TYPE[format], "content-type": MEDIA_TYPE[format] },
        body: encodeTempAllowRequest(grant, format),
        idempotent: true,
      },
      this.retry,
    );
    return this.parse(endpoint, response);
  }

  private parse(endpoint: string, response: HttpResponse): StatusResponse {
    const contentType = headerValue(response.headers["content-type"]);
    let answer: StatusResponse | undefined;
    let unreadable: string | undefined;
    try {
      answer = response.body.trim() ? decodeStatusResponse(response.body, contentType) : undefined;
    } catch (error) {
      unreadable = error instanceof Error ? error.message : String(error);
    }

    if (response.status !== 200) {
      let meaning = statusMeanings[response.status] ?? `the server refused the call with HTTP ${response.status}`;
      // risk-cc's 404 means an unknown customer; a 404 whose body is something else entirely
      // (a gateway's page, another service's JSON) means the URL reaches no risk-cc at all.
      if (response.status === 404 && !answer && response.body.trim()) meaning = NO_SERVICE;
      const detail = answer?.responseMessage || (answer ? undefined : response.body.trim().slice(0, 200)) || undefined;
      throw apiError({
        system: SYSTEM,
        endpoint,
        constant: `HTTP_${response.status}`,
        meaning,
        detail,
      });
    }
    if (!answer) {
      throw apiError({
        system: SYSTEM,
        endpoint,
        constant: "HTTP_200",
        meaning: "the answer is not a StatusResponse in JSON or XML",
        detail: `${unreadable ?? "empty body"}: ${response.body.slice(0, 200)}`,
      });
    }
    if (!answer.status || answer.responseCode !== "0") {
      throw apiError({
        system: SYSTEM,
        endpoint,
        constant: `responseCode ${answer.responseCode || "(none)"}`,
        meaning: `the StatusResponse says status ${answer.status}: the temporary allow was not set`,
        detail: answer.responseMessage || undefined,
      });
    }
    return answer;
  }
}

function headerValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}
