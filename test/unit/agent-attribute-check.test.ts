import { check, diff, holdsValue, valueFor } from "../../provider/cce/agent-attribute.lifecycle";
import type { AgentRecord, AttributeDefinition } from "../../provider/cce/agent-attributes-api";
import type { AgentAttributeOutputs } from "../../provider/cce/agent-attribute";

const definition = (dataType: string): AttributeDefinition => ({
  id: 5121, name: "Sales_Skill", description: "", dataType, defaultValue: "1", changeStamp: 0, refURL: "/unifiedconfig/config/attribute/5121",
});

describe("AgentAttribute check() without a connection: the static rules", () => {
  test.each([
    [{ value: 11 }, "value", "value must be a whole number from 1 to 10 (a proficiency) or true/false, got 11"],
    [{ value: 2.5 }, "value", "value must be a whole number from 1 to 10 (a proficiency) or true/false, got 2.5"],
    [{ agent: "alice" }, "agent", 'agent must be a login name <name>@<tenant code>, got "alice"'],
    [{ agent: -1 }, "agent", "agent must be the agent's idProgramUser, a positive whole number, got -1"],
    [{ attribute: "" }, "attribute", "attribute must be the attribute's name or id, not empty, got \"\""],
  ])("refuses %j", async (change, property, reason) => {
    const result = await check(undefined, {}, { agent: "alice@DEM", attribute: "Sales_Skill", value: 5, ...change });
    expect(result.failures.map((f) => f.property)).toEqual([property]);
    expect(result.failures[0].reason).toContain(reason);
  });
});

describe("values fitted to the attribute's data type", () => {
  test.each([
    ["4", 7, { value: 7 }],
    ["4", "7", { value: 7 }],
    ["4", 0, { reason: "value must be 1 to 10: Sales_Skill is a proficiency attribute, got 0" }],
    ["4", true, { reason: "value must be 1 to 10: Sales_Skill is a proficiency attribute, got true" }],
    ["3", true, { value: true }],
    ["3", "false", { value: false }],
    ["3", 5, { reason: "value must be true or false: Sales_Skill is a boolean attribute, got 5" }],
  ])("data type %s, value %j", (dataType, value, expected) => {
    expect(valueFor(definition(dataType), value as never)).toEqual(expected);
  });
});

describe("AgentAttribute diff()", () => {
  const olds = {
    agent: "alice@DEM", attribute: "Sales_Skill", value: 5,
    agentIdProgramUser: 300150, agentLoginName: "alice@DEM", agentSkillTargetId: 5551, attributeId: 5121, attributeName: "Sales_Skill", dataType: "proficiency",
  } as AgentAttributeOutputs;

  test("the same agent and attribute named by id instead of name is not a replace", async () => {
    expect(await diff("300150/5121", olds, { agent: 300150, attribute: 5121, value: 5 })).toMatchObject({ replaces: [] });
  });
  test("another agent or attribute replaces; another value updates", async () => {
    expect(await diff("300150/5121", olds, { agent: "bob@DEM", attribute: "Sales_Skill", value: 5 })).toMatchObject({ changes: true, replaces: ["agent"] });
    expect(await diff("300150/5121", olds, { agent: "alice@DEM", attribute: 5123, value: 5 })).toMatchObject({ replaces: ["attribute"] });
    expect(await diff("300150/5121", olds, { agent: "alice@DEM", attribute: "Sales_Skill", value: 8 })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(await diff("300150/5121", olds, { agent: "alice@DEM", attribute: "Sales_Skill", value: 5 })).toMatchObject({ changes: false });
  });
});

describe("a create writes nothing when the agent already holds the value", () => {
  const agent = (held: [number, string][]): AgentRecord => ({ skillTargetId: 5551, idProgramUser: 300150, loginNm: "alice@DEM", attributes: new Map(held) });

  test.each([
    // [data type, held as the portal stores it, fitted value, held already]
    ["4", "8", 8, true],
    ["4", "8", 7, false],
    ["3", "true", true, true],
    ["3", "false", true, false],
    ["3", "TRUE", true, false], // not the text a save sends: saved again, as the portal will then store it
  ] as const)("data type %s, held %j, declared %j: %s", (dataType, held, value, expected) => {
    expect(holdsValue(agent([[5121, held]]), definition(dataType), value)).toBe(expected);
  });

  test("an attribute the agent does not hold is not held, whatever its value", () => {
    expect(holdsValue(agent([[5122, "8"]]), definition("4"), 8)).toBe(false);
  });
});
