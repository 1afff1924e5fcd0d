/**
 * The drift report from the engine events of `pulumi preview --refresh`. The events follow
 * shapes recorded from a real run (test/e2e/drift.e2e.test.ts makes the same run end to end):
 * a refresh step per resource, then the planned steps with the refreshed state as `old`.
 */
import type { EngineEvent, OpType, StepEventStateMetadata } from "@pulumi/pulumi/automation";
import { buildDriftReport, describeUrn, driftJson, driftMarkdown, kindOfType, nameOfUrn } from "../../config/drift-report";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** How the engine's events show a secret: the signature and a blinded value. */
const secret = { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: "[secret]" };
const PROVIDER_SOURCE = "exports.handler = __f0;\n\nvar __provider_proto = {};";

const urnOf = (type: string, name: string) => `urn:pulumi:prod::contact-center-yaml::${type}::${name}`;
const SKILL_GROUP = "pulumi-nodejs:dynamic/cce:SkillGroup";
const USER = "pulumi-nodejs:dynamic/cce:User";
const ATTRIBUTE = "pulumi-nodejs:dynamic/cce:AgentAttribute";
const RESOURCE_USER = "pulumi-nodejs:dynamic/oracle:ResourceUser";

function state(type: string, name: string, inputs: Record<string, unknown>, outputs: Record<string, unknown> = {}, custom = true): StepEventStateMetadata {
  return {
    type,
    urn: urnOf(type, name),
    custom,
    id: "5200",
    parent: urnOf("pulumi:pulumi:Stack", "contact-center-yaml-prod"),
    inputs: { __provider: PROVIDER_SOURCE, ...inputs },
    outputs: { __provider: PROVIDER_SOURCE, ...outputs },
    provider: "urn:pulumi:prod::contact-center-yaml::pulumi:providers:pulumi-nodejs::default::54174414",
  } as StepEventStateMetadata;
}

let sequence = 0;
/** A planned step, as `resourcePreEvent`: `old` is the refreshed (live) state, `new` the declared one. */
function step(op: OpType, type: string, name: string, old?: StepEventStateMetadata, next?: StepEventStateMetadata, extra: object = {}): EngineEvent {
  return {
    sequence: sequence++,
    timestamp: 1795460977,
    resourcePreEvent: {
      metadata: { op, urn: urnOf(type, name), type, old, new: next, detailedDiff: null, provider: "", logical: true, ...extra } as never,
    },
  };
}

const salesDeclared = { adopt: false, deletionPolicy: "retain", description: "Inbound sales", name: "Sales", peripheralId: 5000, serviceLevelThreshold: 20 };
const salesLive = { ...salesDeclared, description: "changed by hand" };
const salesOutputs = { ...salesLive, adopted: false, enterpriseName: "CUCM_PG_1.Sales", skillTargetId: 5200 };

/** The events of a preview where nothing differs: refresh steps and `same` steps only. */
const quietRun: EngineEvent[] = [
  { sequence: 0, timestamp: 1, preludeEvent: { config: { "cce:password": "[secret]" } } },
  step("refresh", SKILL_GROUP, "CUCM_PG_1.Sales", state(SKILL_GROUP, "CUCM_PG_1.Sales", salesDeclared), state(SKILL_GROUP, "CUCM_PG_1.Sales", salesDeclared)),
  step("same", "pulumi:pulumi:Stack", "contact-center-yaml-prod", state("pulumi:pulumi:Stack", "contact-center-yaml-prod", {}, {}, false)),
  step("same", SKILL_GROUP, "CUCM_PG_1.Sales", state(SKILL_GROUP, "CUCM_PG_1.Sales", salesDeclared), state(SKILL_GROUP, "CUCM_PG_1.Sales", salesDeclared)),
  { sequence: 9, timestamp: 2, summaryEvent: { maybeCorrupt: false, durationSeconds: 5, resourceChanges: { same: 2 }, policyPacks: {} } },
];

describe("buildDriftReport", () => {
  test("GIVEN only refresh and same steps THEN no drift", () => {
    const report = buildDriftReport("prod", quietRun);
    expect(report).toEqual({ stack: "prod", drift: false, summary: { objects: 0, changed: 0, missing: 0, replaced: 0, undeclared: 0 }, objects: [] });
    expect(driftMarkdown(report)).toBe("## Drift in stack `prod`\n\nNo drift: the live tenant matches the declared configuration.\n");
  });

  test("an update is reported field by field, live against declared; the stack, providers and the serialized provider are not objects", () => {
    const report = buildDriftReport("prod", [
      // Recorded: the default provider shows as updated when the stack config changed.
      step("update", "pulumi:providers:pulumi-nodejs", "default", state("pulumi:providers:pulumi-nodejs", "default", { "cce:password": secret })),
      step("update", SKILL_GROUP, "CUCM_PG_1.Sales", state(SKILL_GROUP, "CUCM_PG_1.Sales", salesLive, salesOutputs), state(SKILL_GROUP, "CUCM_PG_1.Sales", salesDeclared)),
    ]);
    expect(report.objects).toEqual([
      { kind: "skillGroup", key: "CUCM_PG_1.Sales", change: "changed", fields: [{ field: "description", live: "changed by hand", declared: "Inbound sales" }] },
    ]);
    expect(report.summary).toEqual({ objects: 1, changed: 1, missing: 0, replaced: 0, undeclared: 0 });
  });

  test("creates are missing objects and deletes undeclared ones, without fields", () => {
    const report = buildDriftReport("prod", [
      step("create", SKILL_GROUP, "CUCM_PG_1.Billing", undefined, state(SKILL_GROUP, "CUCM_PG_1.Billing", { name: "Billing" })),
      step("delete", RESOURCE_USER, "CC_OLD", state(RESOURCE_USER, "CC_OLD", { partyNumber: "CC_OLD" })),
    ]);
    expect(report.objects).toEqual([
      { kind: "resourceUser", key: "CC_OLD", change: "undeclared", fields: [] },
      { kind: "skillGroup", key: "CUCM_PG_1.Billing", change: "missing", fields: [] },
    ]);
  });

  test("the steps of one replacement make one replaced object", () => {
    const old = state(SKILL_GROUP, "CUCM_PG_1.Sales", { ...salesDeclared, peripheralId: 5001 });
    const next = state(SKILL_GROUP, "CUCM_PG_1.Sales", salesDeclared);
    const report = buildDriftReport("prod", [
      step("create-replacement", SKILL_GROUP, "CUCM_PG_1.Sales", old, next, { keys: ["peripheralId"] }),
      step("replace", SKILL_GROUP, "CUCM_PG_1.Sales", old, next, { keys: ["peripheralId"] }),
      step("delete-replaced", SKILL_GROUP, "CUCM_PG_1.Sales", old, next),
    ]);
    expect(report.objects).toEqual([
      { kind: "skillGroup", key: "CUCM_PG_1.Sales", change: "replaced", fields: [{ field: "peripheralId", live: 5001, declared: 5000 }] },
    ]);
  });

  test("references show in the declared form the provider reads them back in: a site by its name, an id as an id", () => {
    // A refresh reads dana's live site (2002) back as its name, Branch: the file's own words.
    const live = state(USER, "dana@DEM", { loginName: "dana@DEM", site: "Branch", team: "Team_Sales" });
    const declared = state(USER, "dana@DEM", { loginName: "dana@DEM", site: "HQ", team: "Team_Sales" });
    expect(buildDriftReport("prod", [step("update", USER, "dana@DEM", live, declared)]).objects[0].fields).toEqual([{ field: "site", live: "Branch", declared: "HQ" }]);

    // An id declared as an id stays as it is.
    const byId = buildDriftReport("prod", [
      step("update", USER, "eli@DEM", state(USER, "eli@DEM", { siteId: 2002 }), state(USER, "eli@DEM", { siteId: 2001 })),
    ]);
    expect(byId.objects[0].fields).toEqual([{ field: "siteId", live: 2002, declared: 2001 }]);
  });

  test("a program's skill group ids show by the keys of the stack's groups; a group outside the stack by its id", () => {
    const sales = state(SKILL_GROUP, "CUCM_PG_1.Sales", salesDeclared, salesOutputs); // skillTargetId 5200
    const report = buildDriftReport("prod", [
      step("refresh", SKILL_GROUP, "CUCM_PG_1.Sales", sales, sales),
      step("same", SKILL_GROUP, "CUCM_PG_1.Sales", sales, sales),
      step("update", USER, "dana@DEM", state(USER, "dana@DEM", { skillGroupIds: [5200, 5105] }), state(USER, "dana@DEM", { skillGroupIds: [5200] })),
    ]);
    expect(report.objects).toEqual([
      { kind: "user", key: "dana@DEM", change: "changed", fields: [{ field: "skillGroups", live: ["CUCM_PG_1.Sales", "id 5105"], declared: ["CUCM_PG_1.Sales"] }] },
    ]);
  });

  test("secrets show as [secret], never in plaintext, and two secrets are not a difference", () => {
    const plaintext = { [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value: "Hunter2-Agent!" };
    const live = state(USER, "dana@DEM", { loginName: "dana@DEM", password: secret, firstName: "Dee", token: plaintext });
    const declared = state(USER, "dana@DEM", { loginName: "dana@DEM", password: plaintext, firstName: "Dana", token: secret });
    const report = buildDriftReport("prod", [step("update", USER, "dana@DEM", live, declared)]);
    expect(report.objects[0].fields).toEqual([{ field: "firstName", live: "Dee", declared: "Dana" }]);
    for (const text of [driftJson(report), driftMarkdown(report)]) expect(text).not.toContain("Hunter2");
  });

  test("a change the report cannot show (two secrets) still reports the object, and says why it shows no field", () => {
    const report = buildDriftReport("prod", [step("update", USER, "dana@DEM", state(USER, "dana@DEM", { password: secret }), state(USER, "dana@DEM", { password: secret }))]);
    expect(report.objects).toEqual([{ kind: "user", key: "dana@DEM", change: "changed", fields: [] }]);
    expect(driftMarkdown(report)).toContain("No declared value that the report can show differs: the difference is in a secret, or in how the declaration is written");
  });

  test("only declared fields are reported: a value the tenant has and the file does not set is no drift; the live side may be unset", () => {
    const report = buildDriftReport("prod", [
      step(
        "update",
        USER,
        "dana@DEM",
        state(USER, "dana@DEM", { loginName: "dana@DEM", email: "dana@example.com", skillGroups: ["CUCM_PG_1.Sales"] }),
        state(USER, "dana@DEM", { loginName: "dana@DEM", phone: "5550101", skillGroups: ["CUCM_PG_1.Billing", "CUCM_PG_1.Sales"] }),
      ),
    ]);
    expect(report.objects[0].fields).toEqual([
      { field: "phone", declared: "5550101" },
      { field: "skillGroups", live: ["CUCM_PG_1.Sales"], declared: ["CUCM_PG_1.Billing", "CUCM_PG_1.Sales"] },
    ]);
    const markdown = driftMarkdown(report);
    expect(markdown).toContain("| phone | *(not set)* | `\"5550101\"` |");
    expect(markdown).not.toContain("email");
  });

  test("fields a plan derives for the reviewer (a customer user's licence delta) are not declared, so not drift", () => {
    const CUSTOMER_USER = "pulumi-nodejs:dynamic/ucportal:CustomerUser";
    const report = buildDriftReport("prod", [
      step(
        "update",
        CUSTOMER_USER,
        "dana@acme.example",
        state(CUSTOMER_USER, "dana@acme.example", { roles: ["customer.user"], licenceChanges: "none" }),
        state(CUSTOMER_USER, "dana@acme.example", { roles: ["customer.user", "customer.user.pbx"], licenceChanges: "adds customer.user.pbx (PBX)" }),
      ),
    ]);
    expect(report.objects[0].fields).toEqual([{ field: "roles", live: ["customer.user"], declared: ["customer.user", "customer.user.pbx"] }]);
  });

  test("one hand edit, one entry: a group deleted by hand carries the users it takes with it, an agent deleted by hand its attributes", () => {
    const billingBefore = state(SKILL_GROUP, "CUCM_PG_1.Billing", { name: "Billing" }, { skillTargetId: 5201 });
    const danaBefore = state(USER, "dana@DEM", { loginName: "dana@DEM" }, { idProgramUser: 300202 });
    const attributeBefore = state(ATTRIBUTE, "dana@DEM/Spanish", { agent: 300202, attribute: "Spanish", value: true }, { agentIdProgramUser: 300202 });
    const report = buildDriftReport("prod", [
      step("refresh", SKILL_GROUP, "CUCM_PG_1.Billing", billingBefore),
      step("refresh", USER, "dana@DEM", danaBefore),
      step("refresh", ATTRIBUTE, "dana@DEM/Spanish", attributeBefore),
      step("create", SKILL_GROUP, "CUCM_PG_1.Billing", undefined, state(SKILL_GROUP, "CUCM_PG_1.Billing", { name: "Billing" })),
      // eli was in Billing: the refresh no longer sees that membership, the next up restores it.
      step("update", USER, "eli@DEM", state(USER, "eli@DEM", { skillGroups: ["CUCM_PG_1.Sales"] }), state(USER, "eli@DEM", { skillGroups: ["CUCM_PG_1.Billing", "CUCM_PG_1.Sales"] })),
      // lee was in Billing too, and had a name changed by hand as well: that stays his own drift.
      step("update", USER, "lee@DEM", state(USER, "lee@DEM", { firstName: "Leo", skillGroups: [] }), state(USER, "lee@DEM", { firstName: "Lee", skillGroups: ["CUCM_PG_1.Billing"] })),
      step("create", USER, "dana@DEM", undefined, state(USER, "dana@DEM", { loginName: "dana@DEM" })),
      step("create", ATTRIBUTE, "dana@DEM/Spanish", undefined, state(ATTRIBUTE, "dana@DEM/Spanish", { agent: UNKNOWN_VALUE, attribute: "Spanish", value: true })),
    ]);
    expect(report.objects).toEqual([
      { kind: "skillGroup", key: "CUCM_PG_1.Billing", change: "missing", fields: [], follows: [{ kind: "user", key: "eli@DEM" }, { kind: "user", key: "lee@DEM" }] },
      { kind: "user", key: "dana@DEM", change: "missing", fields: [], follows: [{ kind: "attribute", key: "dana@DEM/Spanish" }] },
      { kind: "user", key: "lee@DEM", change: "changed", fields: [{ field: "firstName", live: "Leo", declared: "Lee" }] },
    ]);
    const markdown = driftMarkdown(report);
    expect(markdown).toContain("Creating it again also restores: user `eli@DEM`, user `lee@DEM`.");
    expect(markdown).toContain("3 objects differ between the live tenant and the declared configuration: 1 changed, 2 missing.");
  });

  test("a component holds no vendor object and is not reported", () => {
    const component = "contact-center:index:Tenant";
    expect(buildDriftReport("prod", [step("create", component, "tenant", undefined, state(component, "tenant", {}, {}, false))]).drift).toBe(false);
  });
});

describe("stable reports", () => {
  const events = [
    step("update", RESOURCE_USER, "CC_DANA", state(RESOURCE_USER, "CC_DANA", { roles: [{ roleId: 1, endDate: "2030-01-01" }], lastName: "Rey", firstName: "Dee" }), state(RESOURCE_USER, "CC_DANA", { firstName: "Dana", lastName: "Reyes", roles: [{ endDate: "2031-01-01", roleId: 1 }] })),
    step("create", ATTRIBUTE, "dana@DEM/Spanish", undefined, state(ATTRIBUTE, "dana@DEM/Spanish", { attribute: "Spanish", value: true })),
    step("update", SKILL_GROUP, "CUCM_PG_1.Sales", state(SKILL_GROUP, "CUCM_PG_1.Sales", salesLive), state(SKILL_GROUP, "CUCM_PG_1.Sales", salesDeclared)),
    step("create", ATTRIBUTE, "dana@DEM/Sales_Skill", undefined, state(ATTRIBUTE, "dana@DEM/Sales_Skill", { attribute: "Sales_Skill", value: 8 })),
    step("create", SKILL_GROUP, "CUCM_PG_1.Billing", undefined, state(SKILL_GROUP, "CUCM_PG_1.Billing", { name: "Billing" })),
  ];

  test("objects sort by kind then key, fields by name, and values' keys by name", () => {
    const report = buildDriftReport("prod", events);
    expect(report.objects.map((o) => `${o.kind} ${o.key}`)).toEqual([
      "attribute dana@DEM/Sales_Skill",
      "attribute dana@DEM/Spanish",
      "resourceUser CC_DANA",
      "skillGroup CUCM_PG_1.Billing",
      "skillGroup CUCM_PG_1.Sales",
    ]);
    expect(report.objects[2].fields.map((f) => f.field)).toEqual(["firstName", "lastName", "roles"]);
    expect(JSON.stringify(report.objects[2].fields[2])).toBe('{"field":"roles","live":[{"endDate":"2030-01-01","roleId":1}],"declared":[{"endDate":"2031-01-01","roleId":1}]}');
  });

  test("the same events in another order give byte-identical Markdown and JSON", () => {
    const a = buildDriftReport("prod", events);
    const b = buildDriftReport("prod", [...events].reverse());
    expect(driftMarkdown(b)).toBe(driftMarkdown(a));
    expect(driftJson(b)).toBe(driftJson(a));
  });

  test("the Markdown: heading, summary, a section per object with its table", () => {
    const markdown = driftMarkdown(buildDriftReport("prod", events));
    expect(markdown.split("\n").slice(0, 7)).toEqual([
      "## Drift in stack `prod`",
      "",
      "5 objects differ between the live tenant and the declared configuration: 2 changed, 3 missing.",
      "",
      "### attribute `dana@DEM/Sales_Skill`: missing",
      "",
      "Declared, but not in the tenant (deleted by hand, or never applied): the next `pulumi up` creates it.",
    ]);
    expect(markdown).toContain(
      ["### skillGroup `CUCM_PG_1.Sales`: changed", "", "Differs from the declaration: the next `pulumi up` sets the declared values.", "", "| field | live | declared |", "|---|---|---|", '| description | `"changed by hand"` | `"Inbound sales"` |'].join("\n"),
    );
    expect(markdown.endsWith("|\n")).toBe(true);
  });

  test("a | in a value does not break the table", () => {
    const markdown = driftMarkdown(
      buildDriftReport("prod", [step("update", SKILL_GROUP, "CUCM_PG_1.Sales", state(SKILL_GROUP, "CUCM_PG_1.Sales", { description: "a|b" }), state(SKILL_GROUP, "CUCM_PG_1.Sales", { description: "`c`" }))]),
    );
    expect(markdown).toContain('| description | `"a\\|b"` | `` "`c`" `` |');
  });
});

describe("names", () => {
  test.each([
    ["pulumi-nodejs:dynamic/cce:SkillGroup", "skillGroup"],
    ["pulumi-nodejs:dynamic/cce:User", "user"],
    ["pulumi-nodejs:dynamic/cce:AgentAttribute", "attribute"],
    ["pulumi-nodejs:dynamic/cce:PrecisionQueue", "precisionQueue"],
    ["pulumi-nodejs:dynamic/oracle:ResourceUser", "resourceUser"],
    ["pulumi-nodejs:dynamic/riskcc:TempAllow", "tempAllow"],
    ["pulumi-nodejs:dynamic/ucportal:CustomerUser", "customerUser"],
    ["aws:s3/bucket:Bucket", "aws:s3/bucket:Bucket"],
  ])("%s is a %s", (type, kind) => expect(kindOfType(type)).toBe(kind));

  test("an object's key is its resource name, whatever it contains", () => {
    expect(nameOfUrn(urnOf(ATTRIBUTE, "dana@DEM/Sales_Skill"))).toBe("dana@DEM/Sales_Skill");
    expect(nameOfUrn(urnOf(SKILL_GROUP, "odd::name"))).toBe("odd::name");
    expect(describeUrn("urn:pulumi:prod::p::contact-center:index:Tenant$pulumi-nodejs:dynamic/cce:User::dana@DEM")).toBe("user dana@DEM");
  });
});
