/**
 * A tenant split over several stacks by hand, the pattern docs/large-tenants.md gives
 * TypeScript users: skill groups in one stack, users in others, referring to the groups by name
 * only (the provider resolves names), applied groups first. Each stack converges on its own,
 * and a user moved from one stack to another (the new stack adopts it, the old one lets it go
 * with `deletionPolicy: "retain"`) is never deleted or recreated in the portal.
 */
import { addStack, createTestStack, expectConverged, plannedSteps, recordEvents, type TestStack, useCceEmulator } from "./harness";

const cce = useCceEmulator();

const GROUPS = {
  sales: { peripheral: "CUCM_PG_1", name: "Split_Sales", description: "Sales" },
  billing: { peripheral: "CUCM_PG_1", name: "Split_Billing", description: "Billing" },
};
const agent = (loginName: string, agentId: string, skillGroups: string[], extra: object = {}) => ({
  loginName,
  template: "tmpl.agent@DEM",
  userType: "agent",
  firstName: `Split${agentId}`,
  lastName: "Agent",
  phone: `555${agentId}`,
  agentId,
  skillGroups,
  deletionPolicy: "delete",
  ...extra,
});
const configOf = (declared: { groups?: object; users?: object }) => ({
  ...cce.config(),
  groups: { value: JSON.stringify(declared.groups ?? {}) },
  users: { value: JSON.stringify(declared.users ?? {}) },
  agentPassword: { value: "Split-Stacks-2026!", secret: true },
});

const writesSince = async (seq: number) => (await cce.control.journal()).filter((call) => call.seq > seq && call.write).map((call) => call.path.split("/").pop());
const lastSeq = async () => (await cce.control.journal()).at(-1)?.seq ?? 0;
const groupId = async (name: string) => (await cce.portal.skillGroupsNamed(cce.session, name))[0].skillTargetId;

test("groups in one stack, users in two others by name: each converges alone, and a user moved between stacks is never deleted or recreated", async () => {
  const groups = await createTestStack("split", configOf({ groups: GROUPS }), { stackName: "groups" });
  const ada = agent("split.ada@DEM", "4301", ["Split_Sales"]);
  const bo = agent("split.bo@DEM", "4302", ["Split_Sales", "Split_Billing"]);
  const usersA = await addStack(groups, "users-a", configOf({ users: { ada, bo } }));
  const usersB = await addStack(groups, "users-b", configOf({ users: {} }));
  try {
    // The vendor's order: the groups' stack first, then the users' stacks (in any order, or at once).
    await groups.stack.up();
    await Promise.all([usersA.stack.up(), usersB.stack.up()]);
    for (const t of [groups, usersA, usersB]) await expectConverged(t);
    const boBefore = await cce.portal.userNamed(cce.session, "split.bo@DEM");
    expect(await cce.portal.assignedSkills(cce.session, boBefore.idProgramUser)).toEqual([await groupId("Split_Sales"), await groupId("Split_Billing")].sort((a, b) => a - b));

    // Moving bo from users-a to users-b. 1: the old stack lets go of it on removal; a plan of one
    // stored input, and no call to the portal.
    const beforeRetain = await lastSeq();
    await usersA.stack.setConfig("users", { value: JSON.stringify({ ada, bo: { ...bo, deletionPolicy: "retain" } }) });
    await expectOnly(usersA, [["update", "bo", ["deletionPolicy"]]]);
    await usersA.stack.up();
    expect(await writesSince(beforeRetain)).toEqual([]);

    // 2: the new stack adopts it.
    await usersB.stack.setConfig("users", { value: JSON.stringify({ bo: { ...bo, adopt: true } }) });
    const adopted = await usersB.stack.up();
    expect(adopted.summary.resourceChanges).toMatchObject({ create: 1 });
    // 3: the old stack forgets it; the delete retains.
    await usersA.stack.setConfig("users", { value: JSON.stringify({ ada }) });
    const removed = await usersA.stack.up();
    expect(removed.summary.resourceChanges).toMatchObject({ delete: 1 });

    // The portal never saw bo deleted or created again: the same user, enabled, in the same groups.
    const boAfter = await cce.portal.userNamed(cce.session, "split.bo@DEM");
    expect(boBefore).toMatchObject({ status: true, icmStatus: true });
    expect(boAfter).toMatchObject({ idProgramUser: boBefore.idProgramUser, idUser: boBefore.idUser, status: true, icmStatus: true });
    expect(await cce.portal.assignedSkills(cce.session, boAfter.idProgramUser)).toEqual(await cce.portal.assignedSkills(cce.session, boBefore.idProgramUser));
    // Nor any other write but the adoption's password: the portal cannot say which password a
    // user has, so adopting sets the declared one (here the same). The rest was bookkeeping.
    expect(await writesSince(beforeRetain)).toEqual(["resetPassword"]);
    expect(await cce.control.verifyPassword("split.bo@DEM", "Split-Stacks-2026!")).toBe(true);
    for (const t of [groups, usersA, usersB]) await expectConverged(t);
    expect(await heldUsers(usersA)).toEqual(["ada"]);
    expect(await heldUsers(usersB)).toEqual(["bo"]);
  } finally {
    await groups.cleanup();
  }
});

/** The stack's preview plans exactly `steps` for its users and groups. */
async function expectOnly(t: TestStack, steps: unknown[]) {
  const planned = recordEvents();
  await t.stack.preview({ onEvent: planned.onEvent });
  expect(plannedSteps(planned.events, /cce:(User|SkillGroup)$/)).toEqual(steps);
}

async function heldUsers(t: TestStack): Promise<string[]> {
  const resources = ((await t.stack.exportStack()).deployment.resources ?? []) as { type: string; urn: string }[];
  return resources.filter((r) => r.type.endsWith("cce:User")).map((r) => r.urn.split("::").pop()!);
}
