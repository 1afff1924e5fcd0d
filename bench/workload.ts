/**
 * The benchmark's tenant: a contact-center file with N objects, where an object is one Pulumi
 * resource the file declares (an agent's attribute is its own `AgentAttribute` resource, so it
 * counts). The mix, per 100 objects: 5 skill groups, 20 CCE users (18 agents, 2 supervisors;
 * 1 to 3 skill groups each, a site and a team) holding 40 attributes (2 each), 15 Oracle CX
 * resource users and 15 UC-portal customer users; plus, whatever N is, the seeded tenant's 2
 * precision queues (adopted: the API cannot create queues) and 3 risk-cc temporary allows
 * (the emulator knows 3 customers, `u-100001` to `u-100003`, and an allow is one per customer).
 *
 * `changed: true` gives the same tenant with about 10% of the objects changed: every tenth
 * object of each kind (a skill group's description, a user's phone, an attribute's value, a
 * resource user's last name, a customer user's display name, an allow's expiry, a queue's
 * description).
 */
import { stringify } from "yaml";

/** How many objects of each kind a tenant of `n` objects holds. */
export interface Mix {
  skillGroups: number;
  users: number;
  attributes: number;
  precisionQueues: number;
  tempAllows: number;
  resourceUsers: number;
  customerUsers: number;
}

/** Fixed by the seeded tenants, whatever the size. */
const PRECISION_QUEUES = 2;
const TEMP_ALLOWS = 3;
const ATTRIBUTES_PER_USER = 2;

export function mixFor(n: number): Mix {
  if (!Number.isInteger(n) || n < 20) throw new Error(`the benchmark needs at least 20 objects, got ${n}`);
  const skillGroups = Math.max(1, Math.round(n * 0.05));
  const users = Math.max(1, Math.round(n * 0.2));
  const attributes = users * ATTRIBUTES_PER_USER;
  const rest = n - skillGroups - users - attributes - PRECISION_QUEUES - TEMP_ALLOWS;
  const resourceUsers = Math.floor(rest / 2);
  return { skillGroups, users, attributes, precisionQueues: PRECISION_QUEUES, tempAllows: TEMP_ALLOWS, resourceUsers, customerUsers: rest - resourceUsers };
}

export const total = (mix: Mix) => Object.values(mix).reduce((sum, count) => sum + count, 0);

const pad = (i: number, width = 4) => String(i).padStart(width, "0");
/** Every tenth object of a kind changes in the "changed" variant. */
const touched = (i: number, changed: boolean) => changed && i % 10 === 3;

export interface BenchSkillGroup {
  peripheral: string;
  name: string;
  description: string;
  serviceLevelThreshold: number;
}

export interface BenchUser {
  loginName: string;
  template: string;
  userType: "agent" | "supervisor";
  firstName: string;
  lastName: string;
  phone: string;
  agentId: string;
  site: string;
  team: string;
  skillGroups: string[];
  attributes: Record<string, number | boolean>;
  passwordSecret: string;
}

export interface BenchTerm {
  connector?: "and" | "or";
  attribute: string;
  relation: ">=" | "==";
  value: number | boolean;
}

export interface BenchQueue {
  queueName: string;
  description: string;
  serviceLevelThreshold: number;
  restoreOnDelete: boolean;
  steps: { waitTime?: number; terms: BenchTerm[] }[];
}

export interface BenchResourceUser {
  partyNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  organizationName: string;
  orgRoleCode: string;
  roles: { roleId: number }[];
}

export interface BenchTempAllow {
  customerId: string;
  tempAllowType: number;
  expirationDate: string;
}

export interface BenchCustomerUser {
  email: string;
  displayName: string;
  roles: string[];
}

/** The declared tenant, as plain data: what the YAML says and what the baseline does. */
export interface BenchTenant {
  mix: Mix;
  skillGroups: BenchSkillGroup[];
  users: BenchUser[];
  precisionQueues: BenchQueue[];
  resourceUsers: BenchResourceUser[];
  tempAllows: BenchTempAllow[];
  customerUsers: BenchCustomerUser[];
}

/** The seeded Oracle role SALES_REPRESENTATIVE (emulator/oracle/tenant.ts). */
const SALES_REPRESENTATIVE_ROLE = 300100010000101;

export function tenantFor(n: number, options: { changed?: boolean } = {}): BenchTenant {
  const changed = options.changed ?? false;
  const mix = mixFor(n);
  const skillGroups: BenchSkillGroup[] = Array.from({ length: mix.skillGroups }, (_, i) => ({
    peripheral: "CUCM_PG_1",
    name: `Bench_SG_${pad(i)}`,
    description: touched(i, changed) ? `Bench group ${i} (changed)` : `Bench group ${i}`,
    serviceLevelThreshold: 20 + (i % 5) * 10,
  }));
  let attributeIndex = 0;
  const users: BenchUser[] = Array.from({ length: mix.users }, (_, i) => {
    const supervisor = i % 10 === 9;
    // 1 to 3 groups, spread over all of them.
    const groups = Array.from({ length: 1 + (i % 3) }, (_, k) => skillGroups[(i + k * 7) % skillGroups.length].name);
    const attributes: Record<string, number | boolean> = {};
    const sales = 1 + (i % 10);
    const salesIndex = attributeIndex++;
    attributes.Sales_Skill = touched(salesIndex, changed) ? (sales % 10) + 1 : sales;
    const second = attributeIndex++;
    if (i % 2 === 0) attributes.Spanish = touched(second, changed) ? i % 4 !== 0 : i % 4 === 0;
    else attributes.Billing_Skill = touched(second, changed) ? ((i + 3) % 10) + 1 : ((i + 2) % 10) + 1;
    return {
      loginName: `bench.u${pad(i)}@DEM`,
      template: supervisor ? "tmpl.supervisor@DEM" : "tmpl.agent@DEM",
      userType: supervisor ? "supervisor" : "agent",
      firstName: `Bench${pad(i)}`,
      lastName: "Agent",
      phone: touched(i, changed) ? `5559${pad(i)}` : `5558${pad(i)}`,
      agentId: String(20000 + i),
      site: i % 3 === 0 ? "Branch" : "HQ",
      team: supervisor ? "Team_Support" : "Team_Sales",
      skillGroups: [...new Set(groups)],
      attributes,
      passwordSecret: "agentPassword",
    };
  });
  const precisionQueues: BenchQueue[] = [
    {
      queueName: "PQ_Sales",
      description: changed ? "Bench: Spanish speakers first (changed)" : "Bench: Spanish speakers first",
      serviceLevelThreshold: 20,
      restoreOnDelete: true,
      steps: [
        { waitTime: 30, terms: [{ attribute: "Sales_Skill", relation: ">=", value: 7 }, { connector: "and", attribute: "Spanish", relation: "==", value: true }] },
        { terms: [{ attribute: "Sales_Skill", relation: ">=", value: 5 }] },
      ],
    },
    {
      queueName: "PQ_Billing",
      description: "Bench: billing",
      serviceLevelThreshold: 30,
      restoreOnDelete: true,
      steps: [{ terms: [{ attribute: "Billing_Skill", relation: ">=", value: 4 }] }],
    },
  ];
  const resourceUsers: BenchResourceUser[] = Array.from({ length: mix.resourceUsers }, (_, i) => ({
    partyNumber: `BENCH_RU_${pad(i)}`,
    firstName: `Res${pad(i)}`,
    lastName: touched(i, changed) ? "Bencher" : "Bench",
    email: `res${pad(i)}.bench@example.com`,
    organizationName: "NA Sales",
    orgRoleCode: "SALES_REPRESENTATIVE",
    roles: [{ roleId: SALES_REPRESENTATIVE_ROLE }],
  }));
  const tempAllows: BenchTempAllow[] = ["u-100001", "u-100002", "u-100003"].slice(0, mix.tempAllows).map((customerId, i) => ({
    customerId,
    tempAllowType: 1 + (i % 3),
    expirationDate: touched(i + 3, changed) || (changed && i === 0) ? "2099-06-30T23:59:59Z" : "2099-12-31T23:59:59Z",
  }));
  const customerUsers: BenchCustomerUser[] = Array.from({ length: mix.customerUsers }, (_, i) => ({
    email: `cu${pad(i)}.bench@acme.example`,
    displayName: touched(i, changed) ? `Bench Customer ${i} (changed)` : `Bench Customer ${i}`,
    roles: i % 3 === 0 ? ["customer.user", "customer.user.uc"] : ["customer.user"],
  }));
  return { mix, skillGroups, users, precisionQueues, resourceUsers, tempAllows, customerUsers };
}

/** How many objects the changed variant changes (the 10% step's declared size). */
export function changedCount(n: number): number {
  const before = tenantFor(n);
  const after = tenantFor(n, { changed: true });
  const differs = <T>(a: T[], b: T[]) => a.filter((x, i) => JSON.stringify(x) !== JSON.stringify(b[i])).length;
  const attributeChanges = before.users.reduce(
    (sum, u, i) => sum + Object.keys(u.attributes).filter((k) => u.attributes[k] !== after.users[i].attributes[k]).length,
    0,
  );
  const userChanges = before.users.filter((u, i) => u.phone !== after.users[i].phone).length;
  return (
    differs(before.skillGroups, after.skillGroups) +
    userChanges +
    attributeChanges +
    differs(before.precisionQueues, after.precisionQueues) +
    differs(before.resourceUsers, after.resourceUsers) +
    differs(before.tempAllows, after.tempAllows) +
    differs(before.customerUsers, after.customerUsers)
  );
}

/**
 * The tenant as a contact-center file (docs/configuration-file.md). With `adopt`, every kind
 * that can take over an existing object says `adopt: true` (precision queues are always
 * adopted; attributes and temporary allows are set, whatever was there).
 */
export function yamlFor(tenant: BenchTenant, options: { adopt?: boolean; shards?: { skillGroups: number; objects: number } } = {}): string {
  const adopting = <T extends object>(objects: T[]) => (options.adopt ? objects.map((object) => ({ ...object, adopt: true })) : objects);
  const file = {
    ...(options.shards ? { shards: options.shards } : {}),
    cce: { skillGroups: adopting(tenant.skillGroups), users: adopting(tenant.users), precisionQueues: tenant.precisionQueues },
    oracle: { resourceUsers: adopting(tenant.resourceUsers) },
    riskcc: { tempAllows: tenant.tempAllows },
    ucportal: { customerUsers: adopting(tenant.customerUsers) },
  };
  return `# Generated by bench/workload.ts: ${total(tenant.mix)} objects ${JSON.stringify(tenant.mix)}\n${stringify(file, { lineWidth: 0 })}`;
}

/** Shard counts that give stacks of about `shardSize` objects: skill groups apart, everything else hashed over the parts. */
export function shardsFor(mix: Mix, shardSize: number): { skillGroups: number; objects: number } {
  return { skillGroups: Math.max(1, Math.ceil(mix.skillGroups / shardSize)), objects: Math.max(1, Math.ceil((total(mix) - mix.skillGroups) / shardSize)) };
}
