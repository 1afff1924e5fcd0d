import { check, diff } from "../../provider/cce/skill-group.lifecycle";
import { UNKNOWN } from "../../provider/core/check";

const valid = { peripheralId: 5000, name: "Sales", description: "Inbound sales", serviceLevelThreshold: 20 };

describe("SkillGroup check()", () => {
  test("applies defaults to valid input", async () => {
    const result = await check(undefined, {}, { peripheralId: 5000, name: "Sales" });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual({
      peripheralId: 5000,
      name: "Sales",
      description: "",
      serviceLevelThreshold: -1,
      adopt: false,
      deletionPolicy: "retain",
    });
  });

  test.each([
    [{ name: "Sales Team" }, "name", 'name must be 1 to 32 letters, digits, \'.\' or \'_\', not starting with \'.\' or \'_\' (ICM\'s rule), got "Sales Team"'],
    [{ name: "_Sales" }, "name", "got \"_Sales\""],
    [{ name: "A".repeat(33) }, "name", `got "${"A".repeat(33)}"`],
    [{ peripheralId: -3 }, "peripheralId", "peripheralId must be a positive peripheral id, got -3"],
    [{ peripheralId: 5000.5 }, "peripheralId", "peripheralId must be a whole number, got 5000.5"],
    [{ description: "x".repeat(256) }, "description", "description must be at most 255 characters"],
    [{ serviceLevelThreshold: 7201 }, "serviceLevelThreshold", "serviceLevelThreshold must be -1 (the peripheral's default) or 0 to 7200 seconds, got 7201"],
    [{ serviceLevelThreshold: -2 }, "serviceLevelThreshold", "got -2"],
    [{ deletionPolicy: "delete" }, "deletionPolicy", 'deletionPolicy must be "retain" or "fail", got "delete"'],
  ])("refuses %j naming the field, rule and value", async (change, property, reason) => {
    const result = await check(undefined, {}, { ...valid, ...change });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0].property).toBe(property);
    expect(result.failures[0].reason).toContain(reason);
  });

  test("a missing name is named as required", async () => {
    const { name, ...rest } = valid;
    const result = await check(undefined, {}, rest);
    expect(result.failures).toEqual([{ property: "name", reason: "name is required, got nothing" }]);
  });

  test("an unknown field is refused rather than ignored", async () => {
    const result = await check(undefined, {}, { ...valid, colour: "red" });
    expect(result.failures.map((f) => f.property)).toEqual(["(inputs)"]);
    expect(result.failures[0].reason).toContain("colour");
  });

  test("values still unknown during preview are not failed", async () => {
    const result = await check(undefined, {}, { ...valid, peripheralId: UNKNOWN });
    expect(result.failures).toEqual([]);
  });

  test("the engine's __provider key is passed through untouched", async () => {
    const result = await check(undefined, {}, { ...valid, __provider: "serialized" });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({ __provider: "serialized", name: "Sales" });
  });
});

describe("SkillGroup diff()", () => {
  const olds = {
    ...valid,
    adopt: false,
    deletionPolicy: "retain" as const,
    skillTargetId: 5200,
    enterpriseName: "CUCM_PG_1.Sales",
    mediaRoutingDomainName: "Cisco_Voice",
    adopted: false,
  };
  const news = { ...valid, adopt: false, deletionPolicy: "retain" as const };

  test("no change when the declared fields match the outputs", async () => {
    expect(await diff("5200", olds, news)).toEqual({ changes: false, replaces: [] });
  });

  test("a description change is an in-place update", async () => {
    expect(await diff("5200", olds, { ...news, description: "New" })).toEqual({ changes: true, replaces: [] });
  });

  test("a peripheral change replaces", async () => {
    expect(await diff("5200", olds, { ...news, peripheralId: 5001 })).toEqual({ changes: true, replaces: ["peripheralId"] });
  });
});
