/**
 * The baseline: a bare script doing each benchmark step's work with the fewest vendor calls a
 * hand-written, per-object script needs, at the same concurrency as `pulumi --parallel`.
 * It keeps its own "state" (the ids the create step learnt), as Pulumi does.
 *
 * It speaks through the provider's thin vendor clients (`CceClient`, `OracleClient`,
 * `RiskCcClient`, `UcPortalClient`, one HTTP request per call, one CCE login per step, shared
 * by every call of the step) with request bodies built here, so the comparison is about which
 * calls are made, not about wire encoding. Nothing of the Pulumi engine, the provider's
 * lifecycles or the program's lookups runs.
 *
 * What "minimal" means, per step (per object, one write; a read only where the API gives no
 * other way to learn what the write needs):
 * - create: 1 CCE login; 3 reference reads (platforms, sites, the two teams through
 *   `getUsers`: the portal has no team list) and 1 `getAllAttributes` (attribute ids for the
 *   attribute writes and queue terms); per skill group 1 `saveSkillGroup`, then 1
 *   `getSkillGroups` for all their ids (save answers none); per user 1 `cloneUser` (its answer
 *   carries the ids; password, site and team go in the clone) and 1 `saveSkillsToAgent` (the
 *   clone inherits its template's groups, known from 1 `getUsers` of the templates and 1
 *   `getSkillsForAgent` per template); per attribute 1 `saveAttributesToAgent`; queues:
 *   1 `getAllPrecisionQueues`, per queue 1 `getPQByID` (its changeStamp) and 1
 *   `updatePrecisionQueue`; per resource user 1 POST (roles inline); per temporary allow 1 PUT;
 *   per customer user 1 POST.
 * - no-op preview and no-op up: 0 calls (the script compares the file with its state).
 * - refresh: 1 login and the list calls that read every object back: `getUsers`,
 *   `getSkillGroups`, `getAllAgents` (attributes), `getAllAgentsForSkill` per declared skill
 *   group (memberships: the cheaper side when groups are fewer than agents),
 *   `getAllPrecisionQueues` + `getPQByID` per queue, Oracle `resourceUsers` in pages of 500,
 *   UC portal `users` in pages of 500; risk-cc has no read call.
 * - the 10% update: per changed object 1 write (a skill group's `saveSkillGroup` with its
 *   id; an attribute's `saveAttributesToAgent`; a resource user's PATCH; a customer user's
 *   PATCH; an allow's PUT; a queue's `getPQByID` + `updatePrecisionQueue`), and for users, whose
 *   `updateUser` replaces the whole BasicUserInfo, 1 `getUserByIdProgram` each first.
 * - destroy: per user 1 `setUserStatus` (disable, the default policy); per attribute 1
 *   `updateAgentAttributes` (remove); skill groups none (no delete API, default "retain");
 *   queues restored with `getPQByID` + `updatePrecisionQueue`; per resource user 1 PATCH of the
 *   end date (Oracle has no delete); per allow 1 PUT with a past expiry (revoke); per customer
 *   user 1 DELETE.
 *
 * Batching would go lower still (one `saveAttributesToAgent` per agent, or per attribute and
 * value for many agents): the baseline stays per object, like the resources it is compared with.
 */
import { z } from "zod";
import { positiveId } from "../provider/core/answer";
import { CceClient, logoutAll } from "../provider/cce/client";
import { listReferences } from "../provider/cce/lookups";
import { resolveCceConnection } from "../provider/cce/connection";
import { AttributeDefinition, listAgents, listAttributes, saveAttributeToAgent, removeAttributeFromAgent } from "../provider/cce/agent-attributes-api";
import { ATTRIBUTE_RELATIONS, PrecisionQueueRecord, getPrecisionQueue, listPrecisionQueues, updatePrecisionQueue } from "../provider/cce/precision-queues-api";
import { listSkillGroups, saveSkillGroup } from "../provider/cce/skill-groups-api";
import { UserRecord, basicUserInfo, getAssignedSkillGroups, getUser, listUsers, saveSkillsToAgent, setStatus, updateUser } from "../provider/cce/users-api";
import { OracleClient } from "../provider/oracle/client";
import { createResourceUser, listResourceUsers } from "../provider/oracle/resource-users-api";
import { resolveOracleConnection } from "../provider/oracle/connection";
import { RiskCcClient } from "../provider/riskcc/client";
import { resolveRiskCcConnection } from "../provider/riskcc/connection";
import { UcPortalClient } from "../provider/ucportal/client";
import { resolveUcPortalConnection } from "../provider/ucportal/connection";
import { createUser as createUcUser, listUsers as listUcUsers } from "../provider/ucportal/customer-users-api";
import { BenchQueue, BenchTenant, BenchUser } from "./workload";

/** At most `size` calls at once, as `pulumi --parallel` allows that many resource operations. */
export class Pool {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  all<T, R>(items: T[], task: (item: T, index: number) => Promise<R>): Promise<R[]> {
    return Promise.all(items.map((item, index) => this.run(() => task(item, index))));
  }
}

interface Clients {
  cce: CceClient;
  oracle: OracleClient;
  riskcc: RiskCcClient;
  ucportal: UcPortalClient;
}

/** What the baseline learnt at create: the ids later steps address objects by. */
export interface BaselineState {
  skillGroupIds: Map<string, number>;
  /** loginName → the user as cloned. */
  users: Map<string, UserRecord>;
  attributes: AttributeDefinition[];
  /** queueName → id, and the queue as it was before adoption (for the restore on destroy). */
  queues: Map<string, { id: number; original: PrecisionQueueRecord }>;
  /** partyNumber → uniqId. */
  resourceUsers: Map<string, string>;
  /** email → id. */
  customerUsers: Map<string, string>;
}

export function clientsFrom(env: Record<string, string>): Clients {
  const none = { get: () => undefined };
  return {
    cce: new CceClient(resolveCceConnection(none, env)),
    oracle: new OracleClient(resolveOracleConnection(none, env)),
    riskcc: new RiskCcClient(resolveRiskCcConnection(none, env)),
    ucportal: new UcPortalClient(resolveUcPortalConnection(none, env)),
  };
}

const cloneAnswer = z.object({
  basicUserAgentInfo: z.object({ idProgramUser: positiveId, platformId: positiveId, agentId: positiveId, idUser: positiveId }),
});

async function clone(c: Clients, user: BenchUser, siteId: number, teamId: number, password: string) {
  const body = await c.cce.call(
    "protected/users/cloneUser",
    {
      srcUserName: user.template, srcIdUser: null, cloneUserLoginNm: user.loginName, cloneUserFirstNm: user.firstName, cloneUserLastNm: user.lastName,
      cloneUserPhoneNumber: user.phone, cloneUserEmail: null, cloneUserPassword: password, cloneUserTypeCode: user.userType === "supervisor" ? "S" : "A",
      cloneUserAgentId: user.agentId, cloneAgentEnterpriseName: null, cloneAgentDescription: null, cloneUserIdProgramSite: siteId,
      cloneUserIdProgramDepartment: null, cloneUserIdProgramBillUnit: null, cloneUserIdProgramGroup: null, cloneUserIdProfile: null,
      cloneUserAgentTeamID: teamId, cloneUserIdAgentDeskSettings: null, selectedUserCollectionIds: null, selectedAgentCollectionIds: null,
      ssoEnabledUser: null, reUseAgentId: false, reUseADUser: false, idProgramUser: null, idProgram: null, loginNm: null, domain: null,
    },
    { idempotent: false },
    cloneAnswer,
  );
  const info = body.basicUserAgentInfo;
  return { idProgramUser: info.idProgramUser, platformId: info.platformId, agentSkillTargetId: info.agentId, idUser: info.idUser };
}

/** The queue with the declared fields written over the live one. */
function declaredQueue(live: PrecisionQueueRecord, queue: BenchQueue, attributes: AttributeDefinition[]): PrecisionQueueRecord {
  const idOf = (name: string) => attributes.find((a) => a.name === name)!.id;
  return {
    ...live,
    description: queue.description,
    serviceLevelThreshold: queue.serviceLevelThreshold,
    steps: queue.steps.map((step) => ({
      waitTime: step.waitTime ?? 0,
      agentCount: 0,
      considerIf: "",
      terms: step.terms.map((term) => ({
        attributeId: idOf(term.attribute),
        attributeName: term.attribute,
        attributeDataType: "",
        attributeRelation: ATTRIBUTE_RELATIONS[term.relation],
        value1: String(term.value),
        termRelation: term.connector === "and" ? 1 : term.connector === "or" ? 2 : 0,
        parenCount: 0,
      })),
    })),
  };
}

const attributeList = (tenant: BenchTenant) => tenant.users.flatMap((user) => Object.entries(user.attributes).map(([name, value]) => ({ user, name, value })));

async function lookupIds(c: Clients) {
  const [platforms, sites, teams] = await Promise.all([
    listReferences(c.cce, "platform"),
    listReferences(c.cce, "site"),
    // One getUsers answers both teams' ids (and the templates): the portal has no team list.
    listUsers(c.cce, { searchColumn: "All", searchTerm: "tmpl." }),
  ]);
  return {
    platform: (name: string) => platforms.find((p) => p.name === name)!.id,
    site: (name: string) => sites.find((s) => s.name === name)!.id,
    templates: teams,
  };
}

/** One step: fresh clients, a pool of `parallel`, and the CCE session logged out at the end, as a CLI run does. */
async function baselineStep<T>(env: Record<string, string>, parallel: number, work: (c: Clients, pool: Pool) => Promise<T>): Promise<T> {
  const c = clientsFrom(env);
  const pool = new Pool(parallel);
  try {
    return await work(c, pool);
  } finally {
    await logoutAll();
  }
}

export function baselineCreate(tenant: BenchTenant, env: Record<string, string>, parallel: number, password: string): Promise<BaselineState> {
  return baselineStep(env, parallel, async (c, pool) => {
    const state: BaselineState = { skillGroupIds: new Map(), users: new Map(), attributes: [], queues: new Map(), resourceUsers: new Map(), customerUsers: new Map() };
    const [ids, attributes] = await Promise.all([pool.run(() => lookupIds(c)), pool.run(() => listAttributes(c.cce))]);
    state.attributes = attributes;
    const teamOf = (name: string) => ids.templates.find((u) => u.agentTeamNm === name)!.agentTeamId!;
    const templateGroups = new Map<string, number[]>();

    const cce = (async () => {
      await pool.all(tenant.skillGroups, (group) =>
        saveSkillGroup(c.cce, { peripheralId: ids.platform(group.peripheral), name: group.name, description: group.description, serviceLevelThreshold: group.serviceLevelThreshold }),
      );
      const [groups] = await Promise.all([
        pool.run(() => listSkillGroups(c.cce, { peripheralId: ids.platform("CUCM_PG_1") })),
        ...[...new Set(tenant.users.map((u) => u.template))].map((login) =>
          pool.run(async () => {
            const template = ids.templates.find((u) => u.loginNm === login)!;
            templateGroups.set(login, await getAssignedSkillGroups(c.cce, template));
          }),
        ),
      ]);
      for (const group of groups) state.skillGroupIds.set(group.name, group.skillTargetId);
      const attributeWrites: Promise<void>[] = [];
      await pool.all(tenant.users, async (user) => {
        const cloned = await clone(c, user, ids.site(user.site), teamOf(user.team), password);
        const record = { idProgramUser: cloned.idProgramUser, idUser: cloned.idUser, platformId: cloned.platformId, agentSkillTargetId: cloned.agentSkillTargetId, loginNm: user.loginName } as UserRecord;
        state.users.set(user.loginName, record);
        const wanted = user.skillGroups.map((name) => state.skillGroupIds.get(name)!);
        const inherited = templateGroups.get(user.template)!;
        // The attribute writes queue for a slot of their own, as the engine schedules dependents.
        // Every one is written, even a value the clone already holds: a clone inherits its
        // template's attributes (seed 001, CloneUser), so tmpl.agent's Sales_Skill 5 makes the
        // write for each agent declaring Sales_Skill 5 (every tenth user) a no-op. Skipping them
        // would need a read of the clone's attributes, which a per-object script does not make.
        for (const [name, value] of Object.entries(user.attributes)) {
          const attribute = attributes.find((a) => a.name === name)!;
          attributeWrites.push(
            pool.run(() => saveAttributeToAgent(c.cce, { skillTargetId: cloned.agentSkillTargetId, idProgramUser: cloned.idProgramUser, loginNm: user.loginName, attributes: new Map() }, attribute, String(value))),
          );
        }
        await saveSkillsToAgent(c.cce, record, wanted.filter((id) => !inherited.includes(id)), inherited.filter((id) => !wanted.includes(id)));
      });
      await Promise.all(attributeWrites);
    })();

    const queues = (async () => {
      const listed = await pool.run(() => listPrecisionQueues(c.cce));
      await pool.all(tenant.precisionQueues, async (queue) => {
        const id = listed.find((q) => q.name === queue.queueName)!.id;
        const live = (await getPrecisionQueue(c.cce, id))!;
        state.queues.set(queue.queueName, { id, original: live });
        await updatePrecisionQueue(c.cce, declaredQueue(live, queue, attributes));
      });
    })();

    const others = Promise.all([
      pool.all(tenant.resourceUsers, async (user) => {
        const created = await createResourceUser(c.oracle, {
          ResourcePartyNumber: user.partyNumber, FirstName: user.firstName, LastName: user.lastName, ResourceEmail: user.email,
          ResourceOrganizationName: user.organizationName, ResourceOrgRoleCode: user.orgRoleCode, ResourceRoleAssign: user.roles.map((r) => ({ RoleId: r.roleId })),
        });
        state.resourceUsers.set(user.partyNumber, created.uniqId);
      }),
      pool.all(tenant.tempAllows, (allow) => c.riskcc.provision(allow.customerId, { tempAllowType: allow.tempAllowType, expirationDate: allow.expirationDate }, "json")),
      pool.all(tenant.customerUsers, async (user) => {
        const created = await createUcUser(c.ucportal, { displayName: user.displayName, email: user.email, roles: user.roles });
        state.customerUsers.set(user.email, created.id);
      }),
    ]);
    await Promise.all([cce, queues, others]);
    return state;
  });
}

export function baselineRefresh(tenant: BenchTenant, state: BaselineState, env: Record<string, string>, parallel: number): Promise<void> {
  return baselineStep(env, parallel, async (c, pool) => {
    await Promise.all([
      pool.run(() => listUsers(c.cce)),
      pool.run(() => listSkillGroups(c.cce)),
      pool.run(() => listAgents(c.cce)),
      ...tenant.skillGroups.map((group) =>
        pool.run(() =>
          c.cce.call("protected/quickskills/getAllAgentsForSkill", { skillTargetId: state.skillGroupIds.get(group.name), assigned: true, getBaseObjectInfoOnly: true, pageSize: 0, pageNumber: 1 }, { idempotent: true }),
        ),
      ),
      pool.run(() => listPrecisionQueues(c.cce)),
      ...[...state.queues.values()].map((queue) => pool.run(() => getPrecisionQueue(c.cce, queue.id))),
      pool.run(() => listResourceUsers(c.oracle, undefined, 500)),
      pool.run(() => listUcUsers(c.ucportal)),
    ]);
  });
}

export function baselineUpdate(before: BenchTenant, after: BenchTenant, state: BaselineState, env: Record<string, string>, parallel: number): Promise<void> {
  return baselineStep(env, parallel, async (c, pool) => {
    const platformOf = (user: UserRecord) => user.platformId!;
    const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);
    const tasks: Promise<unknown>[] = [];
    after.skillGroups.forEach((group, i) => {
      if (!differs(group, before.skillGroups[i])) return;
      const id = state.skillGroupIds.get(group.name)!;
      tasks.push(pool.run(() => saveSkillGroup(c.cce, { peripheralId: 5000, name: group.name, description: group.description, serviceLevelThreshold: group.serviceLevelThreshold }, id)));
    });
    after.users.forEach((user, i) => {
      const was = before.users[i];
      const record = state.users.get(user.loginName)!;
      if (user.phone !== was.phone) {
        tasks.push(
          pool.run(async () => {
            const live = (await getUser(c.cce, record.idProgramUser))!;
            await updateUser(c.cce, { ...basicUserInfo(live), phone: user.phone, platformId: platformOf(live) }, false);
          }),
        );
      }
      for (const [name, value] of Object.entries(user.attributes)) {
        if (was.attributes[name] === value) continue;
        const attribute = state.attributes.find((a) => a.name === name)!;
        const agent = { skillTargetId: record.agentSkillTargetId!, idProgramUser: record.idProgramUser, loginNm: user.loginName, attributes: new Map() };
        tasks.push(pool.run(() => saveAttributeToAgent(c.cce, agent, attribute, String(value))));
      }
    });
    after.precisionQueues.forEach((queue, i) => {
      if (!differs(queue, before.precisionQueues[i])) return;
      const { id } = state.queues.get(queue.queueName)!;
      tasks.push(
        pool.run(async () => {
          const live = (await getPrecisionQueue(c.cce, id))!;
          await updatePrecisionQueue(c.cce, declaredQueue(live, queue, state.attributes));
        }),
      );
    });
    after.resourceUsers.forEach((user, i) => {
      if (!differs(user, before.resourceUsers[i])) return;
      const uniqId = state.resourceUsers.get(user.partyNumber)!;
      tasks.push(pool.run(() => c.oracle.request({ method: "PATCH", path: `resourceUsers/${encodeURIComponent(uniqId)}`, json: { LastName: user.lastName } })));
    });
    after.tempAllows.forEach((allow, i) => {
      if (!differs(allow, before.tempAllows[i])) return;
      tasks.push(pool.run(() => c.riskcc.provision(allow.customerId, { tempAllowType: allow.tempAllowType, expirationDate: allow.expirationDate }, "json")));
    });
    after.customerUsers.forEach((user, i) => {
      if (!differs(user, before.customerUsers[i])) return;
      const id = state.customerUsers.get(user.email)!;
      tasks.push(pool.run(() => c.ucportal.request({ method: "PATCH", path: `users/${encodeURIComponent(id)}`, json: { displayName: user.displayName } })));
    });
    await Promise.all(tasks);
  });
}

export function baselineDestroy(tenant: BenchTenant, state: BaselineState, env: Record<string, string>, parallel: number): Promise<void> {
  return baselineStep(env, parallel, async (c, pool) => {
    // Attributes go before their agents are disabled, as the engine deletes dependents first.
    await pool.all(attributeList(tenant), ({ user, name }) => {
      const record = state.users.get(user.loginName)!;
      const attribute = state.attributes.find((a) => a.name === name)!;
      return removeAttributeFromAgent(c.cce, { skillTargetId: record.agentSkillTargetId!, idProgramUser: record.idProgramUser, loginNm: user.loginName, attributes: new Map() }, attribute.id);
    });
    await Promise.all([
      pool.all(tenant.users, (user) => {
        const record = state.users.get(user.loginName)!;
        return setStatus(c.cce, "setUserStatus", record, false);
      }),
      pool.all([...state.queues.values()], async (queue) => {
        const live = (await getPrecisionQueue(c.cce, queue.id))!;
        await updatePrecisionQueue(c.cce, { ...queue.original, changeStamp: live.changeStamp });
      }),
      pool.all(tenant.resourceUsers, (user) =>
        c.oracle.request({
          method: "PATCH",
          path: `resourceUsers/${encodeURIComponent(state.resourceUsers.get(user.partyNumber)!)}`,
          json: { ResourceEndDate: new Date().toISOString().slice(0, 10) },
        }),
      ),
      pool.all(tenant.tempAllows, (allow) => c.riskcc.provision(allow.customerId, { tempAllowType: allow.tempAllowType, expirationDate: "2000-01-01T00:00:00Z" }, "json")),
      pool.all(tenant.customerUsers, (user) => c.ucportal.request({ method: "DELETE", path: `users/${encodeURIComponent(state.customerUsers.get(user.email)!)}`, accept: [404] })),
    ]);
  });
}
