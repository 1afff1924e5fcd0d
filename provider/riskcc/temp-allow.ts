/**
 * `TempAllow`: an Oracle risk-cc customer-care temporary allow for one customer (seed 002).
 *
 * Lifecycle (see docs/resources/temp-allow.md):
 * - create / update: `PUT .../customercare/v1/{customerId}/provision` with the level and the
 *   expiration, in JSON or XML.
 * - read: the API has no read call. `refresh` returns the state as it is, so it cannot see a
 *   change made outside Pulumi.
 * - delete: the API has no delete call either: the allow is revoked by provisioning the same
 *   level with an expiration of now.
 * - A customerId change replaces the resource (a new customer's allow, then the old one revoked).
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { LifecycleResource } from "../core/lifecycle-provider";
import { DATE_TIME_RULE, TEMP_ALLOW_TYPES, TEMP_ALLOW_TYPE_RULE, TempAllowType, parseDateTime } from "./wire";

/** A uniqueUserId goes into the URL path: no whitespace, no '/', nothing that is not printable. */
export const CUSTOMER_ID = /^[^\s/\\\x00-\x1f\x7f]{1,256}$/;

export const tempAllowInputs = z
  .object({
    customerId: z
      .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be a string") })
      .regex(CUSTOMER_ID, "must be the customer's uniqueUserId: 1 to 256 characters, no whitespace, '/' or '\\'")
      .refine((id) => id !== "." && id !== "..", { message: "must not be \".\" or \"..\": it goes into the URL path, where those step up or sideways" }),
    tempAllowType: z
      .literal(TEMP_ALLOW_TYPES, { error: (issue) => (issue.input === undefined ? "is required" : TEMP_ALLOW_TYPE_RULE) }),
    expirationDate: z
      .string({ error: (issue) => (issue.input === undefined ? "is required" : `${DATE_TIME_RULE} (a string)`) })
      .superRefine((value, ctx) => {
        const parsed = parseDateTime(value);
        if (!parsed.ok) ctx.addIssue({ code: "custom", message: `${DATE_TIME_RULE}: ${parsed.problem}` });
      })
      .meta({ format: "date-time" }),
    format: z
      .enum(["json", "xml"], { error: 'must be "json" or "xml"' })
      .default("json"),
  })
  .strict();

export type TempAllowInputs = z.output<typeof tempAllowInputs>;

export interface TempAllowOutputs extends TempAllowInputs {
  /** When the provider last provisioned this allow (its own clock, ISO 8601 UTC). */
  provisionedAt: string;
}

export interface TempAllowArgs {
  /**
   * The customer's uniqueUserId (see risk-cc's User Preferences API). Changing it replaces the resource.
   * @example "u-100001"
   */
  customerId: pulumi.Input<string>;
  /**
   * The level of the temporary allow, one of the enum `customercare.case.tempallow.level.enum`.
   * The seed does not list that enum's members; this package accepts 1, 2 and 3.
   * @example 1
   */
  tempAllowType: pulumi.Input<TempAllowType>;
  /**
   * When the allow ends: an RFC 3339 date-time with seconds and an offset, in the future
   * when it is set or changed.
   * @example "2026-10-15T01:29:29.768Z"
   */
  expirationDate: pulumi.Input<string>;
  /**
   * The body format on the wire: JSON or the seed's `<TempAllowRequest>` XML.
   * @default "json"
   * @example "xml"
   */
  format?: pulumi.Input<"json" | "xml">;
}

/** The type token and the lifecycle module that serves it (provider/core/lifecycle-provider.ts). */
const TOKEN = { module: "riskcc", type: "TempAllow", lifecycle: "riskcc/temp-allow" } as const;

/**
 * An Oracle risk-cc customer-care temporary allow for one customer. The API has no read:
 * `refresh` cannot see changes made outside Pulumi. Destroying it revokes the allow by
 * setting its expiration to now.
 *
 * @example
 * ```ts
 * const allow = new TempAllow("alice", { customerId: "u-100001", tempAllowType: 1, expirationDate: "2026-10-15T00:00:00Z" });
 * ```
 */
export class TempAllow extends LifecycleResource {
  /** The customer's uniqueUserId (also the resource id). */
  declare public readonly customerId: pulumi.Output<string>;
  /** The level of the temporary allow. */
  declare public readonly tempAllowType: pulumi.Output<TempAllowType>;
  /** When the allow ends, as declared. */
  declare public readonly expirationDate: pulumi.Output<string>;
  /** The body format used on the wire. */
  declare public readonly format: pulumi.Output<"json" | "xml">;
  /** When the provider last provisioned this allow (ISO 8601 UTC). */
  declare public readonly provisionedAt: pulumi.Output<string>;

  constructor(name: string, args: TempAllowArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      TOKEN,
      name,
      { provisionedAt: undefined, ...args },
      opts,
    );
  }
}
