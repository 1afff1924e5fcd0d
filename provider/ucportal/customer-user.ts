/**
 * `CustomerUser`: a user of the UC/PBX analytics portal's customer tenant, with their
 * licence, supervisor, permission and client roles and softphone devices (seed 003).
 *
 * Lifecycle (docs/resources/customer-user.md):
 * - create: POST; the activation and UC welcome e-mails when asked; a lost answer is looked up
 *   by e-mail, never posted twice. With `adopt`, the tenant's user of that e-mail is taken over.
 * - read: GET by id. Roles the server assigned by itself are reported in `serverAssignedRoles`
 *   and are never drift.
 * - update: PATCH of what changed; devices through their own PUT. A demotion of the tenant's
 *   last user administrator is refused before any write.
 * - delete: with `deletionPolicy` "delete" (default), DELETE (irreversible), refused for the last
 *   user administrator; with "retain", nothing is sent and the user stays.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { LifecycleResource, protectIrreversible, refuseOverruledPolicy } from "../core/lifecycle-provider";
import { checkRoles, roleOf, SOFTPHONE_ROLE, SUPERVISOR_ROLE_KEYS, UC_ROLE } from "./roles";

const text = (max: number) => z.string({ error: "must be a string" }).max(max, `must be at most ${max} characters (the portal's maximum length)`);

/** The portal's rule for e-mails: `local@domain.tld`. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A role key with its catalogue name, for messages: `customer.user.acd (Agent User Add-On)`. */
export const describeRole = (key: string) => `${key} (${roleOf(key)?.name ?? "unknown role"})`;

export const customerUserInputs = z
  .object({
    displayName: text(100)
      .refine((value) => value.trim().length > 0, "must not be blank"),
    email: text(200)
      .regex(EMAIL, "must be an e-mail address like name@example.com"),
    roles: z
      .array(z.string({ error: "must be a role key" }), { error: "is required: list the user's role keys, [] for none" }),
    primaryTenant: text(200).min(1, "must not be empty").optional(),
    devices: z
      .array(z.string({ error: "must be a device id" }).min(1, "must not be empty"), { error: "must be a list of device ids" })
      .optional(),
    sendActivationEmail: z.boolean({ error: "must be true or false" }).default(false),
    sendWelcomeEmail: z
      .boolean({ error: "must be true or false" })
      .default(false),
    adopt: z.boolean({ error: "must be true or false" }).default(false),
    deletionPolicy: z
      .enum(["delete", "retain"], { error: 'must be "delete" or "retain"' })
      .default("delete"),
  })
  .strict()
  .superRefine((user, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const seen = new Set<string>();
    user.roles.forEach((key, index) => {
      if (seen.has(key)) problem(["roles", index], `lists ${key} twice: roles are a set, one entry per role`);
      seen.add(key);
    });
    // The catalogue's rules (provider/ucportal/roles.ts), the same the portal applies: all problems at once.
    for (const found of checkRoles(user.roles)) {
      if (found.code === "UNKNOWN_ROLE") {
        problem(["roles", user.roles.indexOf(found.role)], "must be a role key of the portal's catalogue, like customer.user or customer.user.supervisorl3 (docs/resources/customer-user.md lists them)");
      } else if (found.code === "ROLE_PREREQUISITE_MISSING") {
        problem(["roles"], `has ${describeRole(found.role)} without ${describeRole(found.requires)}, which it requires`);
      } else {
        problem(
          ["roles"],
          `has ${found.roles.length} supervisor licences, ${found.roles.join(" and ")}: they are mutually exclusive (a higher level includes the lower ones, ` +
            `${SUPERVISOR_ROLE_KEYS[0]} to ${SUPERVISOR_ROLE_KEYS[SUPERVISOR_ROLE_KEYS.length - 1]}), keep one`,
        );
      }
    }
    if (user.devices && user.devices.length > 0 && !user.roles.includes(SOFTPHONE_ROLE)) {
      problem(["devices"], `needs ${describeRole(SOFTPHONE_ROLE)} in roles: the portal assigns softphones only to its holders`);
    }
    const devices = new Set<string>();
    user.devices?.forEach((device, index) => {
      if (devices.has(device)) problem(["devices", index], `lists ${device} twice: devices are a set`);
      devices.add(device);
    });
    if (user.sendWelcomeEmail && !user.roles.includes(UC_ROLE)) {
      problem(["sendWelcomeEmail"], `needs ${describeRole(UC_ROLE)} in roles: the UC welcome e-mail links to the UC clients' download`);
    }
  });

export type CustomerUserDeclared = z.output<typeof customerUserInputs>;

/** The inputs after check(): the declaration plus the licence delta check() computes for the plan. */
export type CustomerUserInputs = CustomerUserDeclared & {
  /**
   * The licence roles (licences and supervisor access, which may cost money) the last change of
   * the licence set adds and removes, e.g. `adds customer.user.supervisorl3 (Live Analytics
   * Supervisor); removes customer.user.supervisorl2 (Analytics Supervisor)`. Computed by check()
   * against the state; it changes, and so shows in `pulumi preview`, exactly when a plan changes licences.
   */
  licenceChanges: string;
};

export type CustomerUserOutputs = CustomerUserInputs & {
  /** The portal's user id; also the resource id. */
  userId: string;
  /** True for a user configured at the reseller level (the portal refuses to change those). */
  isParent: boolean;
  /** Every role the user holds in the portal, sorted: declared and server-assigned. */
  liveRoles: string[];
  /** Roles the portal assigned by itself and nobody declared (customer.user.pbx at creation, customer.user.pbx.realtime). Never drift. */
  serverAssignedRoles: string[];
  /** The user's primary tenant as the portal reports it. */
  effectivePrimaryTenant: string;
  /** The softphones assigned, as the portal reports them, whether `devices` is declared or not. */
  assignedDevices: string[];
  /** Whether this resource adopted an existing user rather than creating it. */
  adopted: boolean;
  /** Whether the activation / UC welcome e-mails were sent when this resource created the user. */
  activationEmailSent: boolean;
  welcomeEmailSent: boolean;
};

type Input<T> = pulumi.Input<T>;

export interface CustomerUserArgs {
  /** The user's full display name, 1 to 100 characters. @example "Dana Reyes" */
  displayName: Input<string>;
  /** E-mail address, at most 200, unique in the customer tenant (any case). Adoption finds the user by it. @example "dana@acme.example" */
  email: Input<string>;
  /**
   * The user's role keys, a set (order does not matter; [] for none). check() refuses unknown
   * keys, missing prerequisites and two supervisor licences before any call. Roles the portal
   * assigns by itself are reported in `serverAssignedRoles` and need not be listed.
   * @example ["customer.user", "customer.user.pbx", "customer.user.supervisorl3"]
   */
  roles: Input<Input<string>[]>;
  /** The primary tenant id; the portal's default is the customer tenant. Unset: not managed. @example "cust-acme" */
  primaryTenant?: Input<string>;
  /** Device ids assigned as softphones, the whole set; needs `customer.user.uc.softphone`. Unset: not managed. @example ["sp-1001"] */
  devices?: Input<Input<string>[]>;
  /** Send the activation e-mail when the user is created (not when adopted). @default false @example true */
  sendActivationEmail?: Input<boolean>;
  /** Send the UC welcome e-mail when the user is created (needs `customer.user.uc`; not when adopted). @default false @example true */
  sendWelcomeEmail?: Input<boolean>;
  /** Take over the tenant's existing user of this e-mail instead of creating one. @default false @example true */
  adopt?: Input<boolean>;
  /**
   * What removing the resource does: `"delete"` deletes the user, which **cannot be undone** (the
   * portal has no undelete; refused for the tenant's last user administrator); `"retain"` sends
   * nothing and leaves the user in the portal. Under `"delete"` the resource is protected (a plan
   * that deletes it fails its preview) until the deletion is allowed: `contact-center allow-delete`
   * for named users, or stack config `contact-center:allowIrreversibleDeletion`. Pulumi's
   * `retainOnDelete: true` does what `"retain"` does, and is refused together with `"delete"` set here.
   * @default "delete"
   * @example "retain"
   */
  deletionPolicy?: Input<"delete" | "retain">;
}

/** The type token and the lifecycle module that serves it (provider/core/lifecycle-provider.ts). */
const TOKEN = { module: "ucportal", type: "CustomerUser", lifecycle: "ucportal/customer-user" } as const;

/**
 * A customer user of the UC/PBX analytics portal. Destroying it deletes the user, irreversibly,
 * unless `deletionPolicy` is `"retain"`.
 *
 * @example
 * ```ts
 * new CustomerUser("dana", {
 *   displayName: "Dana Reyes", email: "dana.reyes@acme.example",
 *   roles: ["customer.user", "customer.user.supervisorl2"],
 *   sendActivationEmail: true,
 * });
 * ```
 */
export class CustomerUser extends LifecycleResource {
  declare public readonly displayName: pulumi.Output<string>;
  declare public readonly email: pulumi.Output<string>;
  /** The declared roles, sorted. */
  declare public readonly roles: pulumi.Output<string[]>;
  declare public readonly primaryTenant: pulumi.Output<string | undefined>;
  declare public readonly devices: pulumi.Output<string[] | undefined>;
  declare public readonly deletionPolicy: pulumi.Output<"delete" | "retain">;
  /** The licence roles the last change of the licence set added and removed (see CustomerUserInputs). */
  declare public readonly licenceChanges: pulumi.Output<string>;
  /** The portal's user id (also the resource id). */
  declare public readonly userId: pulumi.Output<string>;
  declare public readonly isParent: pulumi.Output<boolean>;
  /** Every role the user holds, declared and server-assigned, sorted. */
  declare public readonly liveRoles: pulumi.Output<string[]>;
  /** Roles the portal assigned by itself and nobody declared: never drift. */
  declare public readonly serverAssignedRoles: pulumi.Output<string[]>;
  declare public readonly effectivePrimaryTenant: pulumi.Output<string>;
  declare public readonly assignedDevices: pulumi.Output<string[]>;
  declare public readonly adopted: pulumi.Output<boolean>;
  declare public readonly activationEmailSent: pulumi.Output<boolean>;
  declare public readonly welcomeEmailSent: pulumi.Output<boolean>;

  constructor(name: string, args: CustomerUserArgs, opts?: pulumi.CustomResourceOptions) {
    refuseOverruledPolicy(`CustomerUser "${name}"`, "deletionPolicy", args.deletionPolicy, (p) => p !== "retain", "leaves the user in the portal", opts);
    const computed = Object.fromEntries(
      [
        "licenceChanges", "isParent", "liveRoles", "serverAssignedRoles", "effectivePrimaryTenant", "assignedDevices",
        "adopted", "activationEmailSent", "welcomeEmailSent",
      ].map((key) => [key, undefined]),
    );
    super(
      TOKEN,
      name,
      { ...computed, ...args },
      // Deleting a customer user cannot be undone: protected unless allowed (see protectIrreversible).
      protectIrreversible(args.deletionPolicy === undefined || args.deletionPolicy === "delete", opts),
    );
    this.userId = this.id;
  }
}
