/**
 * The attributes of resourceUsers and of its ResourceRoleAssign child as seed 004 lists
 * them: type, maximum length, and who may set them (write: POST and PATCH; create: POST
 * only; read: the server). One reader checks a request body against such a table and
 * reports every problem with ADF's message numbers.
 */
import { ERR, Problems, isRealDate } from "./wire";

export type AttributeType =
  | { kind: "string"; max: number }
  | { kind: "date" }
  | { kind: "boolean" }
  | { kind: "integer" }
  | { kind: "enum"; values: readonly string[] };

/** write: POST and PATCH; create: POST only; read: set by the server, refused in any body. */
export type Access = "write" | "create" | "read";

export interface AttributeDef {
  type: AttributeType;
  access: Access;
}

const text = (max: number, access: Access = "write"): AttributeDef => ({ type: { kind: "string", max }, access });
const date = (access: Access = "write"): AttributeDef => ({ type: { kind: "date" }, access });
const bool = (access: Access = "write"): AttributeDef => ({ type: { kind: "boolean" }, access });
const int = (access: Access = "write"): AttributeDef => ({ type: { kind: "integer" }, access });
const oneOf = (values: readonly string[], access: Access = "write"): AttributeDef => ({ type: { kind: "enum", values }, access });
const readOnly: AttributeDef = { type: { kind: "string", max: 4000 }, access: "read" };

/**
 * resourceUsers' attributes in the order of the seed's response schema; lengths are the
 * seed's "最大長" where it gives one (HRManagerEmailAddress, JobCode, BusinessUnit and
 * LegalEntity have none there: the emulator's choice).
 */
export const USER_ATTRIBUTES: Record<string, AttributeDef> = {
  AddressLine1: text(240),
  AddressLine2: text(240),
  BusinessUnit: text(240, "create"),
  City: readOnly,
  Country: readOnly,
  County: text(60),
  CreatedBy: readOnly,
  // Transient: controls account creation, always null when read.
  CreateUserAccountFlag: bool(),
  CreationDate: readOnly,
  DeleteFlag: readOnly,
  FaxCountryCode: text(10),
  FirstName: text(150),
  FormattedAddress: readOnly,
  HireDate: date("create"),
  HRManagerEmailAddress: text(320),
  IndividualRoleCode: text(255),
  IndividualRoleEndDate: date(),
  IndividualRoleStartDate: date(),
  JobCode: text(30),
  JobTitle: readOnly,
  LastName: text(150),
  LastUpdateDate: readOnly,
  LastUpdatedBy: readOnly,
  LegalEntity: text(240, "create"),
  MiddleName: text(60),
  MobilePhoneCountryCode: text(10),
  PartyName: readOnly,
  PersonNumber: readOnly,
  // Retiree, employee, contingent worker, nonworker (the seed's four kinds).
  PersonType: oneOf(["EMP", "CWK", "NON", "RET"]),
  PostalCode: readOnly,
  Province: text(60),
  RawFaxNumber: text(60),
  RawMobilePhoneNumber: text(60),
  RawWorkPhoneNumber: text(60),
  ResourceEmail: text(320),
  ResourceEndDate: date(),
  ResourceManagerFirstName: text(255),
  ResourceManagerLastName: text(255),
  ResourceManagerName: text(255),
  ResourceManagerPartyId: readOnly,
  ResourceManagerPartyNumber: readOnly,
  ResourceOrganizationName: text(255),
  ResourceOrganizationUsage: readOnly,
  ResourceOrgManagerEmail: text(255),
  ResourceOrgMemRoleEndDate: date(),
  ResourceOrgMemRoleStartDate: date(),
  ResourceOrgRoleCode: text(255),
  ResourceOrgRoleName: readOnly,
  ResourceParentOrganizationName: text(255),
  ResourcePartyId: readOnly,
  ResourcePartyNumber: text(30),
  ResourceProfileId: readOnly,
  ResourceStartDate: date(),
  ResourceType: oneOf(["INDIVIDUAL"]),
  State: text(60),
  TimezoneCode: text(64),
  Title: text(60),
  TopResourceFlag: bool(),
  UpdateFlag: readOnly,
  Username: readOnly,
  // "I" is what an end-dated user reports; it cannot be set.
  UserStatus: oneOf(["A", "S"]),
  WorkPhoneCountryCode: text(10),
  __ORACO__DistributionCentre_Id_c: int(),
  __ORACO__DistributionCentre_c: text(1500),
  __ORACO__Segment_c: text(1500),
};

export const USER_ATTRIBUTE_NAMES = Object.keys(USER_ATTRIBUTES);

/** Attributes a POST must carry. */
export const REQUIRED_ON_CREATE = ["LastName", "ResourceEmail"] as const;

/** Attributes with a server default: PATCH may not null them (ResourceEndDate: null is "open-ended", handled apart). */
export const NOT_NULLABLE = ["LastName", "ResourceEmail", "ResourceStartDate", "ResourceType", "PersonType", "UserStatus", "TopResourceFlag"];

/** Attributes compared ignoring case in `q`. */
export const CASELESS_IN_Q = ["ResourceEmail", "Username"];

/** ResourceRoleAssign's attributes (seed 004's child schema). */
export const ROLE_ATTRIBUTES: Record<string, AttributeDef> = {
  RoleRelateId: int("read"),
  RoleId: int("create"),
  RoleCode: readOnly,
  RoleResourceId: int("read"),
  PartyName: readOnly,
  StartDateActive: date(),
  EndDateActive: date(),
};

export const ROLE_ATTRIBUTE_NAMES = Object.keys(ROLE_ATTRIBUTES);

/**
 * Checks each member of `body` against `table` and returns the acceptable ones (null
 * included: the caller decides what null means). `links` is skipped: clients echo reads.
 */
export function readAttributes(
  body: Record<string, unknown>,
  table: Record<string, AttributeDef>,
  mode: "create" | "update",
  resource: string,
  problems: Problems,
): Record<string, unknown> {
  const accepted: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === "links") continue;
    const def = table[name];
    if (!def) {
      problems.add(ERR.unknownAttribute, `Attribute ${name} is not found in ${resource}.`);
      continue;
    }
    if (def.access === "read") {
      problems.add(ERR.readOnly, `Attribute ${name} in ${resource} is read only.`);
      continue;
    }
    if (def.access === "create" && mode === "update") {
      problems.add(ERR.readOnly, `Attribute ${name} in ${resource} is not updatable.`);
      continue;
    }
    if (value === null) {
      accepted[name] = null;
      continue;
    }
    const problem = typeProblem(name, value, def.type, resource);
    if (problem) problems.add(problem.code, problem.detail);
    else accepted[name] = value;
  }
  return accepted;
}

function typeProblem(name: string, value: unknown, type: AttributeType, resource: string): { code: string; detail: string } | undefined {
  const shown = JSON.stringify(value);
  const wrongType = (expected: string) => ({
    code: ERR.badValue,
    detail: `Attribute ${name} in ${resource} must be ${expected}, got ${shown}.`,
  });
  switch (type.kind) {
    case "string":
      if (typeof value !== "string") return wrongType("a string");
      if (value.length > type.max) {
        return { code: ERR.tooLong, detail: `Attribute ${name} in ${resource} is ${value.length} characters long; the maximum is ${type.max}.` };
      }
      return undefined;
    case "date":
      if (typeof value !== "string" || !isRealDate(value)) return wrongType("a real date written YYYY-MM-DD");
      return undefined;
    case "boolean":
      return typeof value === "boolean" ? undefined : wrongType("true or false");
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value) ? undefined : wrongType("an integer");
    case "enum":
      if (typeof value !== "string" || !type.values.includes(value)) {
        return { code: ERR.rule, detail: `Attribute ${name} in ${resource} must be one of ${type.values.join(", ")}, got ${shown}.` };
      }
      return undefined;
  }
}
