/**
 * The declarative file format: one YAML file (or a folder of them) declaring a whole tenant.
 *
 * Each kind reuses its resource's zod schema (the one source of truth), with numeric ids
 * replaced by names: a skill group's peripheral, a user's site, team, role group (the
 * resources' own name inputs, resolved by the provider) and skill groups (declared in the file,
 * resolved by the program). Credentials never appear: a user's initial
 * password is named by the secret stack config key that holds it (`passwordSecret`).
 *
 * Every object has a key that names it in the stack (its Pulumi resource name) and in
 * references: see `keyOf`. Keys must be unique per kind.
 */
import { z } from "zod";
import { agentAttributeInputs } from "../provider/cce/agent-attribute";
import { precisionQueueInputs } from "../provider/cce/precision-queue";
import { skillGroupInputs } from "../provider/cce/skill-group";
import { USER_NAMED_REFERENCES, userInputs } from "../provider/cce/user";
import { resourceUserInputs } from "../provider/oracle/resource-user";
import { tempAllowInputs } from "../provider/riskcc/temp-allow";
import { customerUserInputs } from "../provider/ucportal/customer-user";

const nameOf = (what: string) => z.string({ error: `must be the ${what}'s name` }).min(1, `must be the ${what}'s name, not empty`);

const omit = <T extends Record<string, unknown>, K extends keyof T>(shape: T, keys: readonly K[]): Omit<T, K> =>
  Object.fromEntries(Object.entries(shape).filter(([key]) => !keys.includes(key as K))) as Omit<T, K>;

export const fileSkillGroup = z
  .object({
    ...omit(skillGroupInputs.shape, ["peripheralId", "peripheral"]),
    peripheral: nameOf("peripheral (platform)").describe("The peripheral the group is on, by name, e.g. CUCM_PG_1."),
  })
  .strict();

/** The file's own user fields, with the provider input each one becomes. */
export const USER_REFERENCES = {
  skillGroups: "skillGroupIds",
  passwordSecret: "password",
} as const;

/** A user's ids the file never numbers: it gives the resource's name inputs (site, team, ...) instead. */
const USER_ID_INPUTS = Object.values(USER_NAMED_REFERENCES).map((reference) => reference.id);

export const fileUser = z
  .object({
    ...omit(userInputs.shape, [...USER_ID_INPUTS, ...Object.values(USER_REFERENCES), "userCollectionIds", "agentCollectionIds"]),
    skillGroups: z
      .array(nameOf("skill group"), { error: "must be a list of skill group names" })
      .optional()
      .describe("Skill groups declared in this file, by name (or <peripheral>.<name> when two peripherals have one of that name)."),
    attributes: z
      .record(z.string().min(1), agentAttributeInputs.shape.value, { error: "must map attribute names to values" })
      .optional()
      .describe("The agent's attributes by name, e.g. { Sales_Skill: 8, Spanish: true }."),
    passwordSecret: z
      .string({ error: "must be the name of a secret stack config value" })
      .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, "must be a stack config key, e.g. agentPassword (set it with `pulumi config set --secret agentPassword ...`)")
      .optional()
      .describe("The secret stack config key holding the initial password. Passwords never go in this file."),
  })
  .strict();

/** The most stacks one count of `shards` may ask for: more is a sign of a typo, not of a tenant. */
export const MAX_SHARDS = 64;

export const contactCenterFile = z
  .object({
    $schema: z.string().optional().describe("The JSON Schema of this file, for editors."),
    shards: z
      .object({
        skillGroups: z
          .number({ error: "must be a whole number of stacks" })
          .int("must be a whole number of stacks")
          .min(1, "must be at least 1")
          .max(MAX_SHARDS, `must be at most ${MAX_SHARDS}`)
          .optional()
          .describe("How many stacks hold the skill groups (default 1). They run before the other shards."),
        objects: z
          .number({ error: "must be a whole number of stacks" })
          .int("must be a whole number of stacks")
          .min(1, "must be at least 1")
          .max(MAX_SHARDS, `must be at most ${MAX_SHARDS}`)
          .describe("How many stacks hold every other object (users with their attributes, queues, resource users, allows, customer users)."),
      })
      .strict()
      .optional()
      .describe(
        "Reconcile this declaration as several stacks of bounded size with `contact-center shards` (docs/large-tenants.md). " +
          "Each object's stack comes from a hash of its kind and key, so adding objects never moves others; changing a count moves objects with `contact-center shards move`.",
      ),
    cce: z
      .object({
        skillGroups: z.array(fileSkillGroup).optional().describe("Skill groups, each keyed by <peripheral>.<name>."),
        users: z.array(fileUser).optional().describe("Users and agents, each keyed by its login name."),
        precisionQueues: z.array(precisionQueueInputs).optional().describe("Precision queues to adopt and manage, each keyed by its queueName or queueId (the portal cannot create queues)."),
      })
      .strict()
      .optional()
      .describe("Cisco Webex CCE (connection: cce:* stack config or CCE_* variables)."),
    oracle: z
      .object({ resourceUsers: z.array(resourceUserInputs).optional().describe("Resource users, each keyed by its partyNumber, or its e-mail when it has none.") })
      .strict()
      .optional()
      .describe("Oracle CX Sales / B2B Service (connection: oracle:* or ORACLE_*)."),
    riskcc: z
      .object({ tempAllows: z.array(tempAllowInputs).optional().describe("Temporary allows, each keyed by its customerId.") })
      .strict()
      .optional()
      .describe("Oracle risk-cc customer care (connection: riskcc:* or RISKCC_*)."),
    ucportal: z
      .object({ customerUsers: z.array(customerUserInputs).optional().describe("Customer users, each keyed by its e-mail.") })
      .strict()
      .optional()
      .describe("The UC/PBX analytics portal's customer users (connection: ucportal:* or UCPORTAL_*)."),
  })
  .strict();

export type ContactCenterFile = z.output<typeof contactCenterFile>;
export type FileSkillGroup = z.output<typeof fileSkillGroup>;
export type FileUser = z.output<typeof fileUser>;

/** Every kind of object the file declares, with where its list lives. */
export const KINDS = {
  skillGroup: { section: "cce", list: "skillGroups" },
  user: { section: "cce", list: "users" },
  precisionQueue: { section: "cce", list: "precisionQueues" },
  resourceUser: { section: "oracle", list: "resourceUsers" },
  tempAllow: { section: "riskcc", list: "tempAllows" },
  customerUser: { section: "ucportal", list: "customerUsers" },
} as const;
export type Kind = keyof typeof KINDS;

/**
 * The key of an object: unique per kind, its Pulumi resource name, and what references use.
 * Skill groups are `<peripheral>.<name>` (ICM's enterprise name), users their login name,
 * queues their name (or id), resource users their party number (or e-mail), allows the customer,
 * customer users their e-mail.
 */
/** The key, or undefined while the fields it is made of are missing (an invalid object). */
export function keyIfComplete(kind: Kind, object: Record<string, unknown>): string | undefined {
  const parts = { skillGroup: ["peripheral", "name"], user: ["loginName"], precisionQueue: ["queueName|queueId"], resourceUser: ["partyNumber|email"], tempAllow: ["customerId"], customerUser: ["email"] }[kind];
  const present = (field: string) => field.split("|").some((f) => typeof object[f] === "string" || typeof object[f] === "number");
  return parts.every(present) ? keyOf(kind, object) : undefined;
}

export function keyOf(kind: Kind, object: Record<string, unknown>): string {
  switch (kind) {
    case "skillGroup":
      return `${object.peripheral}.${object.name}`;
    case "user":
      return String(object.loginName);
    case "precisionQueue":
      return String(object.queueName ?? object.queueId);
    case "resourceUser":
      return String(object.partyNumber ?? object.email);
    case "tempAllow":
      return String(object.customerId);
    case "customerUser":
      return String(object.email);
  }
}

/** The objects of one kind in a file, in file order. */
export function objectsOf(file: ContactCenterFile, kind: Kind): Record<string, unknown>[] {
  const { section, list } = KINDS[kind];
  // Also used on files that failed validation: anything that is not a list of objects is no objects.
  const holder = (file as Record<string, Record<string, unknown> | undefined>)[section];
  const objects = typeof holder === "object" && holder !== null ? holder[list] : undefined;
  return Array.isArray(objects) ? objects.map((o) => (typeof o === "object" && o !== null && !Array.isArray(o) ? o : {})) : [];
}
