import { check, diff, read } from "../../provider/riskcc/temp-allow.lifecycle";
import { UNKNOWN } from "../../provider/core/check";
import { TempAllowOutputs } from "../../provider/riskcc/temp-allow";

const NOW = Date.parse("2026-05-01T12:00:00Z");
const valid = { customerId: "u-100001", tempAllowType: 1, expirationDate: "2026-10-15T01:29:29.768Z" };
const DATE_RULE = "expirationDate must be an RFC 3339 date-time with seconds and an offset, like 2021-08-13T01:29:29.768Z or 2021-08-13T10:29:29+09:00";
const TYPE_RULE = "tempAllowType must be one of the integers 1, 2, 3 (the levels of customercare.case.tempallow.level.enum)";

const checkNew = (news: Record<string, unknown>, olds: unknown = {}) => check(undefined, olds, news, NOW);

describe("TempAllow check()", () => {
  test("applies the default format to valid input", async () => {
    const result = await checkNew(valid);
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual({ ...valid, format: "json" });
  });

  test.each([
    "2026-10-15T01:29:29Z",
    "2026-10-15T01:29:29.768123Z",
    "2026-10-15t01:29:29z",
    "2026-10-15T10:29:29+09:00",
    "2026-10-14T20:29:29-05:00",
    "2028-02-29T00:00:00Z",
  ])("accepts the RFC 3339 date-time %s", async (expirationDate) => {
    expect((await checkNew({ ...valid, expirationDate })).failures).toEqual([]);
  });

  test.each([
    [{ expirationDate: "2021-13-01T00:00:00Z" }, "expirationDate", `${DATE_RULE}: month 13 does not exist, got "2021-13-01T00:00:00Z"`],
    [{ expirationDate: "2019-06-31T00:00:00Z" }, "expirationDate", `${DATE_RULE}: June 2019 has no day 31 (it has 30 days), got "2019-06-31T00:00:00Z"`],
    [{ expirationDate: "2027-02-29T00:00:00Z" }, "expirationDate", "February 2027 has no day 29 (it has 28 days)"],
    [{ expirationDate: "2026-10-15T24:00:00Z" }, "expirationDate", "hour 24 does not exist (00 to 23)"],
    [{ expirationDate: "2026-10-15T23:60:00Z" }, "expirationDate", "minute 60 does not exist (00 to 59)"],
    [{ expirationDate: "2026-10-15T23:59:60Z" }, "expirationDate", "second 60 is not accepted (00 to 59)"],
    [{ expirationDate: "2026-10-15T10:00:00+24:00" }, "expirationDate", "offset +24:00 does not exist"],
    [{ expirationDate: "2026-10-15" }, "expirationDate", `${DATE_RULE}: not in the form YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm), got "2026-10-15"`],
    [{ expirationDate: "2026-10-15T01:29Z" }, "expirationDate", "not in the form"],
    [{ expirationDate: "2026-10-15T01:29:29" }, "expirationDate", "not in the form"],
    [{ expirationDate: "2026-10-15 01:29:29Z" }, "expirationDate", "not in the form"],
    [{ expirationDate: "15/10/2026" }, "expirationDate", "not in the form"],
    [{ expirationDate: "" }, "expirationDate", 'got ""'],
    [{ expirationDate: 1760491769768 }, "expirationDate", `${DATE_RULE} (a string), got 1760491769768`],
    [{ tempAllowType: 1.5 }, "tempAllowType", `${TYPE_RULE}, got 1.5`],
    [{ tempAllowType: 0 }, "tempAllowType", `${TYPE_RULE}, got 0`],
    [{ tempAllowType: 4 }, "tempAllowType", `${TYPE_RULE}, got 4`],
    [{ tempAllowType: "1" }, "tempAllowType", `${TYPE_RULE}, got "1"`],
    [{ customerId: "" }, "customerId", `customerId must be the customer's uniqueUserId: 1 to 256 characters, no whitespace, '/' or '\\', got ""`],
    [{ customerId: "u 100001" }, "customerId", 'got "u 100001"'],
    [{ customerId: "u/100001" }, "customerId", 'got "u/100001"'],
    [{ customerId: "x".repeat(257) }, "customerId", "1 to 256 characters"],
    [{ customerId: 100001 }, "customerId", "customerId must be a string, got 100001"],
    [{ format: "yaml" }, "format", 'format must be "json" or "xml", got "yaml"'],
  ])("refuses %j naming the field, rule and value", async (change, property, reason) => {
    const result = await checkNew({ ...valid, ...change });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0].property).toBe(property);
    expect(result.failures[0].reason).toContain(reason);
  });

  test.each(["customerId", "tempAllowType", "expirationDate"])("a missing %s is named as required", async (field) => {
    const { [field as keyof typeof valid]: _gone, ...rest } = valid;
    const result = await checkNew(rest);
    expect(result.failures).toEqual([{ property: field, reason: `${field} is required, got nothing` }]);
  });

  test("an unknown field is refused rather than ignored", async () => {
    const result = await checkNew({ ...valid, level: 2 });
    expect(result.failures.map((f) => f.property)).toEqual(["(inputs)"]);
    expect(result.failures[0].reason).toContain("level");
  });

  test("an expiration in the past is refused with the clock's now in the rule", async () => {
    const result = await checkNew({ ...valid, expirationDate: "2021-10-15T01:29:29.768Z" });
    expect(result.failures).toEqual([
      {
        property: "expirationDate",
        reason:
          'expirationDate must be later than now (2026-05-01T12:00:00.000Z): an allow that has already expired grants nothing, got "2021-10-15T01:29:29.768Z"',
      },
    ]);
  });

  test("an expiration of exactly now is refused, one offset-shifted into the future is accepted", async () => {
    expect((await checkNew({ ...valid, expirationDate: "2026-05-01T12:00:00Z" })).failures).toHaveLength(1);
    // 12:00:01 in UTC-01:00 is 13:00:01Z: later than now.
    expect((await checkNew({ ...valid, expirationDate: "2026-05-01T12:00:01-01:00" })).failures).toEqual([]);
    // 12:00:01 in UTC+01:00 is 11:00:01Z: earlier.
    expect((await checkNew({ ...valid, expirationDate: "2026-05-01T12:00:01+01:00" })).failures).toHaveLength(1);
  });

  test("an unchanged expiration of the same customer that has since passed is accepted (the allow ran out)", async () => {
    const expired = { ...valid, expirationDate: "2026-04-01T00:00:00Z" };
    expect((await checkNew(expired, { ...expired, format: "json" })).failures).toEqual([]);
    // Changed to another past date, or carried over to another customer: refused.
    expect((await checkNew({ ...expired, expirationDate: "2026-04-02T00:00:00Z" }, expired)).failures).toHaveLength(1);
    expect((await checkNew({ ...expired, customerId: "u-100002" }, expired)).failures).toHaveLength(1);
  });

  test("values still unknown during preview are not failed", async () => {
    expect((await checkNew({ ...valid, expirationDate: UNKNOWN })).failures).toEqual([]);
    expect((await checkNew({ ...valid, customerId: UNKNOWN })).failures).toEqual([]);
    expect((await checkNew({ ...valid, tempAllowType: UNKNOWN })).failures).toEqual([]);
  });

  test("a past date is still refused when another field is unknown", async () => {
    const result = await checkNew({ ...valid, tempAllowType: UNKNOWN, expirationDate: "2020-01-01T00:00:00Z" });
    expect(result.failures.map((f) => f.property)).toEqual(["expirationDate"]);
  });

  test("several bad fields are all named at once", async () => {
    const result = await checkNew({ customerId: "a b", tempAllowType: 9, expirationDate: "2019-06-31T00:00:00Z" });
    expect(result.failures.map((f) => f.property).sort()).toEqual(["customerId", "expirationDate", "tempAllowType"]);
  });

  test("the engine's __provider key is passed through untouched", async () => {
    const result = await checkNew({ ...valid, __provider: "serialized" });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({ __provider: "serialized", customerId: "u-100001" });
  });
});

describe("TempAllow diff() and read()", () => {
  const news = { ...valid, tempAllowType: 1 as const, format: "json" as const };
  const olds: TempAllowOutputs = { ...news, provisionedAt: "2026-05-01T12:00:00.000Z" };

  test("no change when the declared fields match", async () => {
    expect(await diff("u-100001", olds, news)).toEqual({ changes: false, replaces: [] });
  });

  test.each([
    [{ expirationDate: "2026-11-01T00:00:00Z" }, []],
    [{ tempAllowType: 2 as const }, []],
    [{ format: "xml" as const }, []],
    [{ customerId: "u-100002" }, ["customerId"]],
  ])("%j is a change that replaces %j", async (change, replaces) => {
    expect(await diff("u-100001", olds, { ...news, ...change })).toEqual({ changes: true, replaces });
  });

  test("read has no API to ask: it returns the state as it is, with the declared inputs", async () => {
    expect(await read(undefined, "u-100001", olds)).toEqual({ id: "u-100001", props: olds, inputs: news });
  });
});
