/**
 * Where and as whom to reach the CCE portal: stack config `cce:*`, else `CCE_*` variables.
 * Resolved inside the provider process (configure()), never stored in resource state.
 */
export interface CceConnection {
  /** Base URL of the portal services, e.g. `https://portal01.mtn01.webexcce.com/portal/services`. */
  url: string;
  /** `<mgmt.username>@<Tenant Instance ID>`. */
  username: string;
  password: string;
  /** Tenant to authorize to when the user can access several: its 3-character code or its idProgram. */
  tenantId?: string;
}

/** The part of `pulumi.dynamic.Config` the provider needs. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

export function resolveCceConnection(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): CceConnection {
  const pick = (key: string, variable: string) => config?.get(`cce:${key}`) ?? env[variable] ?? undefined;
  const url = pick("url", "CCE_URL");
  const username = pick("username", "CCE_USERNAME");
  const password = pick("password", "CCE_PASSWORD");
  const tenantId = pick("tenantId", "CCE_TENANT_ID");
  const missing = [
    url ? undefined : "cce:url (or CCE_URL)",
    username ? undefined : "cce:username (or CCE_USERNAME)",
    password ? undefined : "cce:password (or CCE_PASSWORD; set it with `pulumi config set --secret cce:password ...`)",
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new Error(`The CCE connection is not configured: missing ${missing.join(", ")}.`);
  }
  return { url: url!.replace(/\/+$/, ""), username: username!, password: password!, tenantId: tenantId || undefined };
}
