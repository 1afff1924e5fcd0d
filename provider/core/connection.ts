/**
 * Reading a vendor connection: each setting from stack config `<namespace>:<key>`, else the
 * environment variable `<PREFIX>_<KEY>`. Resolved inside the provider process (configure())
 * or the program (lookups), never stored in resource state. A missing required setting is
 * one error naming every missing key, its variable, and how to set the secret ones.
 */

/** The part of `pulumi.dynamic.Config` (or `pulumi.runtime.getConfig`) a connection needs. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

export interface ConnectionSpec<Key extends string> {
  /** The system's name in messages, e.g. "CCE". */
  system: string;
  /** The stack config namespace, e.g. "cce". */
  namespace: string;
  /** The environment variable prefix, e.g. "CCE". */
  envPrefix: string;
  /** Settings that must be present; `secret` ones are told to be set with --secret. */
  required: readonly { key: Key; secret?: boolean }[];
  optional?: readonly Key[];
}

/** `restVersion` → `REST_VERSION`. */
const envName = (prefix: string, key: string) => `${prefix}_${key.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`;

export function readConnection<Key extends string>(
  spec: ConnectionSpec<Key>,
  config: ConfigSource | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Record<Key, string | undefined> {
  const pick = (key: string) => config?.get(`${spec.namespace}:${key}`) || env[envName(spec.envPrefix, key)] || undefined;
  const values = {} as Record<Key, string | undefined>;
  for (const key of [...spec.required.map((r) => r.key), ...(spec.optional ?? [])]) values[key] = pick(key);
  const missing = spec.required
    .filter(({ key }) => !values[key])
    .map(({ key, secret }) => {
      const where = `${spec.namespace}:${key} (or ${envName(spec.envPrefix, key)}`;
      return secret ? `${where}; set it with \`pulumi config set --secret ${spec.namespace}:${key} ...\`)` : `${where})`;
    });
  if (missing.length > 0) throw new Error(`The ${spec.system} connection is not configured: missing ${missing.join(", ")}.`);
  return values;
}

/** A base URL without trailing slashes. */
export const baseUrl = (url: string) => url.replace(/\/+$/, "");
