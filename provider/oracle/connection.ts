/**
 * Where and as whom to reach Oracle CX Sales / B2B Service: stack config `oracle:*`, else
 * `ORACLE_*` variables. Resolved inside the provider process (configure()), never stored in
 * resource state.
 */
import { baseUrl, ConfigSource, readConnection } from "../core/connection";

/** The REST resource version the seed documents; `oracle:restVersion` picks another. */
export const DEFAULT_REST_VERSION = "11.13.18.05";

export interface OracleConnection {
  /** The pod's base URL, e.g. `https://servername.fa.us2.oraclecloud.com` (no path). */
  url: string;
  username: string;
  password: string;
  /** The resource version in the path, e.g. `11.13.18.05`. */
  restVersion: string;
}

export function resolveOracleConnection(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): OracleConnection {
  const { url, username, password, restVersion } = readConnection(
    {
      system: "Oracle CX",
      namespace: "oracle",
      envPrefix: "ORACLE",
      required: [{ key: "url" }, { key: "username" }, { key: "password", secret: true }],
      optional: ["restVersion"],
    },
    config,
    env,
  );
  return { url: baseUrl(url!), username: username!, password: password!, restVersion: restVersion ?? DEFAULT_REST_VERSION };
}
