/**
 * Where and as whom to reach the CCE portal: stack config `cce:*`, else `CCE_*` variables.
 * Resolved inside the provider process (configure()), never stored in resource state.
 */
import { baseUrl, ConfigSource, readConnection } from "../core/connection";

export interface CceConnection {
  /** Base URL of the portal services, e.g. `https://portal01.mtn01.webexcce.com/portal/services`. */
  url: string;
  /** `<mgmt.username>@<Tenant Instance ID>`. */
  username: string;
  password: string;
  /** Tenant to authorize to when the user can access several: its 3-character code or its idProgram. */
  tenantId?: string;
}

export type { ConfigSource } from "../core/connection";

/**
 * One tenant as one account sees it: what the session and every per-process list (attribute
 * definitions, reference lists, coalesced reads) are kept by.
 */
export function portalKey(connection: CceConnection): string {
  return `${connection.url}|${connection.username}|${connection.tenantId ?? ""}`;
}

export function resolveCceConnection(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): CceConnection {
  const { url, username, password, tenantId } = readConnection(
    {
      system: "CCE",
      namespace: "cce",
      envPrefix: "CCE",
      required: [{ key: "url" }, { key: "username" }, { key: "password", secret: true }],
      optional: ["tenantId"],
    },
    config,
    env,
  );
  return { url: baseUrl(url!), username: username!, password: password!, tenantId };
}
