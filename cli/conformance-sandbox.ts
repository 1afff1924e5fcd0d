/**
 * `contact-center conformance --sandbox PREFIX`: beyond the reads, one throwaway object of each
 * kind goes through the provider's own lifecycle (check, create, read, update, read, remove,
 * read) against the live systems, named with PREFIX so that nobody mistakes it for a real one.
 * What the vendor cannot remove (a CCE skill group: the portal has no delete call; an Oracle
 * resource user: Oracle keeps them, end-dated) is listed as left behind, as is anything a
 * failed step left.
 */
import { connectCce } from "../provider/cce/client";
import { listReferences } from "../provider/cce/lookups";
import type { ConfigSource } from "../provider/core/connection";
import { clearSharedReads } from "../provider/core/shared-read";
import * as cceUser from "../provider/cce/user.lifecycle";
import * as skillGroup from "../provider/cce/skill-group.lifecycle";
import * as resourceUser from "../provider/oracle/resource-user.lifecycle";
import * as customerUser from "../provider/ucportal/customer-user.lifecycle";
import { UcPortalClient } from "../provider/ucportal/client";
import { resolveUcPortalConnection } from "../provider/ucportal/connection";
import { listUsers as listCustomerUsers } from "../provider/ucportal/customer-users-api";
import type { CheckResult } from "./conformance";

/** The calls of a lifecycle module a sandbox cycle makes, loosely typed: each module has its own inputs and outputs. */
interface Lifecycle {
  check(config: ConfigSource | undefined, olds: unknown, news: Record<string, unknown>): Promise<{ inputs: unknown; failures: { property: string; reason: string }[] }>;
  create(config: ConfigSource | undefined, inputs: never): Promise<{ id: string; outs: unknown }>;
  read(config: ConfigSource | undefined, id: string, props: never): Promise<{ id?: string; props?: unknown }>;
  update(config: ConfigSource | undefined, id: string, olds: never, news: never): Promise<{ outs: unknown }>;
  remove(config: ConfigSource | undefined, id: string, props: never): Promise<void>;
}

interface Cycle {
  vendor: string;
  id: string;
  what: string;
  lifecycle: Lifecycle;
  declared: Record<string, unknown>;
  /** One field changed by the update, and how the read shows it. */
  change: { field: string; value: unknown };
  /** What remove leaves by design (undefined: nothing, the read must find it gone). */
  leaves?: string;
}

export interface SandboxOutcome {
  results: CheckResult[];
  /** Objects left in the vendor systems, with why. */
  leftBehind: string[];
}

/** Runs one cycle; every step's failure is the DIFF, and what it left is listed. */
async function runCycle(config: ConfigSource | undefined, cycle: Cycle, leftBehind: string[]): Promise<CheckResult> {
  const result = (verdict: CheckResult["verdict"], evidence: string): CheckResult => ({
    vendor: cycle.vendor,
    id: cycle.id,
    assumption: `a ${cycle.what} is created, read, updated and removed as the provider expects`,
    verdict,
    evidence,
  });
  const life = cycle.lifecycle;
  let created: { id: string; outs: unknown } | undefined;
  let step = "check";
  try {
    const checked = await life.check(config, {}, cycle.declared);
    if (checked.failures.length > 0) return result("DIFF", `the throwaway declaration was refused: ${checked.failures.map((f) => `${f.property} ${f.reason}`).join("; ")}`);
    step = "create";
    created = await life.create(config, checked.inputs as never);
    step = "read after create";
    // Each read a fresh one: a refresh's shared list from before the write would show the old values.
    clearSharedReads();
    const read = await life.read(config, created.id, created.outs as never);
    if (read.id !== created.id) return result("DIFF", `created ${created.id}, but the read ${read.id ? `answered ${read.id}` : "found nothing"}`);
    step = "update";
    const changedInputs = await life.check(config, created.outs, { ...cycle.declared, [cycle.change.field]: cycle.change.value });
    const updated = await life.update(config, created.id, created.outs as never, changedInputs.inputs as never);
    step = "read after update";
    clearSharedReads();
    const reread = await life.read(config, created.id, updated.outs as never);
    const seen = (reread.props as Record<string, unknown> | undefined)?.[cycle.change.field];
    if (JSON.stringify(seen) !== JSON.stringify(cycle.change.value)) return result("DIFF", `after the update of ${cycle.change.field} to ${JSON.stringify(cycle.change.value)}, the read shows ${JSON.stringify(seen)}`);
    step = "remove";
    await life.remove(config, created.id, updated.outs as never);
    step = "read after remove";
    clearSharedReads();
    const after = await life.read(config, created.id, updated.outs as never);
    if (cycle.leaves) {
      leftBehind.push(`${cycle.what} ${created.id}: ${cycle.leaves}`);
      return result("PASS", `created ${created.id}, read, updated ${cycle.change.field}, removed (${cycle.leaves})`);
    }
    if (after.id) {
      leftBehind.push(`${cycle.what} ${created.id}: the remove did not take it away`);
      return result("DIFF", `removed ${created.id}, but the read still finds it`);
    }
    return result("PASS", `created ${created.id}, read, updated ${cycle.change.field}, removed, and gone`);
  } catch (error) {
    if (created) leftBehind.push(`${cycle.what} ${created.id}: left by the failed step "${step}"`);
    return result("DIFF", `${step} failed: ${(error as Error).message}`);
  }
}

/** The throwaway objects of every configured vendor, named with `prefix`. */
export async function runSandbox(config: ConfigSource | undefined, prefix: string, options: { cceTemplate?: string; vendors: string[] }): Promise<SandboxOutcome> {
  const name = prefix.replace(/[^A-Za-z0-9_]/g, "_");
  // In the report's order: a cycle to run, or a check that cannot run (its verdict already known).
  const cycles: (Cycle | CheckResult)[] = [];
  if (options.vendors.includes("CCE")) {
    cycles.push({
      vendor: "CCE",
      id: "cce.sandbox.skill-group",
      what: "CCE skill group",
      lifecycle: skillGroup as unknown as Lifecycle,
      declared: { peripheralId: await firstPeripheral(config), name: `${name}_Conformance`, description: "contact-center conformance (throwaway)" },
      change: { field: "description", value: "contact-center conformance (updated)" },
      leaves: "the portal has no delete call for skill groups: remove it in ICM",
    });
    if (options.cceTemplate) {
      cycles.push({
        vendor: "CCE",
        id: "cce.sandbox.user",
        what: "CCE user",
        lifecycle: cceUser as unknown as Lifecycle,
        declared: {
          loginName: `${name.toLowerCase()}.conformance@${options.cceTemplate.split("@")[1]}`,
          template: options.cceTemplate,
          userType: "agent",
          firstName: "Conformance",
          lastName: name,
          phone: "5550000",
          deletionPolicy: "delete",
          // An agent id no one is likely to hold; the portal refuses one in use, and the check says so.
          agentId: String(90_000 + (Date.now() % 9_999)),
        },
        change: { field: "lastName", value: `${name}-updated` },
      });
    } else {
      cycles.push({ vendor: "CCE", id: "cce.sandbox.user", assumption: "a CCE user is cloned, updated and deleted as the provider expects", verdict: "UNTESTED", evidence: "pass --cce-template <login> (a template user to clone from)" });
    }
  }
  if (options.vendors.includes("UC portal")) {
    cycles.push({
      vendor: "UC portal",
      id: "ucportal.sandbox.user",
      what: "UC portal customer user",
      lifecycle: customerUser as unknown as Lifecycle,
      declared: { displayName: `${name} Conformance`, email: `${name.toLowerCase()}.conformance@${await ucportalDomain(config)}`, roles: ["customer.user"], deletionPolicy: "delete" },
      change: { field: "displayName", value: `${name} Conformance (updated)` },
    });
  }
  if (options.vendors.includes("Oracle CX")) {
    cycles.push({
      vendor: "Oracle CX",
      id: "oracle.sandbox.resource-user",
      what: "Oracle CX resource user",
      lifecycle: resourceUser as unknown as Lifecycle,
      declared: { partyNumber: `${name.toUpperCase()}_CONF`.slice(0, 30), firstName: "Conformance", lastName: name, email: `${name.toLowerCase()}.conformance@example.invalid`, deletionPolicy: "endDate" },
      change: { field: "lastName", value: `${name}-updated` },
      leaves: "Oracle keeps resource users: it is end-dated",
    });
  }
  const leftBehind: string[] = [];
  const results: CheckResult[] = [];
  for (const cycle of cycles) results.push("lifecycle" in cycle ? await runCycle(config, cycle, leftBehind) : cycle);
  return { results, leftBehind };
}

async function firstPeripheral(config: ConfigSource | undefined): Promise<number> {
  const [platform] = await listReferences(connectCce(config).cce, "platform");
  if (!platform) throw new Error("the CCE tenant has no platform (peripheral) for a skill group");
  return platform.id;
}

async function ucportalDomain(config: ConfigSource | undefined): Promise<string> {
  const [first] = await listCustomerUsers(new UcPortalClient(resolveUcPortalConnection(config)));
  return first?.email.split("@")[1] ?? "example.invalid";
}
