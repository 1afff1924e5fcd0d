import { check, diff } from "../../provider/oracle/resource-user.lifecycle";
import { RESOURCE_USER_FIELDS, ResourceUserOutputs, isRealDate } from "../../provider/oracle/resource-user";
import { UNKNOWN } from "../../provider/core/check";

const dana = { firstName: "Dana", lastName: "Reyes", email: "dana.reyes@example.com" };

describe("ResourceUser check()", () => {
  test("applies defaults to valid input and sorts roles by id", async () => {
    const result = await check(undefined, {}, { ...dana, roles: [{ roleId: 300100010000104 }, { roleId: 300100010000101, startDate: "2026-01-05" }] });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual({
      ...dana,
      roles: [{ roleId: 300100010000101, startDate: "2026-01-05" }, { roleId: 300100010000104 }],
      adopt: false,
      deletionPolicy: "suspend",
    });
  });

  test.each([
    // The seed's own end-date example is not a date.
    [{ endDate: "2019-06-31" }, "endDate", 'endDate must be a real calendar date in the form YYYY-MM-DD (Oracle\'s date type), got "2019-06-31"'],
    [{ hireDate: "2026-02-30" }, "hireDate", 'got "2026-02-30"'],
    [{ startDate: "05/01/2007" }, "startDate", "must be a real calendar date"],
    [{ individualRoleStartDate: 20070501 }, "individualRoleStartDate", "must be a date string YYYY-MM-DD"],
    [{ firstName: "x".repeat(151) }, "firstName", "firstName must be at most 150 characters (Oracle's maximum length)"],
    [{ lastName: "" }, "lastName", 'lastName must not be empty, got ""'],
    [{ middleName: "x".repeat(61) }, "middleName", "at most 60 characters"],
    [{ email: "dana at example.com" }, "email", 'email must be an e-mail address like name@example.com, got "dana at example.com"'],
    [{ email: `${"x".repeat(310)}@example.com` }, "email", "at most 320 characters"],
    [{ partyNumber: "P".repeat(31) }, "partyNumber", "partyNumber must be at most 30 characters"],
    [{ workPhoneCountryCode: "00000000001" }, "workPhoneCountryCode", "at most 10 characters"],
    [{ timezoneCode: "z".repeat(65) }, "timezoneCode", "at most 64 characters"],
    [{ jobCode: "J".repeat(31) }, "jobCode", "at most 30 characters"],
    [{ personType: "Employee" }, "personType", 'personType must be "EMP", "CWK", "NON" or "RET", got "Employee"'],
    [{ resourceType: "TEAM" }, "resourceType", 'resourceType must be "INDIVIDUAL"'],
    [{ userStatus: "I" }, "userStatus", '"I" is what an end date reports, not a status you set'],
    [{ topResource: "Y" }, "topResource", 'topResource must be true or false, got "Y"'],
    [{ createUserAccount: "Y" }, "createUserAccount", "must be true or false"],
    [{ startDate: "2026-05-01", endDate: "2026-04-30" }, "endDate", 'endDate must not be before startDate 2026-05-01, got "2026-04-30"'],
    [{ individualRoleStartDate: "2026-05-01", individualRoleEndDate: "2025-01-01" }, "individualRoleEndDate", "must not be before individualRoleStartDate"],
    [{ orgRoleCode: "SALES_VP" }, "organizationName", "organizationName is required when orgRoleCode or the membership dates are set"],
    [{ createUserAccount: false, userStatus: "A" }, "userStatus", "needs a user account"],
    [{ roles: [{ roleId: 1.5 }] }, "roles.0.roleId", "roles.0.roleId must be a whole number, got 1.5"],
    [{ roles: [{ roleId: 300100010000101 }, { roleId: 300100010000101 }] }, "roles.1.roleId", "roles.1.roleId lists role 300100010000101 twice: one entry per role, got 300100010000101"],
    [{ roles: [{ roleId: 300100010000101, startDate: "2026-03-01", endDate: "2026-02-01" }] }, "roles.0.endDate", "must not be before startDate 2026-03-01"],
    [{ roles: [{ roleId: 300100010000101, endDate: "2019-06-31" }] }, "roles.0.endDate", "must be a real calendar date"],
    [{ roles: [{ roleId: 300100010000101, code: "SALES" }] }, "roles.0", 'Unrecognized key: "code"'],
    [{ flexFields: { Segment: "SMB" } }, "flexFields.Segment", 'flexFields.Segment must be a flex field name ending in _c, like __ORACO__Segment_c, got "SMB"'],
    [{ flexFields: { __ORACO__Segment_c: "s".repeat(1501) } }, "flexFields.__ORACO__Segment_c", "at most 1500 characters"],
    [{ deletionPolicy: "delete" }, "deletionPolicy", 'deletionPolicy must be "suspend", "endDate" or "retain", got "delete"'],
    [{ PartyName: "Dana Reyes" }, "(inputs)", 'Unrecognized key: "PartyName"'],
  ])("refuses %j at %s", async (change, property, message) => {
    const result = await check(undefined, {}, { ...dana, ...change });
    const failure = result.failures.find((f) => f.property === property);
    expect(failure?.reason).toContain(message);
  });

  test("requires lastName and email, as Oracle does", async () => {
    const result = await check(undefined, {}, { firstName: "Dana" });
    expect(result.failures.map((f) => f.reason)).toEqual(expect.arrayContaining(["lastName is required by Oracle, got nothing", "email is required by Oracle (ResourceEmail), got nothing"]));
  });

  test("a value still unknown in preview is not a failure", async () => {
    expect((await check(undefined, {}, { ...dana, email: UNKNOWN })).failures).toEqual([]);
  });

  test("every field has Oracle's attribute name and a rule", () => {
    for (const [field, spec] of Object.entries(RESOURCE_USER_FIELDS)) {
      expect(spec.wire).toMatch(/^[A-Z][A-Za-z0-9]+$/);
      expect(spec.schema.safeParse({}).success).toBe(false);
      expect(field).toMatch(/^[a-z][A-Za-z0-9]+$/);
    }
  });

  test.each([
    ["2024-02-29", true],
    ["2023-02-29", false],
    ["2019-06-31", false],
    ["4712-12-31", true],
    ["2019-6-30", false],
  ])("isRealDate(%s) is %s", (value, expected) => expect(isRealDate(value)).toBe(expected));
});

describe("ResourceUser diff()", () => {
  const olds = { ...dana, resourcePartyNumber: "CDRM_900101", adopt: false, deletionPolicy: "suspend" } as unknown as ResourceUserOutputs;

  test("an unset party number is Oracle's generated one, not a change", async () => {
    expect(await diff("CDRM_900101", olds, { ...dana, adopt: false, deletionPolicy: "suspend" })).toMatchObject({ changes: false, replaces: [] });
  });

  test("a changed party number replaces, and needs a new e-mail since Oracle keeps the old user", async () => {
    const declared = { ...olds, partyNumber: "P-1" } as ResourceUserOutputs;
    await expect(diff("P-1", declared, { ...dana, partyNumber: "P-2", adopt: false, deletionPolicy: "suspend" })).rejects.toThrow(
      "partyNumber change replaces the resource user: a new one is created and the old one is kept by Oracle",
    );
    expect(await diff("P-1", declared, { ...dana, email: "dana2@example.com", partyNumber: "P-2", adopt: false, deletionPolicy: "suspend" })).toMatchObject({
      changes: true,
      replaces: ["partyNumber"],
      deleteBeforeReplace: false,
    });
  });

  test("a create-only attribute cannot change in place", async () => {
    const declared = { ...olds, hireDate: "2026-01-05" } as ResourceUserOutputs;
    await expect(diff("CDRM_900101", declared, { ...dana, hireDate: "2026-02-01", adopt: false, deletionPolicy: "suspend" })).rejects.toThrow(
      'hireDate can only be set when the resource user is created (Oracle refuses HireDate in a PATCH); keep "2026-01-05"',
    );
  });
});
