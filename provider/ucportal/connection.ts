/**
 * Where and as whom to reach the UC/PBX analytics portal: stack config `ucportal:*`, else
 * `UCPORTAL_*` variables. Resolved inside the provider process (configure()), never stored in
 * resource state.
 */
import { baseUrl, ConfigSource, readConnection } from "../core/connection";

/** The API version in the path when `ucportal:version` is unset. */
export const DEFAULT_UCPORTAL_VERSION = "v1";

export interface UcPortalConnection {
  /** The portal API's base URL, e.g. `https://api.portal.example.com`; calls go to `<url>/<version>/customers/...` (the emulator's includes its `/ucportal` prefix). */
  url: string;
  /** The bearer token (secret). */
  token: string;
  /** The customer tenant the users belong to: `{CUSTOMER_TENANT_ID}` in the path. */
  customerId: string;
  /** The `{VERSION}` path segment. */
  version: string;
}

export function resolveUcPortalConnection(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): UcPortalConnection {
  const { url, token, customerId, version } = readConnection(
    {
      system: "UC portal",
      namespace: "ucportal",
      envPrefix: "UCPORTAL",
      required: [{ key: "url" }, { key: "token", secret: true }, { key: "customerId" }],
      optional: ["version"],
    },
    config,
    env,
  );
  return { url: baseUrl(url!), token: token!, customerId: customerId!, version: version ?? DEFAULT_UCPORTAL_VERSION };
}
