/**
 * The plan predicts the up, exactly: a property test through the real Pulumi CLI.
 *
 * A tenant declared in a YAML file (every kind of object) is applied, then changed case after
 * case by seeded random edits: to the file (every managed field, objects and references added
 * and removed) and by hand through the vendors' own APIs (fields, memberships, attributes,
 * objects deleted in the portal). For each case:
 * - the plan of `pulumi preview --refresh` is exactly the plan the model predicts: the objects
 *   that differ, what happens to each, and the fields that change, by the names the file uses;
 *   every other object shows nothing;
 * - the `pulumi up --refresh` that follows applies exactly that plan;
 * - its writes, as the emulator's journal records them, go to exactly the objects the plan
 *   changes (none for a change that lives in the state only), and the preview writes nothing.
 * A failure prints the seed and the case to replay it:
 *   PLAN_PROPERTY_SEED=<seed> PLAN_PROPERTY_CASES=<case> npm test -- plan-property
 * PLAN_PROPERTY_CASES (default 24) sets the number of cases. The seed, unless given, comes from
 * the commit under test: running CI again repeats the same cases, and each commit explores new
 * ones. PLAN_PROPERTY_VERBOSE=1 prints every case's edits and plan.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { stringify } from "yaml";
import { kindOfType, nameOfUrn } from "../../config/drift-report";
import { HandEdits } from "../support/hand-edits";
import { ALLOW_IRREVERSIBLE_DELETION, allVendorsConfig, createTestStack, recordEvents, useCceEmulator } from "./harness";
import { drawEdits, Edit, Random } from "./plan-property/edits";
import { emptyTenant, keyOfGroup, Kind, Op, sortSteps, STATE_ONLY, Step, Tenant, TenantModel, User } from "./plan-property/model";
import { writtenObjects } from "./plan-property/writes";

const CASES = Number(process.env.PLAN_PROPERTY_CASES ?? 24);
const SEED = Number(process.env.PLAN_PROPERTY_SEED ?? commitSeed() ?? Math.floor(Math.random() * 2 ** 31));
/** Set to print each case's edits and plan as it goes. */
const VERBOSE = process.env.PLAN_PROPERTY_VERBOSE === "1";

const emulator = useCceEmulator();

/** A seed from the commit checked out (its hash's first 31 bits), or undefined outside a git checkout. */
function commitSeed(): number | undefined {
  const head = spawnSync("git", ["rev-parse", "HEAD"], { cwd: __dirname, encoding: "utf8" });
  return head.status === 0 && /^[0-9a-f]{40}$/.test(head.stdout.trim()) ? parseInt(head.stdout.trim().slice(0, 8), 16) >>> 1 : undefined;
}

/** The tenant the cases start from: every kind, references between them. */
function baseTenant(): Tenant {
  const tenant = emptyTenant();
  for (const group of [
    { peripheral: "CUCM_PG_1", name: "Sales", description: "Inbound sales", serviceLevelThreshold: 20, adopt: true },
    { peripheral: "CUCM_PG_1", name: "Billing", description: "Invoices and payments", serviceLevelThreshold: 30 },
    { peripheral: "CUCM_PG_1", name: "Returns", description: "Returns", serviceLevelThreshold: 45 },
  ]) tenant.skillGroup.set(keyOfGroup(group), group);
  const agent = (login: string, first: string, agentId: string, skillGroups: string[], attributes: User["attributes"]): User => ({
    loginName: login, template: "tmpl.agent@DEM", userType: "agent", firstName: first, lastName: "Base", phone: `555${agentId}`,
    email: `${first.toLowerCase()}@example.com`, agentDescription: `${first} the agent`, agentId,
    site: "HQ", team: "Team_Sales", skillGroups, attributes, enabledInPortal: true, deletionPolicy: "disable", passwordSecret: "agentPassword",
  });
  for (const user of [
    agent("dana@DEM", "Dana", "4101", ["CUCM_PG_1.Sales", "CUCM_PG_1.Billing"], { Sales_Skill: 8, Spanish: true }),
    agent("eli@DEM", "Eli", "4102", ["CUCM_PG_1.Sales"], { Sales_Skill: 5 }),
    agent("lee@DEM", "Lee", "4103", ["CUCM_PG_1.Returns"], { Billing_Skill: 4 }),
  ]) tenant.user.set(user.loginName, user);
  tenant.precisionQueue.set("PQ_Sales", {
    queueName: "PQ_Sales", description: "Sales, Spanish first", serviceLevelThreshold: 20,
    steps: [{ waitTime: 30, terms: [{ attribute: "Sales_Skill", relation: ">=", value: 7 }, { connector: "and", attribute: "Spanish", relation: "==", value: true }] }],
  });
  tenant.resourceUser.set("CC_DANA", {
    partyNumber: "CC_DANA", firstName: "Dana", lastName: "Reyes", email: "dana.reyes@example.com", title: "Ms", workPhoneNumber: "555 0101",
    addressLine1: "1 Main Street", jobCode: "AGENT", organizationName: "NA Sales", orgRoleCode: "SALES_REPRESENTATIVE", roles: [{ roleId: 300100010000101 }],
  });
  tenant.tempAllow.set("u-100001", { customerId: "u-100001", tempAllowType: 1, expirationDate: "2099-12-31T23:59:59Z" });
  tenant.customerUser.set("dana.reyes@acme.example", { email: "dana.reyes@acme.example", displayName: "Dana Reyes", roles: ["customer.user", "customer.user.uc"] });
  return tenant;
}

/** The model's declaration as the contact-center file a team would write. */
function fileOf(tenant: Tenant): string {
  return stringify({
    cce: {
      skillGroups: [...tenant.skillGroup.values()],
      users: [...tenant.user.values()],
      precisionQueues: [...tenant.precisionQueue.values()],
    },
    oracle: { resourceUsers: [...tenant.resourceUser.values()] },
    riskcc: { tempAllows: [...tenant.tempAllow.values()] },
    ucportal: { customerUsers: [...tenant.customerUser.values()] },
  });
}

const REPLACE_OPS = new Set(["create-replacement", "replace", "delete-replaced"]);

/** The steps a run planned or applied on the tenant's objects, with the inputs that change, by the file's names. */
function stepsOf(events: readonly EngineEvent[]): Step[] {
  const steps = new Map<string, Step>();
  for (const event of events) {
    const m = event.resourcePreEvent?.metadata;
    if (!m || !["create", "update", "delete", ...REPLACE_OPS].includes(m.op)) continue;
    if (m.type === "pulumi:pulumi:Stack" || m.type.startsWith("pulumi:providers:")) continue;
    const kind = kindOfType(m.type) as Kind;
    const key = nameOfUrn(m.urn);
    const op = (REPLACE_OPS.has(m.op) ? "replace" : m.op) as Op;
    const olds = m.old?.inputs ?? {};
    const news = m.new?.inputs ?? {};
    const fields =
      op === "update" || op === "replace"
        ? [...new Set([...Object.keys(olds), ...Object.keys(news)])].filter((k) => k !== "__provider" && JSON.stringify(olds[k]) !== JSON.stringify(news[k]))
        : [];
    const seen = steps.get(`${kind} ${key}`);
    steps.set(`${kind} ${key}`, { kind, key, op, fields: [...new Set([...(seen?.fields ?? []), ...fields])].sort() });
  }
  return sortSteps([...steps.values()]);
}

/**
 * Whether applying a step must write, may write, or must not write. A change of a field that
 * lives in the state only writes nothing; what a create adopts rather than makes (an attribute
 * an agent already holds from its template, a precision queue: the portal cannot create one)
 * is written only where it differs; deletions follow each kind's default deletion policy (skill
 * groups and queues are only let go: the portal cannot delete them).
 */
function writesOf(step: Step, model: TenantModel): "must" | "may" | "none" {
  if (step.op === "create") return step.kind === "attribute" || step.kind === "precisionQueue" ? "may" : "must";
  if (step.op === "update") return step.fields.some((f) => !(STATE_ONLY[step.kind] ?? []).includes(f)) ? "must" : "none";
  if (step.kind === "skillGroup" || step.kind === "precisionQueue") return "none";
  if (step.kind === "user") return model.live.user.get(step.key)?.deletionPolicy === "retain" ? "none" : "must";
  return "must";
}

const show = (steps: readonly Step[]) => (steps.length === 0 ? "  (nothing)" : steps.map((s) => `  ${s.op} ${s.kind} ${s.key}${s.fields.length ? ` [${s.fields.join(", ")}]` : ""}`).join("\n"));

test(`the plan of preview --refresh is the model's, the up applies exactly it, and writes exactly to what it changes (${CASES} seeded cases)`, async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-plan-property-"));
  const file = path.join(work, "contact-center.yaml");
  const model = new TenantModel(baseTenant());
  fs.writeFileSync(file, fileOf(model.declared));
  const t = await createTestStack("yaml-file", {
    ...allVendorsConfig(emulator.url, emulator.config()),
    ...ALLOW_IRREVERSIBLE_DELETION, // cases remove customer users
    file: { value: file },
    agentPassword: { value: "Property-Agent-2026!", secret: true },
  });
  const vendors = new HandEdits(emulator.url);
  const started = Date.now();
  process.stdout.write(`plan property: seed ${SEED}, ${CASES} cases (replay: PLAN_PROPERTY_SEED=${SEED} PLAN_PROPERTY_CASES=<case>)\n`);
  try {
    await t.stack.up();
    model.applied();
    const random = new Random(SEED);
    let counter = 0;
    const fresh = () => ++counter;
    /** Each edit drawn, by its kind (`code: user`, `hand: attribute`...), and the steps the cases planned. */
    const drawn = new Map<string, number>();
    let plannedSteps = 0;
    for (let n = 1; n <= CASES; n++) {
      const edits: Edit[] = await drawEdits({ model, random, vendors, fresh });
      fs.writeFileSync(file, fileOf(model.declared));
      const expected = model.expectedPlan();
      for (const edit of edits) drawn.set(edit.maker, (drawn.get(edit.maker) ?? 0) + 1);
      if (VERBOSE) process.stdout.write(`case ${n}:\n${edits.map((e) => `  ${e.description}`).join("\n")}\n${show(expected)}\n`);
      const failure = (what: string, detail: string) =>
        new Error(
          `plan property, seed ${SEED}, case ${n} of ${CASES}: ${what}\n` +
            `replay: PLAN_PROPERTY_SEED=${SEED} PLAN_PROPERTY_CASES=${n} npm test -- plan-property\n` +
            `edits:\n${edits.map((e) => `  ${e.description}`).join("\n")}\n${detail}`,
        );

      await emulator.control.resetCalls();
      const before = await t.stack.exportStack();
      const previewed = recordEvents();
      await t.stack.preview({ refresh: true, onEvent: previewed.onEvent });
      const planned = stepsOf(previewed.events);
      const previewWrites = (await emulator.control.journal()).filter((entry) => entry.write);

      await emulator.control.resetCalls();
      const applying = recordEvents();
      await t.stack.up({ refresh: true, onEvent: applying.onEvent });
      const applied = stepsOf(applying.events);
      const after = await t.stack.exportStack();
      const written = writtenObjects(await emulator.control.journal(), before, after);

      if (JSON.stringify(planned) !== JSON.stringify(expected)) throw failure("the plan is not the model's", `expected:\n${show(expected)}\nplanned:\n${show(planned)}`);
      if (JSON.stringify(applied) !== JSON.stringify(planned)) throw failure("the up did not apply the plan", `planned:\n${show(planned)}\napplied:\n${show(applied)}`);
      if (previewWrites.length > 0) throw failure("the preview wrote", previewWrites.map((w) => `  ${w.method} ${w.path}`).join("\n"));
      const must = planned.filter((s) => writesOf(s, model) === "must").map((s) => `${s.kind} ${s.key}`);
      const may = new Set([...must, ...planned.filter((s) => writesOf(s, model) === "may").map((s) => `${s.kind} ${s.key}`)]);
      const unplanned = [...written].filter((object) => !may.has(object));
      const unwritten = must.filter((object) => !written.has(object));
      if (unplanned.length > 0 || unwritten.length > 0) {
        throw failure("the up's writes are not the plan's changes", `planned:\n${show(planned)}\nwritten to:\n${[...written].sort().map((o) => `  ${o}`).join("\n") || "  (nothing)"}\nunplanned writes: ${unplanned.join(", ") || "none"}\nplanned but not written: ${unwritten.join(", ") || "none"}`);
      }
      plannedSteps += planned.length;
      model.applied();
    }

    // The cases did change things: the property is not met by planning nothing.
    expect(plannedSteps).toBeGreaterThanOrEqual(CASES);
    // AND the last up converged: a refreshing preview plans nothing.
    const last = recordEvents();
    await t.stack.preview({ refresh: true, onEvent: last.onEvent });
    expect(stepsOf(last.events)).toEqual([]);
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `plan property: seed ${SEED}, ${CASES} cases, ${plannedSteps} planned steps, in ${seconds.toFixed(0)} s (${(seconds / CASES).toFixed(1)} s a case); ` +
        `edits drawn: ${[...drawn].sort().map(([kind, count]) => `${kind} ${count}`).join(", ")}\n`,
    );
  } finally {
    await vendors.close();
    fs.rmSync(work, { recursive: true, force: true });
    await t.cleanup();
  }
  // A case takes about 15 s on a 2-core machine; a minute each leaves room for a slow one.
}, 120_000 + CASES * 60_000);
