/**
 * The fault matrix: each fault the emulator can inject, hitting an `up` of a real tenant file
 * through the real CLI, on the create, an update or a delete. What must hold for every case:
 * the faulted run converges by itself, or it fails with an error that names the fault and the
 * next plain run converges; then a preview plans nothing, a refresh finds no drift, and every
 * declared object exists exactly once in its vendor system, held by the stack (no duplicate,
 * no orphan), and no secret is in the state or the CLI's logs.
 *
 * CI runs the short set (the cases marked `short`, on the example tenant). FAULT_MATRIX=full
 * runs every case on both tenants: the example tenant (examples/yaml, 13 objects) and a
 * 51-object one (bench/workload.ts). A killed run is its own test (killed-run.e2e.test.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { LocalWorkspace } from "@pulumi/pulumi/automation";
import { parse, stringify } from "yaml";
import { DEFAULT_SESSION_CAP } from "../../emulator/cce/login";
import { cceDemoCredentials } from "../../emulator/cce/tenant";
import { oracleDemoCredentials, ucportalDemoTokens } from "../../emulator";
import { tenantFor, yamlFor } from "../../bench/workload";
import { logoutAll } from "../../provider/cce/client";
import { Declared, expectEachDeclaredOnceAndHeld } from "../support/vendor-census";
import { ALLOW_IRREVERSIBLE_DELETION, allVendorsConfig, createTestStack, expectConverged, expectNotWrittenInPlaintext, TestStack, useCceEmulator } from "./harness";

const emulator = useCceEmulator();
afterAll(() => logoutAll());

const AGENT_PASSWORD = "Fault-Matrix-2026!";
const SECRETS = [AGENT_PASSWORD, cceDemoCredentials.admin.password, oracleDemoCredentials.salesCloudUser.password, ucportalDemoTokens.acme];

type Declaration = Declared & Record<string, unknown>;

/** A tenant file and the variants the update and delete phases run with. */
interface Tenant {
  name: string;
  base: Declaration;
  /** Some objects of each kind changed. */
  changed: Declaration;
  /** A few objects of each kind removed (within the deletion guard's floor). */
  reduced: Declaration;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed YAML tenant, edited freely
const example: any = parse(fs.readFileSync(path.resolve(__dirname, "../../examples/yaml/contact-center.yaml"), "utf8"));
const exampleTenant: Tenant = {
  name: "example tenant",
  base: example,
  changed: {
    ...example,
    cce: {
      ...example.cce,
      skillGroups: example.cce.skillGroups.map((g: any) => ({ ...g, description: `${g.description} (changed)` })),
      users: example.cce.users.map((u: any) => ({ ...u, phone: u.phone.replace(/^555/, "556") })),
    },
    oracle: { resourceUsers: example.oracle.resourceUsers.map((u: any) => ({ ...u, lastName: `${u.lastName}-Diaz` })) },
    ucportal: { customerUsers: example.ucportal.customerUsers.map((u: any) => ({ ...u, displayName: `${u.displayName} (changed)` })) },
  },
  reduced: {
    ...example,
    cce: { ...example.cce, users: example.cce.users.filter((u: any) => u.loginName !== "lead@DEM") },
    ucportal: { customerUsers: [] },
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
const bench: any = parse(yamlFor(tenantFor(51)));
const benchTenant: Tenant = {
  name: "51-object tenant",
  base: bench,
  changed: parse(yamlFor(tenantFor(51, { changed: true }))),
  reduced: {
    ...bench,
    oracle: { resourceUsers: bench.oracle.resourceUsers.slice(2) },
    ucportal: { customerUsers: bench.ucportal.customerUsers.slice(2) },
  },
};

interface Run {
  t: TestStack;
  /** Every line the faulted run printed. */
  output: string;
}

interface FaultCase {
  name: string;
  /** Part of the short set CI runs. */
  short?: boolean;
  /** The run the fault hits: the first create, an update of every kind, or deletes. */
  phase: "create" | "update" | "delete";
  /** Environment for the faulted run (CONTACT_CENTER_* settings). */
  env?: Record<string, string>;
  parallel?: number;
  /** Puts the fault in place, just before the faulted run. */
  arrange(): Promise<unknown>;
  /** Runs alongside the faulted run (a fault that must land in its middle). */
  during?(): Promise<unknown>;
  /** Whether the faulted run must converge by itself; else it must fail saying `failsWith`, and the next run converge. */
  converges: boolean;
  failsWith?: RegExp;
  /** What else must hold of the faulted run. */
  check?(run: Run): Promise<void> | void;
}

const fault = (spec: Record<string, unknown>) => emulator.control.fault(spec);
const CREATE_ENDPOINTS = [
  { endpoint: "skills/saveSkillGroup" },
  { endpoint: "users/cloneUser" },
  { endpoint: "resourceUsers", method: "POST" },
  { endpoint: "users", method: "POST" },
];

const CASES: FaultCase[] = [
  { name: "a burst of 429 with Retry-After", short: true, phase: "create", arrange: () => fault({ kind: "rate-limit", retryAfterSeconds: 1, count: 4 }), converges: true },
  // A call is tried 5 times with backoff: a burst shorter than that is ridden out, a longer outage fails the call.
  { name: "a burst of 503 within the retry budget", short: true, phase: "create", arrange: () => fault({ kind: "status", status: 503, count: 4 }), converges: true },
  {
    name: "a 503 outage longer than the retry budget",
    phase: "create",
    // Enough 503s that every call in flight uses up its attempts, whatever the tenant's size.
    arrange: () => fault({ kind: "status", status: 503, count: 1_000 }),
    converges: false,
    failsWith: /HTTP 503 after 5 attempt\(s\)/,
  },
  {
    name: "a 500 on a create",
    phase: "create",
    arrange: () => fault({ endpoint: "users/cloneUser", kind: "status", status: 500 }),
    converges: false,
    failsWith: /HTTP 500/,
  },
  {
    name: "every session ended in the middle of the run",
    short: true,
    phase: "create",
    arrange: async () => undefined,
    // The third write ends every session: the calls after it must log in again.
    during: () => expireAfterWrites(3),
    converges: true,
  },
  {
    name: "a tenant capped at one session, at --parallel 20",
    phase: "create",
    parallel: 20,
    arrange: async () => {
      // The test's own portal session would take the one the cap allows: ended, and opened again after.
      await emulator.portal.logout(emulator.session);
      await emulator.control.configure({ sessionCap: 1 });
    },
    converges: true,
    check: async () => {
      await emulator.control.configure({ sessionCap: DEFAULT_SESSION_CAP });
      emulator.session = await emulator.portal.login(cceDemoCredentials.admin.username, cceDemoCredentials.admin.password);
    },
  },
  {
    name: "the answer of one create of every kind lost after the commit",
    short: true,
    phase: "create",
    arrange: async () => {
      for (const target of CREATE_ENDPOINTS) await fault({ ...target, kind: "drop-response" });
    },
    converges: true,
  },
  {
    name: "a create slower than the client's timeout (committed after it)",
    phase: "create",
    env: { CONTACT_CENTER_HTTP_TIMEOUT_SECONDS: "2" },
    arrange: () => fault({ endpoint: "resourceUsers", method: "POST", kind: "latency", ms: 3_000 }),
    converges: true,
  },
  {
    name: "a Retry-After within the maximum, waited for and announced",
    phase: "create",
    arrange: () => fault({ kind: "rate-limit", retryAfterSeconds: 6, count: 1 }),
    converges: true,
    check: ({ output }) => expect(output).toMatch(/HTTP 429; waiting 6 s as the server asks \(Retry-After\)/),
  },
  {
    name: "a Retry-After beyond the maximum, refused at once",
    phase: "create",
    env: { CONTACT_CENTER_MAX_RETRY_AFTER_SECONDS: "10" },
    arrange: () => fault({ kind: "rate-limit", retryAfterSeconds: 400, count: 1 }),
    converges: false,
    failsWith: /HTTP 429, and the server asks to wait 400 s \(Retry-After\), more than the 10 s this run waits/,
  },
  {
    name: "the answers of updates lost after the commit",
    short: true,
    phase: "update",
    arrange: async () => {
      for (const target of [{ endpoint: "skills/saveSkillGroup" }, { endpoint: "users/updateUser" }, { method: "PATCH" }]) await fault({ ...target, kind: "drop-response", count: 2 });
    },
    converges: true,
  },
  {
    name: "the answers of deletes lost after the commit",
    phase: "delete",
    arrange: async () => {
      for (const target of [{ endpoint: "users/deleteUser" }, { method: "DELETE" }, { endpoint: "users/updateUser" }]) await fault({ ...target, kind: "drop-response" });
    },
    converges: true,
  },
  {
    name: "a second up of the same stack while the first runs",
    short: true,
    phase: "create",
    arrange: () => emulator.control.configure({ latencyMs: 40 }),
    converges: true,
    // Started while the first one runs: refused by the stack's lock, and writes nothing.
    during: async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      secondUp = await current!.stack.up().then(
        () => "the second up ran",
        (error: Error) => error.message,
      );
    },
    check: () => expect(secondUp).toMatch(/the stack is currently locked/),
  },
];

/** Ends every vendor session once the journal shows `writes` writes since the call. */
async function expireAfterWrites(writes: number): Promise<void> {
  const start = (await emulator.control.journal()).at(-1)?.seq ?? 0;
  for (let i = 0; i < 1_200; i++) {
    const done = (await emulator.control.journal()).filter((c) => c.seq > start && c.write).length;
    if (done >= writes) {
      await fault({ kind: "expire-sessions" });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The stack of the case running, and how a second `up` of it ended (the two-ups case). */
let current: TestStack | undefined;
let secondUp: string | undefined;

const full = process.env.FAULT_MATRIX === "full";
const tenants = full ? [exampleTenant, benchTenant] : [exampleTenant];
const matrix = tenants.flatMap((tenant) => CASES.filter((c) => full || c.short).map((c) => ({ ...c, tenant, title: `${tenant.name}: ${c.name} (${c.phase})` })));

describe.each(matrix)("$title", (c) => {
  test("the run converges, or fails naming the fault and the next one converges; each object once, held, no secret on disk", async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "pcc-faults-"));
    const file = path.join(work, "contact-center.yaml");
    const declare = (content: object) => fs.writeFileSync(file, stringify(content));
    const config = { ...allVendorsConfig(emulator.url, emulator.config()), ...ALLOW_IRREVERSIBLE_DELETION, file: { value: file }, agentPassword: { value: AGENT_PASSWORD, secret: true } };
    declare(c.tenant.base);
    const t = await createTestStack("yaml-file", config);
    const env = (t.stack.workspace as LocalWorkspace).envVars;
    try {
      // The phase before the faulted run, without faults.
      let final = c.tenant.base;
      if (c.phase !== "create") {
        await t.stack.up();
        final = c.phase === "update" ? c.tenant.changed : c.tenant.reduced;
        declare(final);
      }

      // WHEN the faulted run goes
      await emulator.control.resetCalls();
      await c.arrange();
      Object.assign(env, c.env ?? {});
      let output = "";
      const onOutput = (text: string) => (output += text);
      current = t;
      const faulted = t.stack.up({ onOutput, parallel: c.parallel });
      const [failure] = await Promise.all([
        faulted.then(
          () => undefined,
          (error: Error) => error.message,
        ),
        c.during?.(),
      ]);
      for (const key of Object.keys(c.env ?? {})) delete env[key];
      await emulator.control.clearFaults();
      await emulator.control.configure({ latencyMs: 0, sessionCap: DEFAULT_SESSION_CAP });

      // THEN it converged by itself, or failed saying why and the next run converges
      if (c.converges) expect(failure).toBeUndefined();
      else {
        expect(failure).toMatch(c.failsWith!);
        await t.stack.up();
      }
      await c.check?.({ t, output });
      await expectConverged(t);
      const state = (await t.stack.exportStack()).deployment.resources;
      await expectEachDeclaredOnceAndHeld(config, final, state);
      expectNotWrittenInPlaintext(t, SECRETS);
    } finally {
      await emulator.control.clearFaults();
      await emulator.control.configure({ latencyMs: 0, sessionCap: DEFAULT_SESSION_CAP });
      await t.cleanup();
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 600_000);
});
