/**
 * `getChatAuthenticationOutput`: Oracle CX `GET chatAuthenticate/{authUserName}` (seed 000), the
 * chat JWT and the channel server's fields for a user.
 *
 * Oracle marks this endpoint "not supported": it may change or go without notice. It is a read,
 * not configuration, so it is a function that runs in the program process (dynamic providers
 * cannot serve Pulumi functions), with the resources' connection (`oracle:*` stack config, else
 * `ORACLE_*` variables).
 *
 * There is deliberately no promise form: its `jwt` would be a plain string that a program could
 * export into the state. Here `jwt` is a secret Output; the other fields are plain.
 */
import { z } from "zod";
import * as pulumi from "@pulumi/pulumi";
import { notFoundError } from "../core/errors";
import { redactError, registerSecret } from "../core/secrets";
import { OracleClient } from "./client";
import { resolveOracleConnection } from "./connection";

export interface ChatAuthenticationArgs {
  /** The user's Oracle user name (`Username` of a resource user). @example "diane.cho" */
  authUserName: pulumi.Input<string>;
}

/** The seed's chatAuthenticate item: every field is a string, null when Oracle sends none. */
/** chatAuthenticate's item: the JWT required (a string), the rest text when present. */
const chatAuthenticationItem = z.object({
  authUserName: z.string().nullish().transform((v) => v ?? null),
  jwt: z.string().min(1),
  domain: z.string().nullish().transform((v) => v ?? null),
  poolId: z.string().nullish().transform((v) => v ?? null),
  chatSiteName: z.string().nullish().transform((v) => v ?? null),
  clientType: z.string().nullish().transform((v) => v ?? null),
  firstName: z.string().nullish().transform((v) => v ?? null),
  lastName: z.string().nullish().transform((v) => v ?? null),
  emailAddress: z.string().nullish().transform((v) => v ?? null),
  contactId: z.union([z.string(), z.number().transform(String)]).nullish().transform((v) => v ?? null),
  escalationLevel: z.union([z.string(), z.number().transform(String)]).nullish().transform((v) => v ?? null),
});
type ChatAuthenticationItem = z.output<typeof chatAuthenticationItem>;

export interface ChatAuthenticationResult {
  /** The chat JWT: a secret, never in the state in plain text. */
  jwt: pulumi.Output<string>;
  authUserName: pulumi.Output<string>;
  /** The channel server's domain. */
  domain: pulumi.Output<string | null>;
  poolId: pulumi.Output<string | null>;
  chatSiteName: pulumi.Output<string | null>;
  clientType: pulumi.Output<string | null>;
  firstName: pulumi.Output<string | null>;
  lastName: pulumi.Output<string | null>;
  emailAddress: pulumi.Output<string | null>;
  contactId: pulumi.Output<string | null>;
}

async function fetchChatAuthentication(authUserName: string): Promise<ChatAuthenticationItem> {
  try {
    // The raw config reader: pulumi.Config#get would warn that oracle:password is a secret.
    const client = new OracleClient(resolveOracleConnection({ get: (key) => pulumi.runtime.getConfig(key) }));
    const response = await client.request(
      { method: "GET", path: `chatAuthenticate/${encodeURIComponent(authUserName)}`, query: { onlyData: "true" }, accept: [404] },
      chatAuthenticationItem,
    );
    if (response.status === 404) throw notFoundError(`Oracle CX chat user ${JSON.stringify(authUserName)} (chatAuthenticate answered 404)`);
    registerSecret(response.body!.jwt);
    return response.body!;
  } catch (error) {
    throw redactError(error);
  }
}

export function getChatAuthenticationOutput(args: ChatAuthenticationArgs): ChatAuthenticationResult {
  const item = pulumi.output(args.authUserName).apply(fetchChatAuthentication);
  const field = (name: keyof ChatAuthenticationItem) => item.apply((i) => i[name] ?? null);
  return {
    // `item` itself is never handed out: each field is taken from it, and only the JWT is secret.
    jwt: pulumi.secret(item.apply((i) => i.jwt ?? "")),
    authUserName: item.apply((i) => i.authUserName ?? ""),
    domain: field("domain"),
    poolId: field("poolId"),
    chatSiteName: field("chatSiteName"),
    clientType: field("clientType"),
    firstName: field("firstName"),
    lastName: field("lastName"),
    emailAddress: field("emailAddress"),
    contactId: field("contactId"),
  };
}

/**
 * The name for the same function. It returns Outputs, not a promise, unlike most
 * `getX` functions: only an Output can keep the JWT secret.
 */
export const getChatAuthentication = getChatAuthenticationOutput;
