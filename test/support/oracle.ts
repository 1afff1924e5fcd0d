/**
 * Raw Oracle CX REST calls, independent of the provider's client: the emulator's own tests
 * use it, and end-to-end tests use it to change resource users out of band (drift), as an
 * administrator with curl would. Basic auth, JSON in, status/headers/body out.
 */
import { ORACLE_BASE_PATH, oracleDemoCredentials } from "../../emulator";
import { EmulatorControl, useEmulatorLifecycle } from "./portal";

export interface OracleReply {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else the text (errors before framework version 4 are text). */
  // The emulator's JSON, read field by field in assertions.
  body: any;
  text: string;
}

export interface OracleRequestOptions {
  /** Query parameters, e.g. `{ q: "ResourcePartyNumber=Conta504976", onlyData: "true" }`. */
  query?: Record<string, string>;
  /** Extra headers (If-Match, REST-Framework-Version, Metadata-Context, ...); override the defaults. */
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Send this text as the body instead, as it is. */
  rawBody?: string;
}

export interface OracleApiOptions {
  /** API version in the path. @default "11.13.18.05" */
  version?: string;
  /** Basic-auth login; null sends no Authorization header. @default oracleDemoCredentials.salesCloudUser */
  credentials?: { username: string; password: string } | null;
  /** REST-Framework-Version sent on every call unless a call overrides it; undefined sends none. */
  frameworkVersion?: string;
}

export class OracleApi {
  readonly version: string;
  private readonly credentials: { username: string; password: string } | null;
  private readonly frameworkVersion?: string;

  /** `url` is the emulator's (or a pod's) base URL, without `/crmRestApi/...`. */
  constructor(
    readonly url: string,
    options: OracleApiOptions = {},
  ) {
    this.version = options.version ?? "11.13.18.05";
    this.credentials = options.credentials === undefined ? oracleDemoCredentials.salesCloudUser : options.credentials;
    this.frameworkVersion = options.frameworkVersion;
  }

  /** The same server with other options (another user, version, framework version). */
  with(options: OracleApiOptions): OracleApi {
    return new OracleApi(this.url, {
      version: this.version, credentials: this.credentials, frameworkVersion: this.frameworkVersion, ...options,
    });
  }

  /** `.../crmRestApi/resources/{version}`. */
  get resourcesUrl(): string {
    return `${this.url}${ORACLE_BASE_PATH}/${this.version}`;
  }

  /** A path below the version (`resourceUsers/...`), or an absolute href taken from a link. */
  resolve(path: string): string {
    return /^https?:\/\//.test(path) ? path : `${this.resourcesUrl}/${path.replace(/^\/+/, "")}`;
  }

  async request(method: string, path: string, options: OracleRequestOptions = {}): Promise<OracleReply> {
    const url = new URL(this.resolve(path));
    for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = {};
    if (this.credentials) {
      headers.authorization = `Basic ${Buffer.from(`${this.credentials.username}:${this.credentials.password}`).toString("base64")}`;
    }
    if (this.frameworkVersion !== undefined) headers["REST-Framework-Version"] = this.frameworkVersion;
    const hasBody = options.body !== undefined || options.rawBody !== undefined;
    if (hasBody) headers["content-type"] = "application/json";
    Object.assign(headers, options.headers);
    const response = await fetch(url, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    const isJson = /json/i.test(response.headers.get("content-type") ?? "");
    return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : text, text };
  }

  get(path: string, query?: Record<string, string>, headers?: Record<string, string>) {
    return this.request("GET", path, { query, headers });
  }

  post(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request("POST", path, { body, headers });
  }

  patch(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request("PATCH", path, { body, headers });
  }

  delete(path: string, headers?: Record<string, string>) {
    return this.request("DELETE", path, { headers });
  }

  /** The `self` href of the resource user with this party number, found as a client must: through the collection. */
  async userHref(partyNumber: string): Promise<string> {
    const reply = await this.get("resourceUsers", { q: `ResourcePartyNumber='${partyNumber.replace(/'/g, "''")}'` });
    if (reply.status !== 200) throw new Error(`looking up ${partyNumber}: HTTP ${reply.status} ${reply.text}`);
    const item = reply.body.items[0];
    if (!item) throw new Error(`no resource user with party number ${partyNumber}`);
    return selfHref(item);
  }

  /** Reads the resource user with this party number (whole item). */
  async getUser(partyNumber: string, query?: Record<string, string>): Promise<OracleReply> {
    return this.get(await this.userHref(partyNumber), query);
  }

  /** PATCHes the resource user with this party number, as an administrator changing it by hand. */
  async patchUser(partyNumber: string, body: Record<string, unknown>, headers?: Record<string, string>): Promise<OracleReply> {
    return this.patch(await this.userHref(partyNumber), body, headers);
  }
}

/** The href of an item's `self` link. */
export function selfHref(item: { links?: Array<{ rel: string; href: string }> }): string {
  const self = item.links?.find((link) => link.rel === "self");
  if (!self) throw new Error("the item has no self link (was onlyData=true?)");
  return self.href;
}

/** The resourceUsersUniqID in an item href (the segment after `resourceUsers/`). */
export function keyOfHref(href: string): string {
  return /\/resourceUsers\/([^/?]+)/.exec(href)![1];
}

/** Starts an emulator for a test file, resets it before every test, and gives an OracleApi on it. */
export function useOracleEmulator(options: OracleApiOptions = {}) {
  const emulator = useEmulatorLifecycle();
  return {
    get url() {
      return emulator.url();
    },
    get api() {
      return new OracleApi(emulator.url(), options);
    },
    get control() {
      return new EmulatorControl(emulator.url());
    },
  };
}

/** The Oracle provider config (`oracle:*`) of the emulator's demo sales user, as check() and friends receive it. */
export function oracleProviderConfig(emulatorUrl: string): { get(key: string): string | undefined } {
  const values: Record<string, string> = {
    "oracle:url": emulatorUrl,
    "oracle:username": oracleDemoCredentials.salesCloudUser.username,
    "oracle:password": oracleDemoCredentials.salesCloudUser.password,
  };
  return { get: (key) => values[key] };
}
