/**
 * `ResourceUser`: an Oracle CX Sales / B2B Service resource user (seed 004).
 *
 * Lifecycle (docs/resources/resource-user.md):
 * - create: POST, roles included; a lost answer is looked up by e-mail, never posted twice.
 *   With `adopt`, an existing user of the party number (or else e-mail) is taken over instead.
 * - read: found by party number (the resource id); its opaque key comes from the self link.
 * - update: PATCH of the changed attributes only, with `If-Match` = the ETag in the state, so a
 *   change made in Oracle since then is a conflict (412), never overwritten; roles through
 *   their child collection.
 * - delete: Oracle has no delete: suspend (default), end-date, or retain.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { LifecycleResource, refuseOverruledPolicy } from "../core/lifecycle-provider";

/** A real calendar date as `YYYY-MM-DD` (the seed's own `2019-06-31` is not one). */
export const isRealDate = (value: string): boolean => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const date = () =>
  z
    .string({ error: "must be a date string YYYY-MM-DD" })
    .refine(isRealDate, "must be a real calendar date in the form YYYY-MM-DD (Oracle's date type)");
const text = (max: number) => z.string({ error: "must be a string" }).max(max, `must be at most ${max} characters (Oracle's maximum length)`);
const email = (max: number) => text(max).regex(/^[^\s@]+@[^\s@]+$/, "must be an e-mail address like name@example.com");

/**
 * Every writable attribute of the seed: the input name, Oracle's attribute name, and its rule.
 * `createOnly` attributes are accepted by POST only.
 */
export const RESOURCE_USER_FIELDS = {
  firstName: { wire: "FirstName", schema: text(150) },
  middleName: { wire: "MiddleName", schema: text(60) },
  lastName: { wire: "LastName", schema: text(150).min(1, "must not be empty") },
  title: { wire: "Title", schema: text(60) },
  email: { wire: "ResourceEmail", schema: email(320) },
  workPhoneCountryCode: { wire: "WorkPhoneCountryCode", schema: text(10) },
  workPhoneNumber: { wire: "RawWorkPhoneNumber", schema: text(60) },
  mobilePhoneCountryCode: { wire: "MobilePhoneCountryCode", schema: text(10) },
  mobilePhoneNumber: { wire: "RawMobilePhoneNumber", schema: text(60) },
  faxCountryCode: { wire: "FaxCountryCode", schema: text(10) },
  faxNumber: { wire: "RawFaxNumber", schema: text(60) },
  addressLine1: { wire: "AddressLine1", schema: text(240) },
  addressLine2: { wire: "AddressLine2", schema: text(240) },
  county: { wire: "County", schema: text(60) },
  state: { wire: "State", schema: text(60) },
  province: { wire: "Province", schema: text(60) },
  timezoneCode: { wire: "TimezoneCode", schema: text(64) },
  personType: { wire: "PersonType", schema: z.enum(["EMP", "CWK", "NON", "RET"], { error: 'must be "EMP", "CWK", "NON" or "RET"' }) },
  resourceType: { wire: "ResourceType", schema: z.literal("INDIVIDUAL", { error: 'must be "INDIVIDUAL"' }) },
  jobCode: { wire: "JobCode", schema: text(30) },
  startDate: { wire: "ResourceStartDate", schema: date() },
  endDate: { wire: "ResourceEndDate", schema: date() },
  individualRoleCode: { wire: "IndividualRoleCode", schema: text(255) },
  individualRoleStartDate: { wire: "IndividualRoleStartDate", schema: date() },
  individualRoleEndDate: { wire: "IndividualRoleEndDate", schema: date() },
  organizationName: { wire: "ResourceOrganizationName", schema: text(255) },
  parentOrganizationName: { wire: "ResourceParentOrganizationName", schema: text(255) },
  orgRoleCode: { wire: "ResourceOrgRoleCode", schema: text(255) },
  orgMembershipStartDate: { wire: "ResourceOrgMemRoleStartDate", schema: date() },
  orgMembershipEndDate: { wire: "ResourceOrgMemRoleEndDate", schema: date() },
  orgManagerEmail: { wire: "ResourceOrgManagerEmail", schema: email(255) },
  managerName: { wire: "ResourceManagerName", schema: text(255) },
  managerFirstName: { wire: "ResourceManagerFirstName", schema: text(255) },
  managerLastName: { wire: "ResourceManagerLastName", schema: text(255) },
  hrManagerEmail: { wire: "HRManagerEmailAddress", schema: email(320) },
  topResource: { wire: "TopResourceFlag", schema: z.boolean({ error: "must be true or false" }) },
  userStatus: { wire: "UserStatus", schema: z.enum(["A", "S"], { error: 'must be "A" (active) or "S" (suspended); "I" is what an end date reports, not a status you set' }) },
  hireDate: { wire: "HireDate", schema: date(), createOnly: true },
  businessUnit: { wire: "BusinessUnit", schema: text(240), createOnly: true },
  legalEntity: { wire: "LegalEntity", schema: text(240), createOnly: true },
} as const;

export type ResourceUserField = keyof typeof RESOURCE_USER_FIELDS;
export const resourceUserFields = Object.keys(RESOURCE_USER_FIELDS) as ResourceUserField[];

const flexFieldName = /^(__ORACO__)?[A-Za-z][A-Za-z0-9_]*_c$/;

export const resourceRoleInput = z
  .object({
    roleId: z.number({ error: "must be a number" }).int("must be a whole number").positive("must be a role id (RoleId) from the role catalogue"),
    startDate: date().optional(),
    endDate: date().optional(),
  })
  .strict();

const fieldShape = Object.fromEntries(
  resourceUserFields.map((field) => [field, RESOURCE_USER_FIELDS[field].schema.optional()]),
) as { [K in ResourceUserField]: z.ZodOptional<(typeof RESOURCE_USER_FIELDS)[K]["schema"]> };

export const resourceUserInputs = z
  .object({
    partyNumber: text(30)
      .min(1, "must not be empty")
      .optional(),
    ...fieldShape,
    createUserAccount: z.boolean({ error: "must be true or false" }).optional(),
    roles: z
      .array(resourceRoleInput, { error: "must be a list of roles" })
      .optional(),
    flexFields: z
      .record(z.string(), z.union([z.string().max(1500, "must be at most 1500 characters"), z.number(), z.boolean(), z.null()]), {
        error: "must be an object of flex field name to value",
      })
      .optional(),
    adopt: z.boolean({ error: "must be true or false" }).default(false),
    deletionPolicy: z
      .enum(["suspend", "endDate", "retain"], { error: 'must be "suspend", "endDate" or "retain"' })
      .default("suspend"),
  })
  .strict()
  .superRefine((user, ctx) => {
    const problem = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: path.split(".").map((key) => (/^\d+$/.test(key) ? Number(key) : key)), message });
    if (user.lastName === undefined) problem("lastName", "is required by Oracle");
    if (user.email === undefined) problem("email", "is required by Oracle (ResourceEmail)");
    const ordered = (from: keyof typeof user, to: keyof typeof user) => {
      const [a, b] = [user[from], user[to]];
      if (typeof a === "string" && typeof b === "string" && isRealDate(a) && isRealDate(b) && a > b) problem(String(to), `must not be before ${String(from)} ${a}`);
    };
    ordered("startDate", "endDate");
    ordered("individualRoleStartDate", "individualRoleEndDate");
    ordered("orgMembershipStartDate", "orgMembershipEndDate");
    if (user.createUserAccount === false && user.userStatus !== undefined) problem("userStatus", "needs a user account: not allowed with createUserAccount false");
    if ((user.orgRoleCode !== undefined || user.orgMembershipStartDate !== undefined || user.orgMembershipEndDate !== undefined) && user.organizationName === undefined) {
      problem("organizationName", "is required when orgRoleCode or the membership dates are set (Oracle's rule)");
    }
    for (const name of Object.keys(user.flexFields ?? {})) {
      if (!flexFieldName.test(name)) problem(`flexFields.${name}`, "must be a flex field name ending in _c, like __ORACO__Segment_c");
    }
    const seen = new Set<number>();
    user.roles?.forEach((role, index) => {
      if (seen.has(role.roleId)) problem(`roles.${index}.roleId`, `lists role ${role.roleId} twice: one entry per role`);
      seen.add(role.roleId);
      if (role.startDate && role.endDate && isRealDate(role.startDate) && isRealDate(role.endDate) && role.startDate > role.endDate) {
        problem(`roles.${index}.endDate`, `must not be before startDate ${role.startDate}`);
      }
    });
  });

export type ResourceUserInputs = z.output<typeof resourceUserInputs>;
export type ResourceRoleInput = z.output<typeof resourceRoleInput>;

/** Oracle's read-only attributes, as outputs: never compared, never sent. */
export interface ResourceUserReadOnly {
  partyName: string | null;
  username: string | null;
  personNumber: string | null;
  partyId: number | null;
  profileId: number | null;
  /** `A`, `S`, or `I` when the end date has passed. */
  effectiveUserStatus: string | null;
  city: string | null;
  country: string | null;
  postalCode: string | null;
  formattedAddress: string | null;
  jobTitle: string | null;
  organizationUsage: string | null;
  orgRoleName: string | null;
  managerPartyId: number | null;
  managerPartyNumber: string | null;
  updateAllowed: boolean;
  creationDate: string | null;
  createdBy: string | null;
  lastUpdateDate: string | null;
  lastUpdatedBy: string | null;
  roleAssignments: { roleRelateId: number; roleId: number; roleCode: string | null; startDate: string | null; endDate: string | null }[];
}

export type ResourceUserOutputs = ResourceUserInputs &
  ResourceUserReadOnly & {
    /** The party number in force (declared or generated by Oracle); also the resource id. */
    resourcePartyNumber: string;
    /** Oracle's opaque key, from the self link. */
    uniqId: string;
    /** The ETag of the state's version; updates send it as If-Match. */
    changeIndicator: string;
    adopted: boolean;
  };

type Input<T> = pulumi.Input<T>;

export interface ResourceRoleArgs {
  /** RoleId from the role catalogue. @example 300100010000101 */
  roleId: Input<number>;
  /** YYYY-MM-DD; Oracle defaults it to the hire date. @example "2026-01-05" */
  startDate?: Input<string>;
  /** YYYY-MM-DD; open-ended when unset. @example "2026-12-31" */
  endDate?: Input<string>;
}

export interface ResourceUserArgs {
  /** ResourcePartyNumber (at most 30). Generated by Oracle when unset. Changing it replaces the user. @example "Conta504976" */
  partyNumber?: Input<string>;
  /** Required. At most 150. @example "Cho" */
  lastName: Input<string>;
  /** ResourceEmail, required, unique in Oracle. At most 320. @example "diane.cho@vision.example" */
  email: Input<string>;
  /** FirstName, at most 150 characters. @example "Diane" */
  firstName?: Input<string>;
  /** MiddleName, at most 60 characters. @example "Lee" */
  middleName?: Input<string>;
  /** Title (the job title shown in Oracle), at most 60 characters. @example "Sales Representative" */
  title?: Input<string>;
  /** WorkPhoneCountryCode, at most 10 characters. @example "1" */
  workPhoneCountryCode?: Input<string>;
  /** RawWorkPhoneNumber, at most 60 characters, as Oracle keeps it (unformatted). @example "6505550123" */
  workPhoneNumber?: Input<string>;
  /** MobilePhoneCountryCode, at most 10 characters. @example "1" */
  mobilePhoneCountryCode?: Input<string>;
  /** RawMobilePhoneNumber, at most 60 characters. @example "6505550199" */
  mobilePhoneNumber?: Input<string>;
  /** FaxCountryCode, at most 10 characters. @example "1" */
  faxCountryCode?: Input<string>;
  /** RawFaxNumber, at most 60 characters. @example "6505550100" */
  faxNumber?: Input<string>;
  /** AddressLine1, at most 240 characters. @example "500 Oracle Parkway" */
  addressLine1?: Input<string>;
  /** AddressLine2, at most 240 characters. @example "Building 3" */
  addressLine2?: Input<string>;
  /** County, at most 60 characters. @example "San Mateo" */
  county?: Input<string>;
  /** State, at most 60 characters. @example "CA" */
  state?: Input<string>;
  /** Province, at most 60 characters. @example "Ontario" */
  province?: Input<string>;
  /** TimezoneCode (an Oracle time zone code), at most 64 characters. @example "America/Los_Angeles" */
  timezoneCode?: Input<string>;
  /** PersonType: "EMP" employee, "CWK" contingent worker, "NON" non-worker, "RET" retiree. @example "EMP" */
  personType?: Input<"EMP" | "CWK" | "NON" | "RET">;
  /** ResourceType; Oracle knows only "INDIVIDUAL" for resource users. @example "INDIVIDUAL" */
  resourceType?: Input<"INDIVIDUAL">;
  /** JobCode, at most 30 characters. @example "SALES_REP" */
  jobCode?: Input<string>;
  /** ResourceStartDate, YYYY-MM-DD. @example "2026-01-05" */
  startDate?: Input<string>;
  /** ResourceEndDate, YYYY-MM-DD. A date today or earlier makes the user inactive (`I`). @example "2026-12-31" */
  endDate?: Input<string>;
  /** IndividualRoleCode (the resource role of the person), at most 255 characters. @example "SALES_REPRESENTATIVE" */
  individualRoleCode?: Input<string>;
  /** IndividualRoleStartDate, YYYY-MM-DD. @example "2026-01-05" */
  individualRoleStartDate?: Input<string>;
  /** IndividualRoleEndDate, YYYY-MM-DD; open-ended when unset. @example "2026-12-31" */
  individualRoleEndDate?: Input<string>;
  /** ResourceOrganizationName: the resource organization the user belongs to, at most 255 characters. @example "Vision Sales US" */
  organizationName?: Input<string>;
  /** ResourceParentOrganizationName, at most 255 characters. @example "Vision Sales" */
  parentOrganizationName?: Input<string>;
  /** e.g. SALES_REPRESENTATIVE, SALES_MANAGER. Needs organizationName. @example "SALES_REPRESENTATIVE" */
  orgRoleCode?: Input<string>;
  /** ResourceOrgMemRoleStartDate: when the membership of organizationName starts, YYYY-MM-DD. @example "2026-01-05" */
  orgMembershipStartDate?: Input<string>;
  /** ResourceOrgMemRoleEndDate, YYYY-MM-DD; open-ended when unset. @example "2026-12-31" */
  orgMembershipEndDate?: Input<string>;
  /** ResourceOrgManagerEmail: the e-mail of the organization's manager, at most 255 characters. @example "manager@vision.example" */
  orgManagerEmail?: Input<string>;
  /** ResourceManagerName, at most 255 characters. @example "Katty Smith" */
  managerName?: Input<string>;
  /** ResourceManagerFirstName, at most 255 characters. @example "Katty" */
  managerFirstName?: Input<string>;
  /** ResourceManagerLastName, at most 255 characters. @example "Smith" */
  managerLastName?: Input<string>;
  /** HRManagerEmailAddress, at most 320 characters. @example "hr@vision.example" */
  hrManagerEmail?: Input<string>;
  /** TopResourceFlag: whether the user is at the top of the resource hierarchy. @example false */
  topResource?: Input<boolean>;
  /** "A" active or "S" suspended. @example "A" */
  userStatus?: Input<"A" | "S">;
  /** Set on create only (Oracle refuses it in a PATCH). @example "2026-01-05" */
  hireDate?: Input<string>;
  /** Set on create only. @example "Vision Operations" */
  businessUnit?: Input<string>;
  /** Set on create only. @example "Vision Corporation" */
  legalEntity?: Input<string>;
  /** CreateUserAccountFlag (Oracle's default true). @example true */
  createUserAccount?: Input<boolean>;
  /** The resource roles. When set, assignments not listed are deleted (ended ones are left as history). @example [{ roleId: 300100010000101 }] */
  roles?: Input<Input<ResourceRoleArgs>[]>;
  /** Flex fields by Oracle name, e.g. `{ __ORACO__Segment_c: "SMB" }`. @example { __ORACO__Segment_c: "SMB" } */
  flexFields?: Input<Record<string, Input<string | number | boolean | null>>>;
  /** Take over an existing user of the party number (or e-mail) instead of creating one. @default false @example true */
  adopt?: Input<boolean>;
  /**
   * What removing the resource does (Oracle has no delete): `"suspend"` the account, `"endDate"`
   * the resource, or `"retain"` it as it is. Pulumi's `retainOnDelete: true` does what `"retain"`
   * does, and is refused together with another value set here.
   * @default "suspend"
   * @example "suspend"
   */
  deletionPolicy?: Input<"suspend" | "endDate" | "retain">;
}

/** The type token and the lifecycle module that serves it (provider/core/lifecycle-provider.ts). */
const TOKEN = { module: "oracle", type: "ResourceUser", lifecycle: "oracle/resource-user" } as const;

/**
 * An Oracle CX resource user.
 *
 * @example
 * ```ts
 * new ResourceUser("dana", {
 *   firstName: "Dana", lastName: "Reyes", email: "dana.reyes@example.com",
 *   organizationName: "NA Sales", orgRoleCode: "SALES_REPRESENTATIVE",
 *   roles: [{ roleId: 300100010000101 }],
 * });
 * ```
 */
export class ResourceUser extends LifecycleResource {
  /** The declared party number (unset when Oracle generated it). */
  declare public readonly partyNumber: pulumi.Output<string | undefined>;
  /** The party number in force, declared or generated: the resource id. */
  declare public readonly resourcePartyNumber: pulumi.Output<string>;
  declare public readonly lastName: pulumi.Output<string>;
  declare public readonly email: pulumi.Output<string>;
  declare public readonly roles: pulumi.Output<ResourceRoleInput[] | undefined>;
  declare public readonly deletionPolicy: pulumi.Output<"suspend" | "endDate" | "retain">;
  /** Oracle's opaque item key (from the self link). */
  declare public readonly uniqId: pulumi.Output<string>;
  /** The ETag of the version in the state. */
  declare public readonly changeIndicator: pulumi.Output<string>;
  declare public readonly adopted: pulumi.Output<boolean>;
  declare public readonly partyName: pulumi.Output<string | null>;
  declare public readonly username: pulumi.Output<string | null>;
  declare public readonly personNumber: pulumi.Output<string | null>;
  declare public readonly partyId: pulumi.Output<number | null>;
  declare public readonly profileId: pulumi.Output<number | null>;
  declare public readonly effectiveUserStatus: pulumi.Output<string | null>;
  declare public readonly formattedAddress: pulumi.Output<string | null>;
  declare public readonly organizationUsage: pulumi.Output<string | null>;
  declare public readonly orgRoleName: pulumi.Output<string | null>;
  declare public readonly updateAllowed: pulumi.Output<boolean>;
  declare public readonly creationDate: pulumi.Output<string | null>;
  declare public readonly lastUpdateDate: pulumi.Output<string | null>;
  declare public readonly roleAssignments: pulumi.Output<ResourceUserReadOnly["roleAssignments"]>;

  constructor(name: string, args: ResourceUserArgs, opts?: pulumi.CustomResourceOptions) {
    refuseOverruledPolicy(`ResourceUser "${name}"`, "deletionPolicy", args.deletionPolicy, (p) => p !== "retain", "leaves the resource user as it is in Oracle", opts);
    const computed = Object.fromEntries(
      [
        "uniqId", "changeIndicator", "adopted", "partyName", "username", "personNumber", "partyId", "profileId", "effectiveUserStatus",
        "city", "country", "postalCode", "formattedAddress", "jobTitle", "organizationUsage", "orgRoleName", "managerPartyId",
        "managerPartyNumber", "updateAllowed", "creationDate", "createdBy", "lastUpdateDate", "lastUpdatedBy", "roleAssignments",
      ].map((key) => [key, undefined]),
    );
    super(
      TOKEN,
      name,
      { ...computed, ...args },
      opts,
    );
    this.resourcePartyNumber = this.id;
  }
}
