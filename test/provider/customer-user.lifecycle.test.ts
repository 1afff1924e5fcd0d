/**
 * CustomerUser's lifecycle functions against the UC portal emulator over HTTP, below the engine:
 * create with e-mails and devices, read and drift, PATCH of what changed, the automatic roles
 * (never drift), the last-administrator guard, adoption by e-mail, a lost POST answer, tenants.
 */
import { clearSharedReads } from "../../provider/core/shared-read";
import { withJumpingClock } from "../support/clock";
import { ucportalDemoTenants, ucportalDemoTokens, ucportalDemoUsers } from "../../emulator";
import { check, create, read, remove, update } from "../../provider/ucportal/customer-user.lifecycle";
import { CustomerUserInputs, CustomerUserOutputs } from "../../provider/ucportal/customer-user";
import { useUcPortalEmulator } from "../support/ucportal";

const emulator = useUcPortalEmulator();

function configFor(tenant: "acme" | "globex", token: string = ucportalDemoTokens[tenant]) {
  const values: Record<string, string> = { "ucportal:url": emulator.api.portalUrl, "ucportal:token": token, "ucportal:customerId": ucportalDemoTenants[tenant] };
  return { get: (key: string) => values[key] };
}
const acme = () => configFor("acme");

/** Inputs as check() makes them from what a program declares (against the state's inputs `olds`). */
async function declared(args: Record<string, unknown>, olds: object = {}, config = acme()): Promise<CustomerUserInputs> {
  const result = await check(config, olds, args);
  expect(result.failures).toEqual([]);
  return result.inputs as CustomerUserInputs;
}

const live = async (id: string, api = emulator.api) => (await api.getUser(id)).body;
const rolesOf = async (id: string, api = emulator.api) => [...(await live(id, api)).roles].sort();

const dave = { displayName: "Dave Evans", email: "dave.evans@acme.example" }; // in acme's PBX directory
const dana = { displayName: "Dana Reyes", email: "dana.reyes@acme.example" }; // not on the phone system

type ReadResult = { id: string; props: CustomerUserOutputs; inputs: CustomerUserInputs };

test("create with devices and both e-mails, then read returns the declaration: no drift", async () => {
  const roles = ["customer.user.uc.softphone", "customer.user", "customer.user.uc"];
  const inputs = await declared({ ...dana, roles, devices: ["acme-sp-202"], sendActivationEmail: true, sendWelcomeEmail: true });
  const { id, outs } = await create(acme(), inputs);
  expect(outs).toMatchObject({
    userId: id,
    roles: ["customer.user", "customer.user.uc", "customer.user.uc.softphone"],
    serverAssignedRoles: [],
    assignedDevices: ["acme-sp-202"],
    effectivePrimaryTenant: "cust-acme",
    isParent: false,
    adopted: false,
    activationEmailSent: true,
    welcomeEmailSent: true,
    licenceChanges: "none",
  });
  expect(await live(id)).toMatchObject({ displayName: "Dana Reyes", devices: ["acme-sp-202"] });
  expect((await emulator.sentEmails()).map((e) => [e.userId, e.type])).toEqual([[id, "activation"], [id, "uc-welcome"]]);

  const refreshed = (await read(acme(), id, outs)) as ReadResult;
  expect(refreshed.id).toBe(id);
  expect(refreshed.inputs).toEqual(inputs);
});

test("a PBX user gets customer.user.pbx from the server: reported as server-assigned, never drift, kept by updates", async () => {
  const inputs = await declared({ ...dave, roles: ["customer.user"] });
  const { id, outs } = await create(acme(), inputs);
  expect(outs.liveRoles).toEqual(["customer.user", "customer.user.pbx"]);
  expect(outs.serverAssignedRoles).toEqual(["customer.user.pbx"]);
  const refreshed = (await read(acme(), id, outs)) as ReadResult;
  expect(refreshed.inputs.roles).toEqual(["customer.user"]);

  const news = await declared({ ...dave, roles: ["customer.user", "customer.settings"] }, inputs);
  const { outs: after } = await update(acme(), id, outs, news);
  expect(await rolesOf(id)).toEqual(["customer.settings", "customer.user", "customer.user.pbx"]);
  expect(after.serverAssignedRoles).toEqual(["customer.user.pbx"]);
});

test("the tenant's first supervisor l3 makes the server add realtime to every PBX user: no drift on any of them", async () => {
  const daveInputs = await declared({ ...dave, roles: ["customer.user"] });
  const daveUser = await create(acme(), daveInputs);
  // Carol is a seeded PBX user; adopt her as she is.
  const carolInputs = await declared({ displayName: "Carol Diaz", email: "carol.diaz@acme.example", roles: ["customer.user", "customer.user.pbx", "customer.user.supervisorl2"], adopt: true });
  const carol = await create(acme(), carolInputs);
  expect(carol.id).toBe(ucportalDemoUsers.carol.id);

  // WHEN Dave becomes the tenant's first l3 supervisor
  const promoted = await declared({ ...dave, roles: ["customer.user", "customer.user.supervisorl3"] }, daveInputs);
  expect(promoted.licenceChanges).toBe("adds customer.user.supervisorl3 (Live Analytics Supervisor)");
  const { outs: daveAfter } = await update(acme(), daveUser.id, daveUser.outs, promoted);
  // THEN both PBX users hold realtime, and neither reads back as drift.
  expect(daveAfter.serverAssignedRoles).toEqual(["customer.user.pbx", "customer.user.pbx.realtime"]);
  expect(await rolesOf(carol.id)).toContain("customer.user.pbx.realtime");
  const daveRead = (await read(acme(), daveUser.id, daveAfter)) as ReadResult;
  expect(daveRead.inputs).toEqual(promoted);
  const carolRead = (await read(acme(), carol.id, carol.outs)) as ReadResult;
  expect(carolRead.inputs.roles).toEqual(carolInputs.roles);
  expect(carolRead.props.serverAssignedRoles).toEqual(["customer.user.pbx.realtime"]);

  // An update of Carol keeps the server's realtime (its prerequisite pbx stays declared).
  const { outs: carolAfter } = await update(acme(), carol.id, carolRead.props, await declared({ ...carolInputs, displayName: "Carol D." }, carolRead.inputs));
  expect(carolAfter.liveRoles).toContain("customer.user.pbx.realtime");
});

test("read reports roles added and removed by hand as drift, and a deleted user as gone", async () => {
  const inputs = await declared({ ...dana, roles: ["customer.user", "customer.settings"] });
  const { id, outs } = await create(acme(), inputs);
  await emulator.api.patchUser(id, { roles: ["customer.user", "customer.user.supervisorl1"], displayName: "D. Reyes" });
  const drifted = (await read(acme(), id, outs)) as ReadResult;
  expect(drifted.inputs).toMatchObject({ displayName: "D. Reyes", roles: ["customer.user", "customer.user.supervisorl1"] });
  // The plan that puts it back shows the licence it takes away.
  const back = await declared({ ...dana, roles: ["customer.user", "customer.settings"] }, drifted.inputs);
  expect(back.licenceChanges).toBe("removes customer.user.supervisorl1 (Reporting Supervisor)");
  await update(acme(), id, drifted.props, back);
  expect(await live(id)).toMatchObject({ displayName: "Dana Reyes" });
  expect(await rolesOf(id)).toEqual(["customer.settings", "customer.user"]);

  await emulator.api.deleteUser(id);
  clearSharedReads(); // the next refresh: a new run reads afresh
  expect(await read(acme(), id, outs)).toEqual({ id: "" });
});

test("update PATCHes only when something differs, and devices through their own PUT", async () => {
  const roles = ["customer.user", "customer.user.uc", "customer.user.uc.softphone"];
  const inputs = await declared({ ...dana, roles, devices: [] });
  const { id, outs } = await create(acme(), inputs);
  await emulator.control.resetCalls();
  const { outs: after } = await update(acme(), id, outs, await declared({ ...dana, roles, devices: ["acme-sp-203", "acme-sp-202"] }, inputs));
  const calls = (await emulator.control.calls()).byEndpoint;
  expect(Object.keys(calls).filter((k) => !k.startsWith("GET"))).toEqual([`PUT /ucportal/v1/customers/cust-acme/users/${id}/devices`]);
  expect(after.assignedDevices).toEqual(["acme-sp-202", "acme-sp-203"]);
});

test("the last user administrator: a demotion is refused in check() and in update(), a delete in remove(), before any write", async () => {
  const admin = ["customer.settings", "customer.user", "user.admin"];
  const aliceInputs = await declared({ displayName: "Alice Martin", email: "alice.martin@acme.example", roles: admin, adopt: true });
  const alice = await create(acme(), aliceInputs);
  expect(alice.outs.adopted).toBe(true);
  const message =
    `customer user alice.martin@acme.example (${ucportalDemoUsers.alice.id}) is the only user administrator of customer tenant cust-acme ` +
    `(it holds user.admin and customer.user): removing user.admin would leave the tenant without one ("There must be at least one user administrator"). Nothing was changed.`;

  const demoted = await check(acme(), aliceInputs, { displayName: "Alice Martin", email: "alice.martin@acme.example", roles: ["customer.user", "customer.settings"], adopt: true });
  expect(demoted.failures).toEqual([{ property: "roles", reason: expect.stringContaining(message) }]);

  await emulator.control.resetCalls();
  const news = { ...aliceInputs, roles: ["customer.settings", "customer.user"] };
  await expect(update(acme(), alice.id, alice.outs, news)).rejects.toThrow(message);
  await expect(remove(acme(), alice.id, alice.outs)).rejects.toThrow("deleting it would leave the tenant without one");
  const writes = Object.keys((await emulator.control.calls()).byEndpoint).filter((k) => !k.startsWith("GET"));
  expect(writes).toEqual([]);
  expect(await rolesOf(alice.id)).toEqual(admin);

  // With another administrator, both go through.
  const dana2 = await create(acme(), await declared({ ...dana, roles: ["customer.user", "user.admin"] }));
  expect((await check(acme(), aliceInputs, { ...news })).failures).toEqual([]);
  await update(acme(), alice.id, alice.outs, news);
  expect(await rolesOf(alice.id)).toEqual(["customer.settings", "customer.user"]);
  await expect(remove(acme(), dana2.id, dana2.outs)).rejects.toThrow("is the only user administrator");
});

test("without adopt, an existing e-mail is refused with a hint; a parent user cannot be adopted", async () => {
  await expect(create(acme(), await declared({ displayName: "Bob", email: "BOB.CHEN@acme.example", roles: ["customer.user"] }))).rejects.toThrow(
    "customer tenant cust-acme already has a user with e-mail BOB.CHEN@acme.example (HTTP 409 EMAIL_IN_USE). Set `adopt: true` to take that user over, or declare another e-mail.",
  );
  await expect(
    create(acme(), await declared({ displayName: "Northwind", email: "support@northwind-reseller.example", roles: ["customer.user"], adopt: true })),
  ).rejects.toThrow("is configured at the reseller level (isParent, primary tenant reseller-northwind)");
});

test("adoption keeps the server's pbx licence and PATCHes only what differs", async () => {
  // Bob holds pbx, acd, customer.user, uc, softphone and device 201; the declaration drops softphone.
  await emulator.control.resetCalls();
  const inputs = await declared({ displayName: "Bob Chen", email: "bob.chen@acme.example", roles: ["customer.user", "customer.user.acd", "customer.user.pbx", "customer.user.uc"], adopt: true });
  const { id, outs } = await create(acme(), inputs);
  expect(id).toBe(ucportalDemoUsers.bob.id);
  const writes = Object.entries((await emulator.control.calls()).byEndpoint).filter(([k]) => !k.startsWith("GET"));
  expect(writes).toEqual([[`PATCH /ucportal/v1/customers/cust-acme/users/${id}`, 1]]);
  expect(outs.liveRoles).toEqual(["customer.user", "customer.user.acd", "customer.user.pbx", "customer.user.uc"]);
  expect(outs.assignedDevices).toEqual([]); // the portal frees softphones with the role
  expect((await emulator.sentEmails())).toEqual([]);
});

test("a POST whose answer is lost after the commit is found by e-mail, never posted twice", async () => {
  await emulator.control.fault({ endpoint: "users", kind: "drop-response", count: 1 });
  await emulator.control.resetCalls();
  const { id } = await create(acme(), await declared({ ...dana, roles: ["customer.user"] }));
  expect((await emulator.control.calls()).byEndpoint["POST /ucportal/v1/customers/cust-acme/users"]).toBe(1);
  expect((await emulator.api.listUsers({ email: dana.email })).body.items.map((u: { id: string }) => u.id)).toEqual([id]);
});

test("two tenants never see each other's users; the token never appears in an error", async () => {
  const { id } = await create(acme(), await declared({ ...dana, roles: ["customer.user"] }));
  const globex = configFor("globex");
  expect(await read(globex, id, {} as CustomerUserOutputs)).toEqual({ id: "" });
  // The same e-mail is free in the other tenant.
  const other = await create(globex, await declared({ ...dana, email: dana.email, roles: ["customer.user"] }, {}, globex));
  expect(other.id).not.toBe(id);
  expect((await emulator.api.with({ tenant: "cust-globex" }).listUsers()).body.items.map((u: { id: string }) => u.id)).not.toContain(id);

  // acme's token on globex's tenant: refused, and the token is not in the message.
  const crossed = configFor("globex", ucportalDemoTokens.acme);
  const error = await create(crossed, await declared({ ...dana, roles: ["customer.user"] }, {}, crossed)).catch((e: Error) => e);
  expect(String(error)).toContain("UC portal POST users failed: HTTP 403 FORBIDDEN: the token does not belong to this customer tenant");
  const wrong = configFor("acme", "ucp-wrong-token-123456");
  const unauthorized = await read(wrong, id, {} as CustomerUserOutputs).catch((e: Error) => e);
  expect(String(unauthorized)).toContain("HTTP 401 UNAUTHORIZED");
  expect(String(unauthorized)).not.toContain("ucp-wrong-token-123456");
});

test('deletionPolicy "retain": destroy sends nothing and the user stays; switching to it touches only the state', async () => {
  // GIVEN a user created with the default policy, then declared "retain"
  const inputs = await declared({ ...dana, roles: ["customer.user"] });
  expect(inputs.deletionPolicy).toBe("delete");
  const { id, outs } = await create(acme(), inputs);
  await emulator.control.resetCalls();
  const { outs: retained } = await update(acme(), id, outs, await declared({ ...dana, roles: ["customer.user"], deletionPolicy: "retain" }, inputs));
  expect(retained).toEqual({ ...outs, deletionPolicy: "retain" });

  // WHEN the resource is destroyed
  await remove(acme(), id, retained);

  // THEN not a single call reached the portal (not even a read), and the user is still there.
  expect((await emulator.control.calls()).total).toBe(0);
  expect(await live(id)).toMatchObject({ id, email: dana.email });
  // A refresh keeps the policy, so the next destroy still retains.
  expect(((await read(acme(), id, retained)) as ReadResult).inputs.deletionPolicy).toBe("retain");
});

test('deletionPolicy "retain" lets go of even the last user administrator; "delete" still refuses it', async () => {
  const admin = ["customer.settings", "customer.user", "user.admin"];
  const alice = await create(acme(), await declared({ displayName: "Alice Martin", email: "alice.martin@acme.example", roles: admin, adopt: true, deletionPolicy: "retain" }));
  await expect(remove(acme(), alice.id, { ...alice.outs, deletionPolicy: "delete" })).rejects.toThrow('set `deletionPolicy: "retain"` and run `pulumi up` first');
  await emulator.control.resetCalls();
  await remove(acme(), alice.id, alice.outs);
  expect((await emulator.control.calls()).total).toBe(0);
  expect(await rolesOf(alice.id)).toEqual(admin);
});

test("a change of plain fields is one PATCH without a read; a delete of a non-administrator is one list read and one DELETE", async () => {
  const roles = ["customer.user"];
  const inputs = await declared({ ...dana, roles });
  const { id, outs } = await create(acme(), inputs);
  await emulator.control.resetCalls();
  const { outs: after } = await update(acme(), id, outs, await declared({ ...dana, displayName: "Dana R.", roles }, inputs));
  expect((await emulator.control.calls()).byEndpoint).toEqual({ [`PATCH /ucportal/v1/customers/cust-acme/users/${id}`]: 1 });
  expect(after).toMatchObject({ displayName: "Dana R.", liveRoles: roles, serverAssignedRoles: [] });
  expect(await live(id)).toMatchObject({ displayName: "Dana R.", roles });

  await emulator.control.resetCalls();
  await remove(acme(), id, after);
  // The delete cannot be undone: the user is read first (in a list begun after the delete was
  // asked for), to check it is the one the state names.
  expect((await emulator.control.calls()).byEndpoint).toEqual({
    "GET /ucportal/v1/customers/cust-acme/users": 1,
    [`DELETE /ucportal/v1/customers/cust-acme/users/${id}`]: 1,
  });
  expect((await emulator.api.getUser(id)).status).toBe(404);
});

test("the deletes of a destroy share one list; a user the list lacks is read alone before it counts as gone", async () => {
  const roles = ["customer.user"];
  const users = [];
  for (const name of ["erin", "frank", "gina"]) users.push(await create(acme(), await declared({ displayName: name, email: `${name}@acme.example`, roles })));
  await emulator.control.resetCalls();
  await Promise.all(users.map(({ id, outs }) => remove(acme(), id, outs)));
  const byEndpoint = (await emulator.control.calls()).byEndpoint;
  expect(byEndpoint).toEqual({
    "GET /ucportal/v1/customers/cust-acme/users": 1,
    ...Object.fromEntries(users.map(({ id }) => [`DELETE /ucportal/v1/customers/cust-acme/users/${id}`, 1])),
  });
  for (const { id } of users) expect((await emulator.api.getUser(id)).status).toBe(404);

  // Gone already, in a later run (no shared list): the list lacks it, so it is read alone (404),
  // and nothing is deleted.
  clearSharedReads();
  await emulator.control.resetCalls();
  await remove(acme(), users[0].id, users[0].outs);
  expect((await emulator.control.calls()).byEndpoint).toEqual({
    "GET /ucportal/v1/customers/cust-acme/users": 1,
    [`GET /ucportal/v1/customers/cust-acme/users/${users[0].id}`]: 1,
  });
});

test("a user made the last administrator by hand since the state was written: the portal's refusal of the delete is explained", async () => {
  const { id, outs } = await create(acme(), await declared({ ...dana, roles: ["customer.user"] }));
  // By hand: Dana becomes an administrator, then Alice stops being one.
  expect((await emulator.api.patchUser(id, { roles: ["customer.user", "user.admin"] })).status).toBe(200);
  expect((await emulator.api.patchUser(ucportalDemoUsers.alice.id, { roles: ["customer.user", "customer.settings"] })).status).toBe(200);
  const error = await remove(acme(), id, outs).catch((e) => e);
  expect(error.message).toContain(`customer user ${dana.email} (${id}) is the only user administrator of customer tenant cust-acme`);
  expect(error.message).toContain("Nothing was changed.");
  expect((await emulator.api.getUser(id)).status).toBe(200);
});

test.each([
  ["a display name alone (the state's single PATCH)", { displayName: "Dana Reyes-Diaz" }],
  ["a display name and roles (read, then PATCH)", { displayName: "Dana Reyes-Diaz", roles: ["customer.user", "customer.user.uc"] }],
])("an update whose PATCH answer was lost is taken as done when the user holds it: %s", async (_, edit) => {
  const inputs = await declared({ ...dana, roles: ["customer.user"] });
  const { id, outs } = await create(acme(), inputs);
  await emulator.control.resetCalls();
  await emulator.control.fault({ endpoint: `users/${id}`, method: "PATCH", kind: "drop-response", count: 1 });
  const changed = await declared({ ...dana, roles: ["customer.user"], ...edit }, inputs);
  const { outs: after } = await update(acme(), id, outs, changed);
  expect(after).toMatchObject(edit);
  expect(await live(id)).toMatchObject(edit);
  // One PATCH: the lost answer was checked by a read, not by sending the write again.
  expect((await emulator.control.journal()).filter((call) => call.method === "PATCH")).toHaveLength(1);
});

test("an update whose PATCH answer was lost and that the user does not hold fails with the lost answer", async () => {
  const inputs = await declared({ ...dana, roles: ["customer.user"] });
  const { id, outs } = await create(acme(), inputs);
  // The PATCH is committed and its answer lost; then someone else changes the name before the check.
  await emulator.control.fault({ endpoint: `users/${id}`, method: "PATCH", kind: "drop-response", count: 1 });
  await emulator.control.fault({ endpoint: `users/${id}`, method: "GET", kind: "latency", ms: 400, count: 1 });
  const changed = await declared({ ...dana, roles: ["customer.user"], displayName: "Dana Reyes-Diaz" }, inputs);
  const updating = update(acme(), id, outs, changed).catch((error: Error) => error);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await emulator.api.patchUser(id, { displayName: "Someone Else" });
  const failure = await updating;
  expect(failure).toBeInstanceOf(Error);
  expect((failure as Error).message).toMatch(/PATCH .*users\/.*: no response/);
});

test("the deletes of a slow destroy, seconds apart, share a list until it has served ten per page", async () => {
  // GIVEN 12 users deleted one at a time 2.5 s apart (the clock jumps; the calls are real)
  const users: Awaited<ReturnType<typeof create>>[] = [];
  for (let n = 0; n < 12; n++) users.push(await create(acme(), await declared({ displayName: `slow ${n}`, email: `slow${n}@acme.example`, roles: ["customer.user"] })));
  await withJumpingClock(async (jump) => {
    clearSharedReads();
    await emulator.control.resetCalls();
    for (const { id, outs } of users) {
      await remove(acme(), id, outs);
      jump(2_500);
    }
  });
  // THEN a one-page list serves ten deletes, and the eleventh begins another: 2 lists, not 12
  expect((await emulator.control.calls()).byEndpoint).toEqual({
    "GET /ucportal/v1/customers/cust-acme/users": 2,
    ...Object.fromEntries(users.map(({ id }) => [`DELETE /ucportal/v1/customers/cust-acme/users/${id}`, 1])),
  });
  for (const { id } of users) expect((await emulator.api.getUser(id)).status).toBe(404);
});
