/**
 * Raw UC portal customer-users calls, independent of the provider's client: the emulator's
 * own tests use it, and end-to-end tests use it to change users out of band (drift), as an
 * administrator with curl would. Bearer token, JSON in, status/headers/body out.
 */
import { UCPORTAL_BASE_PATH, ucportalDemoTenants, ucportalDemoTokens } from "../../emulator";
import { EmulatorControl, useEmulatorLifecycle } from "./portal";

export interface UcPortalReply {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else the text. */
  // The emulator's JSON, read field by field in assertions.
  body: any;
  text: string;
}

export interface UcPortalApiOptions {
  /** `{VERSION}` in the path. @default "v1" */
  version?: string;
  /** `{CUSTOMER_TENANT_ID}` in the path. @default ucportalDemoTenants.acme */
  tenant?: string;
  /** Bearer token; null sends no Authorization header. @default the token of `tenant` when seeded, else acme's */
  token?: string | null;
}

export interface UcPortalRequestOptions {
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, instead of `body`. */
  rawBody?: string;
}

const seededTokens: Record<string, string> = {
  [ucportalDemoTenants.acme]: ucportalDemoTokens.acme,
  [ucportalDemoTenants.globex]: ucportalDemoTokens.globex,
};

export class UcPortalApi {
  readonly version: string;
  readonly tenant: string;
  private readonly token: string | null;

  /** `url` is the emulator's base URL, without `/ucportal`. */
  constructor(
    readonly url: string,
    options: UcPortalApiOptions = {},
  ) {
    this.version = options.version ?? "v1";
    this.tenant = options.tenant ?? ucportalDemoTenants.acme;
    this.token = options.token === undefined ? (seededTokens[this.tenant] ?? ucportalDemoTokens.acme) : options.token;
  }

  /** The same server with other options (another tenant, token, version). */
  with(options: UcPortalApiOptions): UcPortalApi {
    const tenant = options.tenant ?? this.tenant;
    // A new tenant brings its own token unless one is given.
    const token = options.token !== undefined ? options.token : options.tenant !== undefined ? undefined : this.token;
    return new UcPortalApi(this.url, { version: options.version ?? this.version, tenant, token });
  }

  /** What the provider's `ucportal:url` is for this emulator: `<url>/ucportal`. */
  get portalUrl(): string {
    return `${this.url}${UCPORTAL_BASE_PATH}`;
  }

  /** `<url>/ucportal/{version}/customers/{tenant}`. */
  get tenantUrl(): string {
    return `${this.portalUrl}/${this.version}/customers/${encodeURIComponent(this.tenant)}`;
  }

  async request(method: string, path: string, options: UcPortalRequestOptions = {}): Promise<UcPortalReply> {
    const url = new URL(`${this.tenantUrl}/${path.replace(/^\/+/, "")}`);
    for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = {};
    if (this.token !== null) headers.authorization = `Bearer ${this.token}`;
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

  listUsers(query?: Record<string, string>) {
    return this.request("GET", "users", { query });
  }

  getUser(id: string) {
    return this.request("GET", `users/${encodeURIComponent(id)}`);
  }

  createUser(body: unknown) {
    return this.request("POST", "users", { body });
  }

  patchUser(id: string, body: unknown) {
    return this.request("PATCH", `users/${encodeURIComponent(id)}`, { body });
  }

  deleteUser(id: string) {
    return this.request("DELETE", `users/${encodeURIComponent(id)}`);
  }

  putDevices(id: string, devices: unknown) {
    return this.request("PUT", `users/${encodeURIComponent(id)}/devices`, { body: { devices } });
  }

  sendActivationEmail(id: string) {
    return this.request("POST", `users/${encodeURIComponent(id)}/activation-email`);
  }

  sendWelcomeEmail(id: string) {
    return this.request("POST", `users/${encodeURIComponent(id)}/uc-welcome-email`);
  }

  /** The user with this e-mail (any case), found as a client must: through the list. */
  async findByEmail(email: string): Promise<any | undefined> {
    const reply = await this.listUsers({ email });
    if (reply.status !== 200) throw new Error(`looking up ${email}: HTTP ${reply.status} ${reply.text}`);
    return reply.body.items[0];
  }
}

export interface SentUcEmail {
  tenantId: string;
  userId: string;
  email: string;
  type: "activation" | "uc-welcome";
  sentAt: string;
}

/** What the emulator's e-mail calls "sent" (control endpoint, tests only). */
export async function sentUcEmails(url: string): Promise<SentUcEmail[]> {
  const response = await fetch(`${url}/_emulator/ucportal/emails`);
  if (!response.ok) throw new Error(`emulator GET ucportal/emails: HTTP ${response.status} ${await response.text()}`);
  return ((await response.json()) as { emails: SentUcEmail[] }).emails;
}

/** Starts an emulator for a test file, resets it before every test, and gives a UcPortalApi on it. */
export function useUcPortalEmulator(options: UcPortalApiOptions = {}) {
  const emulator = useEmulatorLifecycle();
  return {
    get url() {
      return emulator.url();
    },
    get api() {
      return new UcPortalApi(emulator.url(), options);
    },
    get control() {
      return new EmulatorControl(emulator.url());
    },
    sentEmails: () => sentUcEmails(emulator.url()),
  };
}
