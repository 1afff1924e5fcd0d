/**
 * CustomerUser through the real Pulumi CLI against the UC portal emulator: convergence, licence
 * changes visible in the plan, drift made by hand found by refresh, the server's automatic roles
 * (no diff after them), the last-administrator guard, two tenants that never see each other's
 * users, and the token never in the state.
 */
import { ucportalDemoTenants, ucportalDemoTokens, ucportalDemoUsers } from "../../emulator";
import { UcPortalApi } from "../support/ucportal";
import { createTestStack, expectConverged, expectNotWrittenInPlaintext, plannedSteps, recordEvents, TestStack, ucportalConfig, useCceEmulator, ALLOW_IRREVERSIBLE_DELETION } from "./harness";

const TYPES = /ucportal:CustomerUser$/;
type Tenant = "acme" | "globex";

// One emulator serves every vendor; its hooks reset every tenant before each test.
const emulator = useCceEmulator();

const configOf = (users: Record<string, object>, tenant: Tenant = "acme") => ({
  ...ucportalConfig(emulator.url, ucportalDemoTenants[tenant], ucportalDemoTokens[tenant]),
  // These tests delete customer users (destroy, the last-administrator guard): allowed.
  ...ALLOW_IRREVERSIBLE_DELETION,
  users: { value: JSON.stringify(users) },
});
const stackDeclaring = (users: Record<string, object>, tenant: Tenant = "acme") => createTestStack("customer-users", configOf(users, tenant));
const redeclare = (t: TestStack, users: Record<string, object>, tenant: Tenant = "acme") => t.stack.setAllConfig(configOf(users, tenant));

const portal = (tenant: Tenant = "acme") => new UcPortalApi(emulator.url, { tenant: ucportalDemoTenants[tenant] });
const byEmail = (email: string, tenant: Tenant = "acme") => portal(tenant).findByEmail(email);
const sortedRoles = (user: { roles: string[] }) => [...user.roles].sort();
const writes = async () => Object.keys((await emulator.control.calls()).byEndpoint).filter((k) => !k.startsWith("GET"));

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: Error) => e,
  );

const dana = (roles: string[] = ["customer.user", "customer.settings"], change: object = {}) => ({
  displayName: "Dana Reyes",
  email: "dana.reyes@acme.example",
  roles,
  ...change,
});

test("create, converge, licence changes named in the plan, permission changes not, the token never in the state, destroy deletes", async () => {
  // The e-mail flag stays in the program, as it would: it acts at creation only.
  const invited = (roles?: string[]) => dana(roles, { sendActivationEmail: true });
  const t = await stackDeclaring({ dana: invited() });
  try {
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 2 }); // the stack and Dana
    const created = await byEmail("dana.reyes@acme.example");
    expect(sortedRoles(created)).toEqual(["customer.settings", "customer.user"]);
    expect(up.outputs.users.value.dana).toMatchObject({ userId: created.id, roles: ["customer.settings", "customer.user"], serverAssignedRoles: [], licenceChanges: "none" });
    await expectConverged(t);
    const state = t.stateText();
    expect(state).toContain(created.id);
    expectNotWrittenInPlaintext(t, [ucportalDemoTokens.acme]);

    // WHEN a supervisor licence is added THEN the plan lists licenceChanges and says which licence.
    await redeclare(t, { dana: invited(["customer.user", "customer.settings", "customer.user.supervisorl2"]) });
    const planned = recordEvents();
    const preview = await t.stack.preview({ onEvent: planned.onEvent, diff: true });
    expect(plannedSteps(planned.events, TYPES)).toEqual([["update", "dana", ["licenceChanges", "roles"]]]);
    expect(preview.stdout).toContain("adds customer.user.supervisorl2 (Analytics Supervisor)");
    await t.stack.up();
    expect(sortedRoles(await byEmail("dana.reyes@acme.example"))).toEqual(["customer.settings", "customer.user", "customer.user.supervisorl2"]);
    await expectConverged(t);

    // WHEN only a permission changes THEN licenceChanges is not in the plan.
    await redeclare(t, { dana: invited(["customer.user", "customer.user.supervisorl2"]) });
    const permission = recordEvents();
    await t.stack.preview({ onEvent: permission.onEvent });
    expect(plannedSteps(permission.events, TYPES)).toEqual([["update", "dana", ["roles"]]]);
    await t.stack.up();
    await expectConverged(t);

    // WHEN destroyed THEN the user is deleted.
    await t.stack.destroy();
    expect((await portal().getUser(created.id)).status).toBe(404);
  } finally {
    await t.cleanup();
  }
});

test("a change made by hand (PATCH) is found by refresh and put back by up", async () => {
  const t = await stackDeclaring({ dana: dana() });
  try {
    await t.stack.up();
    const user = await byEmail("dana.reyes@acme.example");
    const byHand = await portal().patchUser(user.id, { displayName: "D. Reyes", roles: ["customer.user", "customer.user.supervisorl1"] });
    expect(byHand.status).toBe(200);

    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
    const restore = recordEvents();
    const preview = await t.stack.preview({ onEvent: restore.onEvent, diff: true });
    expect(plannedSteps(restore.events, TYPES)).toEqual([["update", "dana", ["displayName", "licenceChanges", "roles"]]]);
    expect(preview.stdout).toContain("removes customer.user.supervisorl1 (Reporting Supervisor)");
    await t.stack.up();
    const after = await byEmail("dana.reyes@acme.example");
    expect(after.displayName).toBe("Dana Reyes");
    expect(sortedRoles(after)).toEqual(["customer.settings", "customer.user"]);
    await expectConverged(t);
  } finally {
    await t.cleanup();
  }
});

test("the server's automatic roles (pbx at creation, realtime after the first l3 supervisor) never cause a diff", async () => {
  const carol = { displayName: "Carol Diaz", email: "carol.diaz@acme.example", roles: ["customer.user", "customer.user.pbx", "customer.user.supervisorl2"], adopt: true };
  const dave = (roles: string[]) => ({ displayName: "Dave Evans", email: "dave.evans@acme.example", roles });
  const t = await stackDeclaring({ carol, dave: dave(["customer.user"]) });
  try {
    const up = await t.stack.up();
    // Dave is on the phone system: the portal gave him customer.user.pbx.
    expect(up.outputs.users.value.dave.serverAssignedRoles).toEqual(["customer.user.pbx"]);
    await expectConverged(t);

    // WHEN Dave becomes the tenant's first l3 supervisor THEN the portal adds realtime to every PBX user.
    await redeclare(t, { carol, dave: dave(["customer.user", "customer.user.supervisorl3"]) });
    const promoted = await t.stack.up();
    expect(promoted.outputs.users.value.dave.serverAssignedRoles).toEqual(["customer.user.pbx", "customer.user.pbx.realtime"]);
    expect((await byEmail("carol.diaz@acme.example")).roles).toContain("customer.user.pbx.realtime");
    // AND nothing drifts: not Dave, not Carol, whose realtime came from someone else's change.
    await expectConverged(t);
    const again = await t.stack.up({ refresh: true });
    expect(again.summary.resourceChanges).toEqual({ same: 3 });
    expect(again.outputs.users.value.carol.serverAssignedRoles).toEqual(["customer.user.pbx.realtime"]);
  } finally {
    await t.cleanup();
  }
});

test("the last user administrator: a demotion fails the preview and the up, a delete fails the up, and nothing changes", async () => {
  const admin = ["customer.user", "customer.settings", "user.admin"];
  const alice = (roles: string[]) => ({ displayName: "Alice Martin", email: "alice.martin@acme.example", roles, adopt: true });
  const t = await stackDeclaring({ alice: alice(admin) });
  const message = `customer user alice.martin@acme.example (${ucportalDemoUsers.alice.id}) is the only user administrator of customer tenant cust-acme`;
  try {
    await t.stack.up();
    await redeclare(t, { alice: alice(["customer.user", "customer.settings"]) });
    await emulator.control.resetCalls();
    const preview = await failureOf(t.stack.preview());
    expect(preview?.message).toContain(message);
    expect(preview?.message).toContain('removing user.admin would leave the tenant without one ("There must be at least one user administrator"). Nothing was changed.');
    const up = await failureOf(t.stack.up());
    expect(up?.message).toContain(message);
    expect(await writes()).toEqual([]);

    // Removing the resource would DELETE the user: refused too, before the DELETE.
    await redeclare(t, {});
    const removal = await failureOf(t.stack.up());
    expect(removal?.message).toContain(`${message} (it holds user.admin and customer.user): deleting it would leave the tenant without one`);
    expect(await writes()).toEqual([]);
    expect(sortedRoles(await byEmail("alice.martin@acme.example"))).toEqual(["customer.settings", "customer.user", "user.admin"]);
  } finally {
    await t.cleanup();
  }
});

test("two tenants, two stacks: the same e-mail in each, neither sees the other's users", async () => {
  const declaration = { dana: dana(["customer.user"]) };
  const acme = await stackDeclaring(declaration, "acme");
  const globex = await stackDeclaring(declaration, "globex");
  try {
    const [a, g] = [await acme.stack.up(), await globex.stack.up()];
    const [acmeId, globexId] = [a.outputs.users.value.dana.userId, g.outputs.users.value.dana.userId];
    expect(acmeId).not.toBe(globexId);
    const ids = async (tenant: Tenant) => ((await portal(tenant).listUsers()).body.items as { id: string }[]).map((u) => u.id);
    expect(await ids("acme")).toContain(acmeId);
    expect(await ids("acme")).not.toContain(globexId);
    expect(await ids("globex")).toContain(globexId);
    expect(await ids("globex")).not.toContain(acmeId);
    await expectConverged(acme);
    await expectConverged(globex);
    expectNotWrittenInPlaintext(acme, [ucportalDemoTokens.acme]);
    expectNotWrittenInPlaintext(globex, [ucportalDemoTokens.globex]);
    // Destroying one tenant's stack leaves the other's user alone.
    await acme.stack.destroy();
    expect(await ids("acme")).not.toContain(acmeId);
    expect(await ids("globex")).toContain(globexId);
  } finally {
    await acme.cleanup();
    await globex.cleanup();
  }
});
