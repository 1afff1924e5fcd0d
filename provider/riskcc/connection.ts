/**
 * Where and as whom to reach risk-cc: stack config `riskcc:*`, else `RISKCC_*` variables.
 * Resolved inside the provider process, never stored in resource state.
 */
import { baseUrl, ConfigSource, readConnection } from "../core/connection";

export interface RiskCcConnection {
  /** The `<RISKCC>` base of the seed's URLs, e.g. `https://riskcc.example.com`; calls go to `${url}/risk-cc/...`. */
  url: string;
  /** The HTTP Basic user. */
  username: string;
  password: string;
}

export function resolveRiskCcConnection(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): RiskCcConnection {
  const { url, username, password } = readConnection(
    { system: "risk-cc", namespace: "riskcc", envPrefix: "RISKCC", required: [{ key: "url" }, { key: "username" }, { key: "password", secret: true }] },
    config,
    env,
  );
  return { url: baseUrl(url!), username: username!, password: password! };
}
