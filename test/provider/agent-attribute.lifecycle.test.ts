/**
 * AgentAttribute's lifecycle functions against the emulator over HTTP, below the engine,
 * counting the portal calls of each path: an agent cloned by this process is written to by its
 * ids, an update and a delete use the state's ids, creates for other agents share one fresh
 * list of agents, and an agent already holding the value is still adopted without a write.
 */
import { cceDemoIds } from "../../emulator/cce/tenant";
import { check, create, remove, update } from "../../provider/cce/agent-attribute.lifecycle";
import { AgentAttributeInputs } from "../../provider/cce/agent-attribute";
import { check as checkUser, create as createUser } from "../../provider/cce/user.lifecycle";
import { useCceProviderHarness } from "../support/portal";
import { clearSharedReads } from "../../provider/core/shared-read";
import { withJumpingClock } from "../support/clock";

const ids = cceDemoIds;
const P = "POST /portal/services/protected/attributes";
const CALL = { agents: `${P}/getAllAgents`, save: `${P}/saveAttributesToAgent`, remove: `${P}/updateAgentAttributes` };

const cce = useCceProviderHarness();

async function inputs(news: Record<string, unknown>): Promise<AgentAttributeInputs> {
  const result = await check(cce.config as never, {}, news);
  expect(result.failures).toEqual([]);
  return result.inputs;
}

/** Clones an agent through CceUser, as the program does before its attributes. */
async function clonedAgent(n: number): Promise<number> {
  const checked = await checkUser(cce.config as never, {}, {
    loginName: `attr${n}@DEM`, template: "tmpl.agent@DEM", userType: "agent", firstName: `Attr${n}`, lastName: "Test", phone: `555100${n}`, agentId: `${7100 + n}`,
  });
  return Number((await createUser(cce.config as never, checked.inputs)).id);
}

/** The attributes an agent holds, by name, read with a raw call. */
async function held(loginNm: string): Promise<Record<string, string>> {
  const body = await cce.portal.call(cce.session, "protected/attributes/getAllAgents", { filterByUserType: ["A", "S"] });
  const agent = (body.agents as any[]).find((a) => a.loginNm === loginNm);
  return Object.fromEntries((agent?.attributes ?? []).map((a: any) => [a.attribute.name, a.attributeValue]));
}

const calls = async () => (await cce.control.calls()).byEndpoint;

test("an agent this process cloned is written to by its ids: no list of every agent", async () => {
  const agent = await clonedAgent(1);
  const declared = [await inputs({ agent, attribute: "Sales_Skill", value: 5 }), await inputs({ agent, attribute: "Spanish", value: true })];
  await cce.control.resetCalls();
  const [sales, spanish] = await Promise.all(declared.map((d) => create(cce.config as never, d)));
  // Sales_Skill 5 is inherited from the template: written again all the same, which changes nothing.
  expect(await calls()).toEqual({ [CALL.save]: 2 });
  expect(sales.id).toBe(`${agent}/${ids.attributes.Sales_Skill}`);
  expect(spanish.outs).toMatchObject({ agentIdProgramUser: agent, agentLoginName: "attr1@DEM", agentSkillTargetId: expect.any(Number), value: true });
  expect(await held("attr1@DEM")).toEqual({ Sales_Skill: "5", Spanish: "true" });
});

test("creates for other agents share one fresh list, and a value already held is adopted without a write", async () => {
  const declared = [
    await inputs({ agent: "alice@DEM", attribute: "Sales_Skill", value: 8 }), // held already
    await inputs({ agent: "alice@DEM", attribute: "Spanish", value: false }),
    await inputs({ agent: ids.users.bob, attribute: "Billing_Skill", value: 9 }),
  ];
  await cce.control.resetCalls();
  await Promise.all(declared.map((d) => create(cce.config as never, d)));
  expect(await calls()).toEqual({ [CALL.agents]: 1, [CALL.save]: 2 });
  expect(await held("alice@DEM")).toEqual({ Sales_Skill: "8", Spanish: "false" });
  expect(await held("bob@DEM")).toMatchObject({ Billing_Skill: "9" });
});

test("update addresses the agent by the state's ids; a delete reads the agents first, and one already gone succeeds", async () => {
  const declared = await inputs({ agent: "bob@DEM", attribute: "Billing_Skill", value: 4 });
  const { id, outs } = await create(cce.config as never, declared);
  await cce.control.resetCalls();

  // The same agent by its id instead of its login name: the state changes, nothing is called.
  const byId = await update(cce.config as never, id, outs, { ...declared, agent: ids.users.bob });
  expect(await calls()).toEqual({});
  expect(byId.outs).toMatchObject({ agent: ids.users.bob, value: 4 });

  const { outs: after } = await update(cce.config as never, id, outs, { ...declared, value: 6 });
  expect(await calls()).toEqual({ [CALL.save]: 1 });
  expect(after).toMatchObject({ value: 6, agentSkillTargetId: ids.agents.bob });
  expect((await held("bob@DEM")).Billing_Skill).toBe("6");

  // The removal reads the agents first: the agent must be the state's, and still hold it.
  await cce.control.resetCalls();
  await remove(cce.config as never, id, after);
  expect(await calls()).toEqual({ [CALL.agents]: 1, [CALL.remove]: 1 });
  expect(await held("bob@DEM")).not.toHaveProperty("Billing_Skill");

  // Removed already, while the shared list still shows it: the portal refuses the
  // removal, a list begun after the refusal says it is gone, and that is success.
  await cce.control.resetCalls();
  await remove(cce.config as never, id, after);
  expect(await calls()).toEqual({ [CALL.agents]: 1, [CALL.remove]: 1 });

  // Removed already, in a later run: the look at the agents says it is gone, and nothing is sent.
  clearSharedReads();
  await cce.control.resetCalls();
  await remove(cce.config as never, id, after);
  expect(await calls()).toEqual({ [CALL.agents]: 1 });

  // An id that now names another agent: refused, nothing removed.
  const again = await create(cce.config as never, declared);
  await cce.control.resetCalls();
  const refused = await remove(cce.config as never, again.id, { ...again.outs, agentLoginName: "someone@DEM" }).catch((error: Error) => error);
  expect((refused as Error).message).toBe(
    `agent ${ids.users.bob} is bob@DEM in the portal, not someone@DEM as the state says: its attribute was not removed. Run \`pulumi refresh\` and check which agent this is`,
  );
  expect(await calls()).toEqual({ [CALL.agents]: 1 });
  expect((await held("bob@DEM")).Billing_Skill).toBe("4");
});

test("an agent cloned here and deleted by hand since is looked up afresh, and not found", async () => {
  const agent = await clonedAgent(1);
  expect((await cce.portal.call(cce.session, "protected/users/deleteUser", { searchId: agent })).codeMessage).toBe("DELETE_USER_SUCCESS");
  const error = await create(cce.config as never, await inputs({ agent, attribute: "Sales_Skill", value: 3 })).catch((e) => e);
  expect(error.name).toBe("NotFoundError");
  expect(error.message).toContain(`Agent ${agent} was not found among the tenant's agents and supervisors (getAllAgents)`);
});

test("the removals of a slow destroy, seconds apart, share a list until it has served ten; a list 30 s old is read again", async () => {
  // GIVEN 12 attributes on four agents, removed one at a time 2.5 s apart, as the engine hands
  // over the deletes of one large stack (the clock jumps; the calls are real)
  const declared: Awaited<ReturnType<typeof create>>[] = [];
  for (const n of [1, 2, 3, 4]) {
    const agent = await clonedAgent(n);
    for (const attribute of ["Sales_Skill", "Spanish", "Billing_Skill"]) {
      declared.push(await create(cce.config as never, await inputs({ agent, attribute, value: attribute === "Spanish" ? true : 3 })));
    }
  }
  await withJumpingClock(async (jump) => {
    clearSharedReads();
    await cce.control.resetCalls();
    // WHEN each is removed 2.5 s after the last
    for (const { id, outs } of declared) {
      await remove(cce.config as never, id, outs);
      jump(2_500);
    }
    // THEN the first list serves ten removals (25 s), the eleventh begins another: 2 lists, not 12
    expect(await calls()).toEqual({ [CALL.agents]: 2, [CALL.remove]: 12 });
    for (const n of [1, 2, 3, 4]) expect(await held(`attr${n}@DEM`)).toEqual({});

    // A removal 31 s after the last list began does not read that list: it is read again.
    const again = await create(cce.config as never, await inputs({ agent: "bob@DEM", attribute: "Billing_Skill", value: 2 }));
    jump(31_000);
    await cce.control.resetCalls();
    await remove(cce.config as never, again.id, again.outs);
    expect(await calls()).toEqual({ [CALL.agents]: 1, [CALL.remove]: 1 });
  });
});
