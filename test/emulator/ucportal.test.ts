/**
 * The UC portal emulator's customer users over real HTTP (seed 003), against the contract
 * in docs/ucportal-wire-decisions.md.
 */
import { ucportalDemoTenants, ucportalDemoTokens, ucportalDemoUsers, ucportalRoleCatalog } from "../../emulator";
import { LAST_USER_ADMINISTRATOR_MESSAGE, checkRoles } from "../../provider/ucportal/roles";
import { useUcPortalEmulator } from "../support/ucportal";

const uc = useUcPortalEmulator();
const { alice, bob, carol, reseller, grace, hank, ivy } = ucportalDemoUsers;
const { acme, globex } = ucportalDemoTenants;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let seq = 0;
/** A new user's body with an e-mail no seeded directory knows (so no automatic roles). */
const newUser = (extra: Record<string, unknown> = {}) => ({ displayName: "Nina Okafor", email: `nina.${(seq += 1)}@outside.example`, ...extra });
/** The codes of an error body's entries. */
const codes = (body: { errors: Array<{ code: string }> }) => body.errors.map((e) => e.code);
const rolesOf = async (id: string, api = uc.api) => (await api.getUser(id)).body.roles as string[];

describe("transport and authentication", () => {
  test("no, malformed or unknown bearer token: 401 with a Bearer challenge and a JSON error", async () => {
    for (const api of [uc.api.with({ token: null }), uc.api.with({ token: "nope" })]) {
      const reply = await api.listUsers();
      expect(reply.status).toBe(401);
      expect(reply.headers.get("www-authenticate")).toBe('Bearer realm="ucportal"');
      expect(reply.body.code).toBe("UNAUTHORIZED");
      expect(reply.body.status).toBe(401);
    }
    const basic = await uc.api.request("GET", "users", { headers: { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` } });
    expect(basic.status).toBe(401);
  });

  test("serves version v1 only; unknown paths are 404; a wrong method is 405 with Allow", async () => {
    expect((await uc.api.listUsers()).status).toBe(200);
    const v2 = await uc.api.with({ version: "v2" }).listUsers();
    expect(v2.status).toBe(404);
    expect(v2.body.code).toBe("NOT_FOUND");
    expect((await uc.api.request("GET", "groups")).status).toBe(404);
    expect((await uc.api.request("GET", `users/${alice.id}/nothing`)).status).toBe(404);
    const put = await uc.api.request("PUT", `users/${alice.id}`, { body: {} });
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, PATCH, DELETE");
    expect(put.body.code).toBe("METHOD_NOT_ALLOWED");
  });

  test("a body must be application/json and one JSON object", async () => {
    const text = await uc.api.request("POST", "users", { rawBody: "{}", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(415);
    expect(text.body.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const broken = await uc.api.request("POST", "users", { rawBody: "{not json" });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe("INVALID_JSON");
    const array = await uc.api.request("PATCH", `users/${alice.id}`, { rawBody: "[]" });
    expect(array.status).toBe(400);
    expect(array.body.code).toBe("INVALID_JSON");
  });

  test("every refusal has the error body {status, code, message, errors}", async () => {
    const reply = await uc.api.getUser("no-such-user");
    expect(reply.status).toBe(404);
    expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
    expect(reply.body).toEqual({
      status: 404,
      code: "NOT_FOUND",
      message: `There is no user 'no-such-user' in customer '${acme}'.`,
      errors: [{ code: "NOT_FOUND", message: `There is no user 'no-such-user' in customer '${acme}'.` }],
    });
  });
});

describe("tenant isolation", () => {
  test("a token opens only its own tenant: another tenant, existing or not, is 403 FORBIDDEN", async () => {
    const acmeOnGlobex = uc.api.with({ tenant: globex, token: ucportalDemoTokens.acme });
    for (const reply of [await acmeOnGlobex.listUsers(), await acmeOnGlobex.getUser(grace.id), await acmeOnGlobex.deleteUser(grace.id)]) {
      expect(reply.status).toBe(403);
      expect(reply.body.code).toBe("FORBIDDEN");
    }
    const nowhere = await uc.api.with({ tenant: "cust-initech", token: ucportalDemoTokens.acme }).listUsers();
    expect(nowhere.status).toBe(403);
    expect(nowhere.body.code).toBe("FORBIDDEN");
    expect((await uc.api.getUser(grace.id)).status).toBe(404);
  });

  test("each tenant lists only its own users, and never sees the other's by id", async () => {
    const acmeIds = (await uc.api.listUsers()).body.items.map((u: { id: string }) => u.id);
    const globexApi = uc.api.with({ tenant: globex });
    const globexIds = (await globexApi.listUsers()).body.items.map((u: { id: string }) => u.id);
    expect(acmeIds).toEqual([alice.id, bob.id, carol.id, reseller.id]);
    expect(globexIds).toEqual([grace.id, hank.id, ivy.id]);
    expect((await globexApi.getUser(alice.id)).status).toBe(404);
    expect((await globexApi.patchUser(alice.id, { displayName: "Hijacked" })).status).toBe(404);
    expect((await globexApi.deleteUser(alice.id)).status).toBe(404);
    expect((await uc.api.getUser(alice.id)).body.displayName).toBe("Alice Martin");
  });

  test("a user created in one tenant is invisible in the other; e-mails are unique per tenant only", async () => {
    const created = await uc.api.createUser({ displayName: "Shared Name", email: "shared@both.example" });
    expect(created.status).toBe(201);
    const globexApi = uc.api.with({ tenant: globex });
    expect(await globexApi.findByEmail("shared@both.example")).toBeUndefined();
    expect((await globexApi.getUser(created.body.id)).status).toBe(404);
    const again = await globexApi.createUser({ displayName: "Shared Name", email: "shared@both.example" });
    expect(again.status).toBe(201);
    expect(again.body.primaryTenant).toBe(globex);
  });
});

describe("list and get", () => {
  test("a seeded user has every field of the schema", async () => {
    const reply = await uc.api.getUser(alice.id);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      id: alice.id, displayName: "Alice Martin", email: "alice.martin@acme.example",
      roles: ["customer.user", "user.admin", "customer.settings"], primaryTenant: acme, isParent: false, devices: [],
    });
    const parent = await uc.api.getUser(reseller.id);
    expect(parent.body.isParent).toBe(true);
    expect(parent.body.primaryTenant).toBe("reseller-northwind");
  });

  test("pages with offset and limit, counts the total, filters by e-mail in any case", async () => {
    const page = await uc.api.listUsers({ offset: "1", limit: "2" });
    expect(page.body).toMatchObject({ total: 4, offset: 1, limit: 2 });
    expect(page.body.items.map((u: { id: string }) => u.id)).toEqual([bob.id, carol.id]);
    const all = await uc.api.listUsers();
    expect(all.body).toMatchObject({ total: 4, offset: 0, limit: 100 });
    const byEmail = await uc.api.listUsers({ email: "BOB.Chen@acme.example" });
    expect(byEmail.body.total).toBe(1);
    expect(byEmail.body.items[0].id).toBe(bob.id);
    expect((await uc.api.listUsers({ email: "nobody@acme.example" })).body).toMatchObject({ total: 0, items: [] });
    const refused: Record<string, string>[] = [{ limit: "0" }, { limit: "501" }, { offset: "-1" }, { limit: "ten" }];
    for (const query of refused) {
      const bad = await uc.api.listUsers(query);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe("INVALID_QUERY");
    }
  });
});

describe("create, patch, delete", () => {
  test("POST creates a user with a generated id and a Location; GET reads it back", async () => {
    const created = await uc.api.createUser(newUser({ displayName: "Omar Haddad", email: "omar.haddad@acme.example", roles: ["customer.user"] }));
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(UUID);
    expect(created.headers.get("location")).toBe(`/ucportal/v1/customers/${acme}/users/${created.body.id}`);
    expect(created.body).toEqual({
      id: created.body.id, displayName: "Omar Haddad", email: "omar.haddad@acme.example", roles: ["customer.user"],
      primaryTenant: acme, isParent: false, devices: [],
    });
    expect((await uc.api.getUser(created.body.id)).body).toEqual(created.body);
  });

  test("roles default to none, duplicates are dropped, primaryTenant may be sent as the tenant's own id", async () => {
    expect((await uc.api.createUser(newUser())).body.roles).toEqual([]);
    const dup = await uc.api.createUser(newUser({ roles: ["customer.user", "customer.user.uc", "customer.user"], primaryTenant: acme }));
    expect(dup.status).toBe(201);
    expect(dup.body.roles).toEqual(["customer.user", "customer.user.uc"]);
  });

  test("PATCH merges: absent fields stay, roles replace the whole set; the answer is the whole user", async () => {
    const reply = await uc.api.patchUser(carol.id, { displayName: "Carol Diaz-Ruiz" });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ displayName: "Carol Diaz-Ruiz", email: carol.email, roles: [...carol.roles] });
    const roles = await uc.api.patchUser(carol.id, { roles: ["customer.user"] });
    expect(roles.body.roles).toEqual(["customer.user"]);
    expect(roles.body.displayName).toBe("Carol Diaz-Ruiz");
  });

  test("PATCH accepts the read-only fields echoed unchanged, and refuses them changed", async () => {
    const { body: current } = await uc.api.getUser(bob.id);
    const echo = await uc.api.patchUser(bob.id, { ...current, displayName: "Bob Chen Jr." });
    expect(echo.status).toBe(200);
    expect(echo.body).toEqual({ ...current, displayName: "Bob Chen Jr." });
    for (const change of [{ id: alice.id }, { isParent: true }, { devices: [] }]) {
      const reply = await uc.api.patchUser(bob.id, change);
      expect(reply.status).toBe(400);
      expect(reply.body.code).toBe("READ_ONLY");
    }
    const tenant = await uc.api.patchUser(bob.id, { primaryTenant: globex });
    expect(tenant.status).toBe(400);
    expect(tenant.body.errors[0]).toMatchObject({ code: "INVALID_VALUE", field: "primaryTenant" });
  });

  test("DELETE answers 204 and the user is gone; a second DELETE is 404", async () => {
    const reply = await uc.api.deleteUser(carol.id);
    expect(reply.status).toBe(204);
    expect(reply.text).toBe("");
    expect((await uc.api.getUser(carol.id)).status).toBe(404);
    expect((await uc.api.deleteUser(carol.id)).status).toBe(404);
  });

  test("unknown users are 404 NOT_FOUND for every operation", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const replies = [
      await uc.api.getUser(id), await uc.api.patchUser(id, { displayName: "X" }), await uc.api.deleteUser(id),
      await uc.api.putDevices(id, []), await uc.api.sendActivationEmail(id), await uc.api.sendWelcomeEmail(id),
    ];
    for (const reply of replies) {
      expect(reply.status).toBe(404);
      expect(reply.body.code).toBe("NOT_FOUND");
    }
  });

  test("reseller-level (parent) users are readable but not writable: 403 PARENT_USER", async () => {
    const replies = [
      await uc.api.patchUser(reseller.id, { displayName: "X" }), await uc.api.deleteUser(reseller.id),
      await uc.api.putDevices(reseller.id, []), await uc.api.sendActivationEmail(reseller.id),
    ];
    for (const reply of replies) {
      expect(reply.status).toBe(403);
      expect(reply.body.code).toBe("PARENT_USER");
    }
    expect((await uc.api.getUser(reseller.id)).status).toBe(200);
  });
});

describe("schema", () => {
  test("displayName and email are required on create: both reported at once", async () => {
    const reply = await uc.api.createUser({});
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([
      { code: "REQUIRED", field: "displayName", message: "displayName is required." },
      { code: "REQUIRED", field: "email", message: "email is required." },
    ]);
    expect(reply.body.code).toBe("REQUIRED");
    expect(reply.body.message).toBe("displayName is required.");
  });

  test("null or blank required fields are REQUIRED, on create and on patch", async () => {
    expect(codes((await uc.api.createUser({ displayName: "  ", email: null })).body)).toEqual(["REQUIRED", "REQUIRED"]);
    const patch = await uc.api.patchUser(alice.id, { displayName: null, email: "" });
    expect(patch.status).toBe(400);
    expect(patch.body.errors.map((e: { field: string }) => e.field)).toEqual(["displayName", "email"]);
  });

  test("displayName is at most 100 characters and email at most 200", async () => {
    const longest = await uc.api.createUser({ displayName: "d".repeat(100), email: `${"e".repeat(188)}@example.com` });
    expect(longest.status).toBe(201);
    expect(longest.body.email).toHaveLength(200);
    const tooLong = await uc.api.createUser({ displayName: "d".repeat(101), email: `${"e".repeat(189)}@example.com` });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors).toEqual([
      { code: "TOO_LONG", field: "displayName", message: "displayName must be at most 100 characters, got 101." },
      { code: "TOO_LONG", field: "email", message: "email must be at most 200 characters, got 201." },
    ]);
    const patch = await uc.api.patchUser(bob.id, { displayName: "x".repeat(101) });
    expect(patch.status).toBe(400);
    expect(patch.body.code).toBe("TOO_LONG");
  });

  test("wrong types, e-mail shape, unknown and read-only fields are refused", async () => {
    const reply = await uc.api.createUser({
      displayName: 42, email: "not-an-email", roles: "customer.user", colour: "blue", id: "mine", isParent: false, devices: [],
    });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { code: string; field: string }) => `${e.code} ${e.field}`).sort()).toEqual(
      ["INVALID_VALUE displayName", "INVALID_VALUE email", "INVALID_VALUE roles", "READ_ONLY devices", "READ_ONLY id", "READ_ONLY isParent", "UNKNOWN_FIELD colour"].sort(),
    );
    const other = await uc.api.createUser(newUser({ primaryTenant: globex }));
    expect(other.status).toBe(400);
    expect(other.body.code).toBe("INVALID_VALUE");
  });

  test("e-mails are unique per tenant in any case: 409 EMAIL_IN_USE on create and patch", async () => {
    const dup = await uc.api.createUser(newUser({ email: "ALICE.martin@acme.example" }));
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0]).toMatchObject({ code: "EMAIL_IN_USE", field: "email" });
    const patch = await uc.api.patchUser(bob.id, { email: "carol.diaz@acme.example" });
    expect(patch.status).toBe(409);
    expect(patch.body.code).toBe("EMAIL_IN_USE");
    const own = await uc.api.patchUser(bob.id, { email: "Bob.Chen@acme.example" });
    expect(own.status).toBe(200);
    expect(own.body.email).toBe("Bob.Chen@acme.example");
  });
});

describe("roles", () => {
  test("the catalogue has the seed's keys (checked against api-notes §4)", () => {
    expect(ucportalRoleCatalog.map((r) => r.key)).toEqual([
      "customer.user.pbx", "customer.user.uc.essential", "customer.user.uc.remote", "customer.user.pbx.realtime", "customer.user.acd",
      "customer.user.microsoftteams",
      "customer.user.supervisorl1", "customer.user.supervisorl2", "customer.user.supervisorl3", "customer.user.supervisorl4", "customer.user.supervisorl5",
      "customer.user", "user.admin", "customer.billables.admin", "customer.device.readonly", "customer.device.admin", "customer.settings",
      "customer.directories.contributor", "customer.workspace.admin", "customer.voice.applications", "customer.voice.admin",
      "onboarding.admin", "webhooks.admin", "pbx.agentcontrol", "pbx.silentmonitor", "recording.observer",
      "customer.user.uc", "customer.user.crm", "customer.user.uc.softphone",
    ]);
  });

  test("an unknown role key is 400 UNKNOWN_ROLE", async () => {
    const reply = await uc.api.createUser(newUser({ roles: ["customer.user", "client.utilisateur"] }));
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{ code: "UNKNOWN_ROLE", field: "roles", role: "client.utilisateur", message: "Unknown role 'client.utilisateur'." }]);
  });

  test("every prerequisite of every role: missing it is refused naming both roles, holding them all is accepted", async () => {
    const closure = (key: string): string[] => {
      const requires = ucportalRoleCatalog.find((r) => r.key === key)!.requires;
      return [...new Set([...requires.flatMap(closure), key])];
    };
    let checked = 0;
    for (const role of ucportalRoleCatalog) {
      for (const missing of role.requires) {
        const roles = closure(role.key).filter((k) => k !== missing);
        const reply = await uc.api.createUser(newUser({ roles }));
        expect(reply.status).toBe(400);
        expect(reply.body.errors).toContainEqual({
          code: "ROLE_PREREQUISITE_MISSING", field: "roles", role: role.key, requires: missing,
          message: `Role '${role.key}' requires role '${missing}'.`,
        });
        checked += 1;
      }
      const ok = await uc.api.with({ tenant: globex }).createUser(newUser({ roles: closure(role.key) }));
      expect(ok.status).toBe(201);
    }
    expect(checked).toBe(26);
  });

  test("the workspace administrator needs both customer.user and customer.settings", async () => {
    const reply = await uc.api.createUser(newUser({ roles: ["customer.workspace.admin"] }));
    expect(reply.body.errors.map((e: { requires: string }) => e.requires)).toEqual(["customer.user", "customer.settings"]);
    const patch = await uc.api.patchUser(alice.id, { roles: ["customer.user", "user.admin", "customer.workspace.admin"] });
    expect(patch.status).toBe(400);
    expect(patch.body.message).toBe("Role 'customer.workspace.admin' requires role 'customer.settings'.");
  });

  test("supervisor licences are mutually exclusive: two are 400 SUPERVISOR_LICENCES_EXCLUSIVE", async () => {
    const reply = await uc.api.createUser(newUser({ roles: ["customer.user", "customer.user.supervisorl3", "customer.user.supervisorl1"] }));
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([{
      code: "SUPERVISOR_LICENCES_EXCLUSIVE", field: "roles", roles: ["customer.user.supervisorl1", "customer.user.supervisorl3"],
      message: "Supervisor access roles are mutually exclusive: assign only one of customer.user.supervisorl1 to customer.user.supervisorl5, got customer.user.supervisorl1, customer.user.supervisorl3.",
    }]);
    const patch = await uc.api.patchUser(carol.id, { roles: [...carol.roles, "customer.user.supervisorl5"] });
    expect(patch.status).toBe(400);
    expect(patch.body.code).toBe("SUPERVISOR_LICENCES_EXCLUSIVE");
    expect(await rolesOf(carol.id)).toEqual([...carol.roles]);
    const swap = await uc.api.patchUser(carol.id, { roles: ["customer.user", "customer.user.supervisorl1", "customer.user.pbx"] });
    expect(swap.status).toBe(200);
  });

  test("field and role problems are reported together, fields first", async () => {
    const reply = await uc.api.createUser({ email: "x@y.example", roles: ["customer.user.acd", "nope"] });
    expect(codes(reply.body)).toEqual(["REQUIRED", "UNKNOWN_ROLE", "ROLE_PREREQUISITE_MISSING"]);
  });

  test("checkRoles, shared with the provider, gives the same answers offline", () => {
    expect(checkRoles(["customer.user", "user.admin"])).toEqual([]);
    expect(checkRoles(["customer.user.uc.softphone"]).map((p) => p.code)).toEqual(["ROLE_PREREQUISITE_MISSING"]);
  });
});

describe("at least one user administrator", () => {
  const lastAdmin = {
    status: 409, code: "LAST_USER_ADMINISTRATOR", message: LAST_USER_ADMINISTRATOR_MESSAGE,
    errors: [{ code: "LAST_USER_ADMINISTRATOR", message: "There must be at least one user administrator" }],
  };

  test("a PATCH that takes user.admin from the last user administrator is 409 and changes nothing", async () => {
    const reply = await uc.api.patchUser(alice.id, { roles: ["customer.user", "customer.settings"], displayName: "Alice M." });
    expect(reply.status).toBe(409);
    expect(reply.body).toEqual(lastAdmin);
    expect((await uc.api.getUser(alice.id)).body).toMatchObject({ displayName: "Alice Martin", roles: [...alice.roles] });
    expect((await uc.api.patchUser(alice.id, { displayName: "Alice M." })).status).toBe(200);
  });

  test("a DELETE of the last user administrator is 409 and she stays", async () => {
    const reply = await uc.api.deleteUser(alice.id);
    expect(reply.status).toBe(409);
    expect(reply.body).toEqual(lastAdmin);
    expect((await uc.api.getUser(alice.id)).status).toBe(200);
  });

  test("with a second administrator, one may go; then the other is the last", async () => {
    expect((await uc.api.patchUser(carol.id, { roles: [...carol.roles, "user.admin"] })).status).toBe(200);
    expect((await uc.api.patchUser(alice.id, { roles: ["customer.user"] })).status).toBe(200);
    expect((await uc.api.deleteUser(carol.id)).body).toEqual(lastAdmin);
    const globexApi = uc.api.with({ tenant: globex });
    expect((await globexApi.deleteUser(grace.id)).status).toBe(204);
    expect((await globexApi.deleteUser(hank.id)).body).toEqual(lastAdmin);
    expect((await globexApi.patchUser(hank.id, { roles: ["customer.user"] })).body).toEqual(lastAdmin);
  });
});

describe("automatic roles", () => {
  test("customer.user.pbx is added at create to a user of the phone system (e-mail in any case), not to others", async () => {
    const dave = await uc.api.createUser({ displayName: "Dave Evans", email: "Dave.Evans@ACME.example", roles: ["customer.user"] });
    expect(dave.status).toBe(201);
    expect(dave.body.roles).toEqual(["customer.user", "customer.user.pbx"]);
    const outsider = await uc.api.createUser(newUser({ roles: ["customer.user"] }));
    expect(outsider.body.roles).toEqual(["customer.user"]);
    const jackInAcme = await uc.api.createUser({ displayName: "Jack Kim", email: "jack.kim@globex.example" });
    expect(jackInAcme.body.roles).toEqual([]);
  });

  test("only at create: removed by a PATCH, customer.user.pbx stays removed", async () => {
    const patched = await uc.api.patchUser(carol.id, { roles: ["customer.user", "customer.user.supervisorl2"] });
    expect(patched.body.roles).toEqual(["customer.user", "customer.user.supervisorl2"]);
    const again = await uc.api.patchUser(carol.id, { displayName: "Carol D.", email: "carol.diaz@acme.example" });
    expect(again.body.roles).toEqual(["customer.user", "customer.user.supervisorl2"]);
  });

  test("the tenant's first supervisor l3 gives every customer.user.pbx user the realtime add-on", async () => {
    const reply = await uc.api.patchUser(carol.id, { roles: ["customer.user", "customer.user.supervisorl3", "customer.user.pbx"] });
    expect(reply.status).toBe(200);
    expect(reply.body.roles).toEqual(["customer.user", "customer.user.supervisorl3", "customer.user.pbx", "customer.user.pbx.realtime"]);
    expect(await rolesOf(bob.id)).toEqual([...bob.roles, "customer.user.pbx.realtime"]);
    expect(await rolesOf(alice.id)).toEqual([...alice.roles]);
    // Not the first any more: a new PBX user and a second l3+ supervisor add nothing.
    const erin = await uc.api.createUser({ displayName: "Erin Fox", email: "erin.fox@acme.example", roles: ["customer.user", "customer.user.supervisorl4"] });
    expect(erin.body.roles).toEqual(["customer.user", "customer.user.supervisorl4", "customer.user.pbx"]);
  });

  test("a created first supervisor l5 who is on the phone system gets it too, with the others", async () => {
    const dave = await uc.api.createUser({ displayName: "Dave Evans", email: "dave.evans@acme.example", roles: ["customer.user", "customer.user.supervisorl5"] });
    expect(dave.body.roles).toEqual(["customer.user", "customer.user.supervisorl5", "customer.user.pbx", "customer.user.pbx.realtime"]);
    expect(await rolesOf(carol.id)).toContain("customer.user.pbx.realtime");
  });

  test("supervisors below l3 add nothing; a tenant that already has an l3+ supervisor adds nothing", async () => {
    await uc.api.patchUser(carol.id, { roles: ["customer.user", "customer.user.supervisorl1", "customer.user.pbx"] });
    expect(await rolesOf(bob.id)).toEqual([...bob.roles]);
    const globexApi = uc.api.with({ tenant: globex });
    const jack = await globexApi.createUser({ displayName: "Jack Kim", email: "jack.kim@globex.example", roles: ["customer.user"] });
    expect(jack.body.roles).toEqual(["customer.user", "customer.user.pbx"]);
    await globexApi.createUser(newUser({ roles: ["customer.user", "customer.user.supervisorl3"] }));
    expect(await rolesOf(jack.body.id, globexApi)).toEqual(["customer.user", "customer.user.pbx"]);
  });
});

describe("softphone devices", () => {
  const softphoneRoles = ["customer.user", "customer.user.uc", "customer.user.uc.softphone"];

  test("the tenant's devices are listed with who holds each", async () => {
    const reply = await uc.api.request("GET", "devices");
    expect(reply.body.items).toEqual([
      { id: "acme-sp-201", name: "Softphone 201", extension: "201", assignedTo: bob.id },
      { id: "acme-sp-202", name: "Softphone 202", extension: "202", assignedTo: null },
      { id: "acme-sp-203", name: "Softphone 203", extension: "203", assignedTo: null },
    ]);
  });

  test("PUT devices replaces the user's set and answers the whole user; [] removes all", async () => {
    const reply = await uc.api.putDevices(bob.id, ["acme-sp-201", "acme-sp-202", "acme-sp-202"]);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: bob.id, devices: ["acme-sp-201", "acme-sp-202"] });
    expect((await uc.api.getUser(bob.id)).body.devices).toEqual(["acme-sp-201", "acme-sp-202"]);
    expect((await uc.api.putDevices(bob.id, [])).body.devices).toEqual([]);
  });

  test("unknown devices (another tenant's included) and users without the softphone role are refused", async () => {
    const unknown = await uc.api.putDevices(bob.id, ["acme-sp-999", "globex-sp-301"]);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { code: string; device: string }) => `${e.code} ${e.device}`)).toEqual([
      "UNKNOWN_DEVICE acme-sp-999", "UNKNOWN_DEVICE globex-sp-301",
    ]);
    const noRole = await uc.api.putDevices(alice.id, ["acme-sp-202"]);
    expect(noRole.status).toBe(400);
    expect(noRole.body.errors[0]).toMatchObject({ code: "ROLE_REQUIRED", message: "Assigning softphones needs role 'customer.user.uc.softphone'." });
    expect((await uc.api.putDevices(alice.id, [])).status).toBe(200);
    for (const body of [{}, { devices: "acme-sp-202" }, { devices: [], extra: 1 }]) {
      expect((await uc.api.request("PUT", `users/${bob.id}/devices`, { body })).status).toBe(400);
    }
  });

  test("a device is the softphone of one user at most: 409 DEVICE_IN_USE; a delete frees it", async () => {
    const dora = await uc.api.createUser(newUser({ roles: softphoneRoles }));
    const taken = await uc.api.putDevices(dora.body.id, ["acme-sp-201"]);
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0]).toMatchObject({ code: "DEVICE_IN_USE", device: "acme-sp-201", assignedTo: bob.id });
    expect((await uc.api.deleteUser(bob.id)).status).toBe(204);
    expect((await uc.api.putDevices(dora.body.id, ["acme-sp-201"])).status).toBe(200);
  });

  test("a PATCH that removes customer.user.uc.softphone unassigns the user's devices", async () => {
    const reply = await uc.api.patchUser(bob.id, { roles: ["customer.user.pbx", "customer.user", "customer.user.uc"] });
    expect(reply.body.devices).toEqual([]);
    const devices = (await uc.api.request("GET", "devices")).body.items;
    expect(devices.every((d: { assignedTo: string | null }) => d.assignedTo === null)).toBe(true);
  });
});

describe("e-mails", () => {
  test("the activation e-mail answers 202 and is recorded on the control endpoint", async () => {
    const reply = await uc.api.sendActivationEmail(alice.id);
    expect(reply.status).toBe(202);
    expect(reply.body).toEqual({ userId: alice.id, email: alice.email, type: "activation" });
    const [sent, ...rest] = await uc.sentEmails();
    expect(rest).toEqual([]);
    expect(sent).toMatchObject({ tenantId: acme, userId: alice.id, email: alice.email, type: "activation" });
    expect(Number.isNaN(Date.parse(sent.sentAt))).toBe(false);
  });

  test("the UC welcome e-mail needs customer.user.uc", async () => {
    const refused = await uc.api.sendWelcomeEmail(alice.id);
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]).toMatchObject({ code: "ROLE_REQUIRED", message: "The UC welcome e-mail needs role 'customer.user.uc'." });
    const sent = await uc.api.sendWelcomeEmail(bob.id);
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ userId: bob.id, email: bob.email, type: "uc-welcome" });
    expect((await uc.sentEmails()).map((e) => `${e.type} ${e.userId}`)).toEqual([`uc-welcome ${bob.id}`]);
  });

  test("e-mails are recorded in order across tenants, take an optional JSON body, and reset clears them", async () => {
    await uc.api.sendActivationEmail(bob.id);
    await uc.api.with({ tenant: globex }).request("POST", `users/${grace.id}/activation-email`, { body: {} });
    expect((await uc.api.request("POST", `users/${bob.id}/activation-email`, { rawBody: "nope" })).status).toBe(400);
    expect((await uc.sentEmails()).map((e) => `${e.tenantId} ${e.userId}`)).toEqual([`${acme} ${bob.id}`, `${globex} ${grace.id}`]);
    await uc.control.reset();
    expect(await uc.sentEmails()).toEqual([]);
  });
});

describe("reset", () => {
  test("POST /_emulator/reset restores the seeded users", async () => {
    await uc.api.deleteUser(carol.id);
    await uc.api.createUser(newUser());
    await uc.control.reset();
    expect((await uc.api.listUsers()).body.items.map((u: { id: string }) => u.id)).toEqual([alice.id, bob.id, carol.id, reseller.id]);
  });
});

describe("faults by method", () => {
  test("a fault with a method hits only requests of that method, whatever the path's id", async () => {
    await uc.control.fault({ method: "PATCH", kind: "status", status: 503, count: 1 });
    // A GET of the same user passes; the PATCH takes the fault; the next PATCH passes.
    expect((await uc.api.getUser(alice.id)).status).toBe(200);
    expect((await uc.api.patchUser(alice.id, { displayName: "Alice A." })).status).toBe(503);
    expect((await uc.api.patchUser(alice.id, { displayName: "Alice A." })).status).toBe(200);
  });
});
