/**
 * The UC portal emulator: routes `/ucportal/{version}/customers/{tenant}/...` to the customer
 * users resource (seed 003) after the checks every call goes through: bearer token (401),
 * version and path (404), the token's tenant (403), method (405).
 * Contract: docs/ucportal-wire-decisions.md.
 */
import type { VirtualClock } from "../clock";
import { SegmentRoute, findRoute } from "../segment-routes";
import type { VendorReply, VendorRequest, VendorService } from "../vendor";
import { SentEmail, UcPortalData, seedUcPortalData } from "./tenant";
import { UcContext, createUser, deleteUser, getUser, listDevices, listUsers, patchUser, putDevices, sendEmail } from "./users";
import { JsonObject, UCPORTAL_API_VERSIONS, UCPORTAL_BASE_PATH, UcPortalError, bearerToken, errorReply, fail, readJsonObject, unauthorized } from "./wire";
import { Variants } from "../variants";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Handler = (ctx: UcContext, params: string[], request: VendorRequest) => VendorReply;

/** Path segments below `customers/{tenant}/`. */
type Route = SegmentRoute<Handler, Method>;

const body = (request: VendorRequest) => readJsonObject(request);

const routes: Route[] = [
  { pattern: ["users"], methods: { GET: (ctx) => listUsers(ctx), POST: (ctx, _p, r) => createUser(ctx, body(r)) } },
  {
    pattern: ["users", "*"],
    methods: {
      GET: (ctx, [id]) => getUser(ctx, id),
      PATCH: (ctx, [id], r) => patchUser(ctx, id, body(r)),
      DELETE: (ctx, [id]) => deleteUser(ctx, id),
    },
  },
  { pattern: ["users", "*", "devices"], methods: { PUT: (ctx, [id], r) => putDevices(ctx, id, body(r)) } },
  { pattern: ["users", "*", "activation-email"], methods: { POST: (ctx, [id], r) => email(ctx, id, r, "activation") } },
  { pattern: ["users", "*", "uc-welcome-email"], methods: { POST: (ctx, [id], r) => email(ctx, id, r, "uc-welcome") } },
  { pattern: ["devices"], methods: { GET: (ctx) => listDevices(ctx) } },
];

function email(ctx: UcContext, id: string, request: VendorRequest, type: SentEmail["type"]): VendorReply {
  readJsonObject(request, true); // ignored, but it must be JSON when sent
  return sendEmail(ctx, id, type);
}

export class UcPortalService implements VendorService {
  readonly prefix = `${UCPORTAL_BASE_PATH}/`;
  data: UcPortalData = seedUcPortalData();

  constructor(
    private readonly clock: VirtualClock,
    private readonly variants: Variants = new Variants(),
  ) {}

  handle(request: VendorRequest): VendorReply {
    try {
      return varied(this.route(request), this.variants);
    } catch (error) {
      if (!(error instanceof UcPortalError)) throw error;
      return errorReply(error);
    }
  }

  /** What the e-mail calls "sent", oldest first (the control endpoint `GET /_emulator/ucportal/emails`). */
  sentEmails(): SentEmail[] {
    return this.data.emails.map((e) => ({ ...e }));
  }

  private route(request: VendorRequest): VendorReply {
    const tenantId = this.data.tokens.get(bearerToken(request.headers));
    if (tenantId === undefined) throw unauthorized("The bearer token is not valid.");
    let segments: string[];
    try {
      segments = request.path.split("/").map(decodeURIComponent);
    } catch {
      throw fail(404, "NOT_FOUND", `The path ${request.path} is not valid URL encoding.`);
    }
    if (segments[segments.length - 1] === "") segments.pop();
    const notFound = () => fail(404, "NOT_FOUND", `There is no resource at ${this.prefix}${request.path}.`);
    const [version, customers, pathTenant, ...rest] = segments;
    if (!(UCPORTAL_API_VERSIONS as readonly string[]).includes(version)) {
      throw fail(404, "NOT_FOUND", `There is no API version '${version}' (served: ${UCPORTAL_API_VERSIONS.join(", ")}).`);
    }
    if (customers !== "customers" || !pathTenant) throw notFound();
    const found = findRoute(routes, rest, request.method);
    if (!found) throw notFound();
    // The same answer whether the other tenant exists or not.
    if (pathTenant !== tenantId) throw fail(403, "FORBIDDEN", `The token does not give access to customer '${pathTenant}'.`);
    const { handler, params, allowed } = found;
    if (!handler) throw fail(405, "METHOD_NOT_ALLOWED", `${request.method} is not allowed here; allowed: ${allowed}.`, {}, { allow: allowed });
    const tenant = this.data.tenants.get(tenantId)!;
    const ctx: UcContext = {
      data: this.data,
      tenant,
      tenantPath: `${UCPORTAL_BASE_PATH}/${version}/customers/${encodeURIComponent(tenant.id)}`,
      query: request.query,
      now: this.clock.now(),
      variants: this.variants,
    };
    return handler(ctx, params, request);
  }

  reset(): void {
    this.data = seedUcPortalData();
  }

  /** Bearer tokens have no sessions to end. */
  expireSessions(): void {}
}

/** A success answer as a server playing the variants in play would give it. */
function varied(reply: VendorReply, variants: Variants): VendorReply {
  const inPlay = variants.has("ucportal-extra-fields") || variants.has("ucportal-no-roles") || variants.has("ucportal-bare-arrays");
  if (!inPlay || reply.status >= 300 || reply.body === null || typeof reply.body !== "object") return reply;
  const user = (value: unknown): unknown => {
    if (!value || typeof value !== "object" || !("email" in value)) return value;
    const shown: JsonObject = { ...(value as JsonObject) };
    if (variants.has("ucportal-extra-fields")) Object.assign(shown, { createdAt: "2026-01-01T00:00:00Z", mfaEnrolled: false, links: [{ rel: "self" }] });
    if (variants.has("ucportal-no-roles")) delete shown.roles;
    return shown;
  };
  const body = reply.body as JsonObject;
  if (!Array.isArray(body.items)) return { ...reply, body: user(body) as JsonObject };
  const items = body.items.map(user);
  return { ...reply, body: variants.has("ucportal-bare-arrays") ? items : { ...body, items } };
}
