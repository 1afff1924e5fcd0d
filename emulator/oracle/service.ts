/**
 * The Oracle CX emulator: routes `/crmRestApi/resources/{version}/...` to resourceUsers
 * (with its ResourceRoleAssign child and LOVs) and chatAuthenticate, after the checks every
 * ADF REST call goes through (version, Basic auth, Accept, framework version), and adds the
 * REST-Framework-Version and Metadata-Context headers to every answer.
 */
import { Variants } from "../variants";
import { createHash, randomBytes } from "node:crypto";
import type { VirtualClock } from "../clock";
import { SegmentRoute, findRoute } from "../segment-routes";
import type { VendorReply, VendorRequest, VendorService } from "../vendor";
import { chatAuthenticate } from "./chat";
import { OracleContext } from "./model";
import { createUser, getLov, getUser, listUsers, patchUser } from "./resource-users";
import { createRole, deleteRole, getRole, listRoles, patchRole } from "./roles";
import { OracleData, seedOracleData } from "./tenant";
import {
  FRAMEWORK_VERSIONS, ORACLE_API_VERSIONS, ORACLE_BASE_PATH, OracleError, authenticate, checkAccept, errorReply, headerValue, httpError,
  readFrameworkVersion, readJsonObject,
} from "./wire";

type Handler = (ctx: OracleContext, params: string[], request: VendorRequest) => VendorReply;

/** Path segments below the version. */
type Route = SegmentRoute<Handler, "GET" | "POST" | "PATCH" | "DELETE">;

const body = (request: VendorRequest) => readJsonObject(request);

const routes: Route[] = [
  { pattern: ["resourceUsers"], methods: { GET: (ctx) => listUsers(ctx), POST: (ctx, _p, r) => createUser(ctx, body(r)) } },
  // No DELETE: Oracle ends a resource user by end-dating or suspending it.
  { pattern: ["resourceUsers", "*"], methods: { GET: (ctx, [id]) => getUser(ctx, id), PATCH: (ctx, [id], r) => patchUser(ctx, id, body(r)) } },
  {
    pattern: ["resourceUsers", "*", "child", "ResourceRoleAssign"],
    methods: { GET: (ctx, [id]) => listRoles(ctx, id), POST: (ctx, [id], r) => createRole(ctx, id, body(r)) },
  },
  {
    pattern: ["resourceUsers", "*", "child", "ResourceRoleAssign", "*"],
    methods: {
      GET: (ctx, [id, role]) => getRole(ctx, id, role),
      PATCH: (ctx, [id, role], r) => patchRole(ctx, id, role, body(r)),
      DELETE: (ctx, [id, role]) => deleteRole(ctx, id, role),
    },
  },
  { pattern: ["resourceUsers", "*", "lov", "*"], methods: { GET: (ctx, [id, lov]) => getLov(ctx, id, lov) } },
  { pattern: ["chatAuthenticate", "*"], methods: { GET: (ctx, [name]) => chatAuthenticate(ctx, name) } },
];

export class OracleService implements VendorService {
  readonly prefix = `${ORACLE_BASE_PATH}/`;
  /** Makes resourceUsersUniqID values opaque and different in every process, yet stable across resets. */
  private readonly keySalt = randomBytes(16).toString("hex");
  data: OracleData;

  constructor(
    private readonly clock: VirtualClock,
    private readonly variants: Variants = new Variants(),
  ) {
    this.data = seedOracleData((partyId) => this.keyOf(partyId));
  }

  /** The opaque hash key of a resource user, in the look of Oracle's serialized keys. */
  keyOf(partyId: number): string {
    const hash = createHash("sha256").update(`${this.keySalt}:${partyId}`).digest("hex").toUpperCase();
    return `00020000000EACED${hash.slice(0, 48)}`;
  }

  handle(request: VendorRequest): VendorReply {
    const framework = readFrameworkVersion(request.headers);
    const version = framework instanceof OracleError ? FRAMEWORK_VERSIONS.default : framework;
    let reply: VendorReply;
    try {
      if (framework instanceof OracleError) throw framework;
      reply = this.route(request, version);
    } catch (error) {
      if (!(error instanceof OracleError)) throw error;
      reply = errorReply(error, version);
    }
    return {
      ...reply,
      headers: {
        ...reply.headers,
        "REST-Framework-Version": String(version),
        // The seed marks it required in every answer: echoed, empty when not sent.
        "Metadata-Context": headerValue(request.headers, "metadata-context") ?? "",
      },
    };
  }

  private route(request: VendorRequest, framework: number): VendorReply {
    let segments: string[];
    try {
      segments = request.path.split("/").filter((s, i, all) => s !== "" || i < all.length - 1).map(decodeURIComponent);
    } catch {
      throw httpError(400, `The path ${request.path} is not valid URL encoding.`);
    }
    // The web tier asks for credentials before anything reaches a REST resource.
    const caller = authenticate(request.headers);
    const [apiVersion, ...rest] = segments;
    if (!(ORACLE_API_VERSIONS as readonly string[]).includes(apiVersion)) {
      throw httpError(404, `There is no REST API version ${apiVersion} (served: ${ORACLE_API_VERSIONS.join(", ")}).`);
    }
    const found = findRoute(routes, rest, request.method);
    if (!found) throw httpError(404, `There is no resource at ${this.prefix}${request.path}.`);
    const { handler, params, allowed } = found;
    if (!handler) throw httpError(405, `${request.method} is not allowed here; allowed: ${allowed}.`, { allow: allowed });
    if (request.method !== "GET" && !caller.canWrite) throw httpError(403, `The user ${caller.username} may not change resources.`);
    checkAccept(request.headers);
    const host = headerValue(request.headers, "host") ?? "localhost";
    const ctx: OracleContext = {
      data: this.data,
      framework,
      resourcesUrl: `http://${host}${ORACLE_BASE_PATH}/${encodeURIComponent(apiVersion)}`,
      caller,
      query: request.query,
      headers: request.headers,
      now: this.clock.now(),
      variants: this.variants,
      keyOf: (partyId) => this.keyOf(partyId),
    };
    return handler(ctx, params, request);
  }

  reset(): void {
    this.data = seedOracleData((partyId) => this.keyOf(partyId));
  }

  /** Basic auth has no sessions to end. */
  expireSessions(): void {}
}
