/**
 * PrecisionQueue's static rules (no connection: the attribute rules that need the tenant's
 * definitions are tested against the emulator in test/provider) and its diff.
 */
import { check, diff } from "../../provider/cce/precision-queue.lifecycle";
import { PrecisionQueueOutputs } from "../../provider/cce/precision-queue";
import { UNKNOWN } from "../../provider/core/check";

const noConnection = { get: () => undefined };
const steps = [
  {
    terms: [
      { attribute: "Sales_Skill", relation: ">=", value: 7 },
      { attribute: "Spanish", relation: "==", value: true, connector: "and" },
    ],
    waitTime: 30,
  },
];
const valid = { queueName: "PQ_Sales", description: "Sales", steps };

// The connection may come from CCE_* variables; these tests are about the rules that need none.
const saved = { ...process.env };
beforeAll(() => {
  for (const key of ["CCE_URL", "CCE_USERNAME", "CCE_PASSWORD", "CCE_TENANT_ID"]) delete process.env[key];
});
afterAll(() => {
  process.env = saved;
});

/** Rows of [input, property, reason], reordered so that each test is titled by its property. */
const byProperty = (rows: [Record<string, unknown>, string, string][]) => rows.map(([input, property, reason]) => [property, input, reason] as const);

const checkOf = (news: Record<string, unknown>) => check(noConnection as never, {}, news);

describe("PrecisionQueue check()", () => {
  test("applies defaults, and leaves unset managed fields unset (unmanaged)", async () => {
    const result = await checkOf({ queueId: 5300, steps: [{ terms: [{ attribute: 5121, relation: ">", value: 3 }] }] });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual({
      queueId: 5300,
      restoreOnDelete: false,
      steps: [{ terms: [{ attribute: 5121, relation: ">", value: 3, parenCount: 0 }], waitTime: 0, agentCount: 0, considerIf: "" }],
    });
  });

  test.each(
    byProperty([
      [{ queueId: 5300 }, "queueName", "queueName must not be set together with queueId: adopt by one or the other, got \"PQ_Sales\""],
      [{ queueName: "" }, "queueName", 'queueName must not be empty, got ""'],
      [{ queueName: undefined, queueId: -4 }, "queueId", "queueId must be a positive precision queue id, got -4"],
      [{ queueName: undefined, queueId: 53.5 }, "queueId", "queueId must be a whole number, got 53.5"],
      [{ description: "x".repeat(256) }, "description", "description must be at most 255 characters, got"],
      [{ agentOrdering: 1.5 }, "agentOrdering", "agentOrdering must be a whole number, got 1.5"],
      [{ callOrdering: "first" }, "callOrdering", 'callOrdering must be a number, got "first"'],
      [{ serviceLevelThreshold: 7201 }, "serviceLevelThreshold", "serviceLevelThreshold must be -1 (the default) or 0 to 7200 seconds, got 7201"],
      [{ serviceLevelThreshold: -2 }, "serviceLevelThreshold", "serviceLevelThreshold must be -1 (the default) or 0 to 7200 seconds, got -2"],
      [{ serviceLevelType: 2.5 }, "serviceLevelType", "serviceLevelType must be a whole number, got 2.5"],
      [{ restoreOnDelete: "yes" }, "restoreOnDelete", 'restoreOnDelete must be true or false, got "yes"'],
      [{ steps: [] }, "steps", "steps must have at least one step, got []"],
      [{ steps: [{ terms: [] }] }, "steps.0.terms", "steps.0.terms must have at least one term, got []"],
      [{ steps: [{ ...steps[0], waitTime: -1 }] }, "steps.0.waitTime", "steps.0.waitTime must be 0 or more, got -1"],
      [{ steps: [{ ...steps[0], agentCount: 1.5 }] }, "steps.0.agentCount", "steps.0.agentCount must be a whole number, got 1.5"],
    ]),
  )("refuses a bad %s (%#), naming the field, rule and value", async (property, change, reason) => {
    const result = await checkOf({ ...valid, ...change });
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0].property).toBe(property);
    expect(result.failures[0].reason).toContain(reason);
  });

  const withTerm = (term: Record<string, unknown>, position: 0 | 1 = 1) => {
    const terms: Record<string, unknown>[] = [...steps[0].terms];
    terms[position] = { ...terms[position], ...term };
    return { ...valid, steps: [{ ...steps[0], terms }] };
  };

  test.each(
    byProperty([
      [withTerm({ relation: "=>" }), "steps.0.terms.1.relation", 'steps.0.terms.1.relation must be one of "==", "!=", "<", "<=", ">", ">=", got "=>"'],
      [withTerm({ relation: ">" }), "steps.0.terms.1.relation", 'steps.0.terms.1.relation must be "==" or "!=" when the value is true or false, got ">"'],
      [withTerm({ value: 7.5 }, 0), "steps.0.terms.0.value", "steps.0.terms.0.value must be a whole number, got 7.5"],
      [withTerm({ value: null }, 0), "steps.0.terms.0.value", "steps.0.terms.0.value must be a string, a whole number, or true or false, got null"],
      [withTerm({ attribute: "" }, 0), "steps.0.terms.0.attribute", 'steps.0.terms.0.attribute must not be empty, got ""'],
      [withTerm({ attribute: 0 }, 0), "steps.0.terms.0.attribute", "steps.0.terms.0.attribute must be a positive whole attribute id, got 0"],
      [withTerm({ connector: undefined }), "steps.0.terms.1.connector", 'steps.0.terms.1.connector is required from the second term of a step ("and" or "or"), got nothing'],
      [withTerm({ connector: "and" }, 0), "steps.0.terms.0.connector", 'steps.0.terms.0.connector must not be set on the first term of a step, got "and"'],
      [withTerm({ connector: "xor" }), "steps.0.terms.1.connector", 'steps.0.terms.1.connector must be "and" or "or", got "xor"'],
      [withTerm({ parenCount: -1 }), "steps.0.terms.1.parenCount", "steps.0.terms.1.parenCount must be 0 or more, got -1"],
    ]),
  )("refuses a bad %s (%#), naming the field, rule and value", async (property, inputs, reason) => {
    const result = await checkOf(inputs);
    expect(result.failures).toEqual([{ property, reason }]);
  });

  test("neither queueName nor queueId is refused: the portal cannot create queues", async () => {
    const result = await checkOf({ description: "x" });
    expect(result.failures).toEqual([
      { property: "queueName", reason: "queueName or queueId is required: the queue to adopt (the portal cannot create queues), got nothing" },
    ]);
  });

  test("an unknown field is refused rather than ignored, at any depth", async () => {
    expect((await checkOf({ ...valid, name: "Renamed" })).failures[0].reason).toContain('"name"');
    const deep = await checkOf(withTerm({ weight: 2 }));
    expect(deep.failures.map((f) => f.property)).toEqual(["steps.0.terms.1"]);
    expect(deep.failures[0].reason).toContain("weight");
  });

  test("values still unknown during preview are not failed, and no attribute lookup is tried", async () => {
    const result = await checkOf({ queueId: UNKNOWN, steps: [{ terms: [{ attribute: UNKNOWN, relation: "==", value: 1 }] }] });
    expect(result.failures).toEqual([]);
  });

  test("without a connection the static rules apply and attribute names are not looked up", async () => {
    const result = await checkOf(withTerm({ attribute: "No_Such_Attribute" }));
    expect(result.failures).toEqual([]);
  });
});

describe("PrecisionQueue diff()", () => {
  const checked = async (news: Record<string, unknown>) => (await checkOf(news)).inputs;
  const olds = async (news: Record<string, unknown>): Promise<PrecisionQueueOutputs> =>
    ({ ...(await checked(news)), queueId: 5300, name: "PQ_Sales", changeStamp: 3, adopted: {} }) as never;

  test("no change when the declared fields match the state", async () => {
    expect(await diff("5300", await olds(valid), await checked(valid))).toEqual({ changes: false, replaces: [] });
  });

  test("a changeStamp alone never plans an update", async () => {
    const state = { ...(await olds(valid)), changeStamp: 99 };
    expect(await diff("5300", state, await checked(valid))).toEqual({ changes: false, replaces: [] });
  });

  test("values compare as the portal holds them: 7 and \"7\", names in any case", async () => {
    const news = withSteps([{ attribute: "sales_skill", relation: ">=", value: "7" }]);
    const state = await olds(withSteps([{ attribute: "Sales_Skill", relation: ">=", value: 7 }]));
    expect(await diff("5300", state, await checked(news))).toEqual({ changes: false, replaces: [] });
  });

  test("a managed field change, or a field no longer managed, is an in-place update", async () => {
    expect(await diff("5300", await olds(valid), await checked({ ...valid, description: "New" }))).toEqual({ changes: true, replaces: [] });
    const { description, ...unmanaged } = valid;
    expect(await diff("5300", await olds(valid), await checked(unmanaged))).toEqual({ changes: true, replaces: [] });
  });

  test("another queue replaces; the same queue by id or in another case does not", async () => {
    const state = await olds(valid);
    expect(await diff("5300", state, await checked({ ...valid, queueName: "PQ_Billing" }))).toEqual({ changes: true, replaces: ["queueName"] });
    const { queueName, ...byId } = valid;
    expect(await diff("5300", state, await checked({ ...byId, queueId: 5301 }))).toEqual({ changes: true, replaces: ["queueId"] });
    expect(await diff("5300", state, await checked({ ...byId, queueId: 5300 }))).toEqual({ changes: true, replaces: [] });
    expect(await diff("5300", state, await checked({ ...valid, queueName: "pq_sales" }))).toEqual({ changes: true, replaces: [] });
  });
});

function withSteps(terms: Record<string, unknown>[]) {
  return { ...valid, steps: [{ terms }] };
}
