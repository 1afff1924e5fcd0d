import { check, diff, licenceChanges } from "../../provider/ucportal/customer-user.lifecycle";
import { CustomerUserOutputs } from "../../provider/ucportal/customer-user";
import { resolveUcPortalConnection } from "../../provider/ucportal/connection";
import { UNKNOWN } from "../../provider/core/check";
import { UCPORTAL_ROLES } from "../../provider/ucportal/roles";

const dana = { displayName: "Dana Reyes", email: "dana.reyes@acme.example" };

async function reasons(change: object, olds: object = {}) {
  return (await check(undefined, olds, { ...dana, roles: [], ...change })).failures.map((f) => `${f.property}: ${f.reason}`);
}

describe("CustomerUser check()", () => {
  test("applies defaults, sorts the role and device sets, and shows the licences a new user gets", async () => {
    const result = await check(undefined, {}, {
      ...dana,
      roles: ["customer.user.uc.softphone", "customer.user", "customer.user.supervisorl3", "customer.user.uc"],
      devices: ["acme-sp-203", "acme-sp-202"],
    });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toEqual({
      ...dana,
      roles: ["customer.user", "customer.user.supervisorl3", "customer.user.uc", "customer.user.uc.softphone"],
      devices: ["acme-sp-202", "acme-sp-203"],
      sendActivationEmail: false,
      sendWelcomeEmail: false,
      adopt: false,
      deletionPolicy: "delete",
      licenceChanges: "adds customer.user.supervisorl3 (Live Analytics Supervisor)",
    });
  });

  test('deletionPolicy is "delete" (today\'s irreversible DELETE) unless declared "retain"', async () => {
    expect((await check(undefined, {}, { ...dana, roles: [], deletionPolicy: "retain" })).inputs.deletionPolicy).toBe("retain");
    expect(await reasons({ deletionPolicy: "disable" })).toEqual(['deletionPolicy: deletionPolicy must be "delete" or "retain", got "disable"']);
  });

  test("every role of the catalogue with its prerequisites passes", async () => {
    for (const role of UCPORTAL_ROLES) {
      const roles = [role.key, ...role.requires, ...role.requires.flatMap((r) => UCPORTAL_ROLES.find((x) => x.key === r)!.requires)];
      expect(await reasons({ roles: [...new Set(roles)] })).toEqual([]);
    }
  });

  test("an unknown role is refused where it is listed", async () => {
    expect(await reasons({ roles: ["customer.user", "client.utilisateur"] })).toEqual([
      'roles.1: roles.1 must be a role key of the portal\'s catalogue, like customer.user or customer.user.supervisorl3 (docs/resources/customer-user.md lists them), got "client.utilisateur"',
    ]);
  });

  test.each([
    // [roles, role, its missing prerequisite]
    [["customer.user.uc.remote"], "customer.user.uc.remote (Professional User)", "customer.user.uc (UC client)"],
    [["customer.user.pbx.realtime"], "customer.user.pbx.realtime (Real-Time Add-On)", "customer.user.pbx (Essential User)"],
    [["customer.user.acd"], "customer.user.acd (Agent User Add-On)", "customer.user.pbx (Essential User)"],
    [["customer.user.supervisorl1"], "customer.user.supervisorl1 (Reporting Supervisor)", "customer.user (Website Access)"],
    [["customer.user.supervisorl5"], "customer.user.supervisorl5 (Insights Supervisor)", "customer.user (Website Access)"],
    [["user.admin"], "user.admin (Manage Users)", "customer.user (Website Access)"],
    [["customer.user", "customer.workspace.admin"], "customer.workspace.admin (Workspace Administrator)", "customer.settings (Customer Settings)"],
    [["recording.observer"], "recording.observer (Recording Playback)", "customer.user (Website Access)"],
    [["customer.user", "customer.user.uc.softphone"], "customer.user.uc.softphone (Softphones)", "customer.user.uc (UC client)"],
    [["customer.user.crm"], "customer.user.crm (CRM client)", "customer.user (Website Access)"],
  ])("%j: names which role needs which", async (roles, role, requires) => {
    const failures = await reasons({ roles });
    expect(failures).toContain(`roles: roles has ${role} without ${requires}, which it requires, got ${JSON.stringify(roles)}`);
  });

  test("a role missing two prerequisites is named for each", async () => {
    expect(await reasons({ roles: ["customer.workspace.admin"] })).toEqual([
      'roles: roles has customer.workspace.admin (Workspace Administrator) without customer.user (Website Access), which it requires, got ["customer.workspace.admin"]',
      'roles: roles has customer.workspace.admin (Workspace Administrator) without customer.settings (Customer Settings), which it requires, got ["customer.workspace.admin"]',
    ]);
  });

  test("two supervisor licences are refused: they are mutually exclusive", async () => {
    const roles = ["customer.user", "customer.user.supervisorl3", "customer.user.supervisorl1"];
    expect(await reasons({ roles })).toEqual([
      `roles: roles has 2 supervisor licences, customer.user.supervisorl1 and customer.user.supervisorl3: they are mutually exclusive ` +
        `(a higher level includes the lower ones, customer.user.supervisorl1 to customer.user.supervisorl5), keep one, got ${JSON.stringify(roles)}`,
    ]);
  });

  test.each([
    [{ roles: ["customer.user", "customer.user"] }, "roles.1: roles.1 lists customer.user twice: roles are a set, one entry per role, got \"customer.user\""],
    [{ roles: undefined }, "roles: roles is required: list the user's role keys, [] for none, got nothing"],
    [{ displayName: "" }, 'displayName: displayName must not be blank, got ""'],
    [{ displayName: "   " }, 'displayName: displayName must not be blank, got "   "'],
    [{ displayName: "x".repeat(101) }, "displayName must be at most 100 characters (the portal's maximum length)"],
    [{ email: "dana@localhost" }, 'email: email must be an e-mail address like name@example.com, got "dana@localhost"'],
    [{ email: `${"x".repeat(190)}@acme.example` }, "email must be at most 200 characters"],
    [{ devices: ["acme-sp-202"] }, 'devices: devices needs customer.user.uc.softphone (Softphones) in roles: the portal assigns softphones only to its holders, got ["acme-sp-202"]'],
    [
      { roles: ["customer.user", "customer.user.uc", "customer.user.uc.softphone"], devices: ["acme-sp-202", "acme-sp-202"] },
      'devices.1: devices.1 lists acme-sp-202 twice: devices are a set, got "acme-sp-202"',
    ],
    [{ sendWelcomeEmail: true }, "sendWelcomeEmail: sendWelcomeEmail needs customer.user.uc (UC client) in roles: the UC welcome e-mail links to the UC clients' download, got true"],
    [{ sendActivationEmail: "yes" }, 'sendActivationEmail: sendActivationEmail must be true or false, got "yes"'],
    [{ isParent: true }, 'Unrecognized key: "isParent"'],
    [{ id: "x" }, 'Unrecognized key: "id"'],
  ])("refuses %j", async (change, message) => {
    const failures = await reasons(change);
    expect(failures.join("\n")).toContain(message);
  });

  test("a value still unknown in preview is not a failure, and the licence delta is unknown too", async () => {
    const result = await check(undefined, {}, { ...dana, roles: UNKNOWN });
    expect(result.failures).toEqual([]);
    expect(result.inputs.licenceChanges).toBe(UNKNOWN);
  });

  test("licenceChanges changes exactly when the licence set changes", async () => {
    const olds = { ...dana, roles: ["customer.user", "customer.user.supervisorl2"], licenceChanges: "adds customer.user.supervisorl2 (Analytics Supervisor)" };
    // Permission changes keep the previous text: the field is not in the plan.
    const permissions = await check(undefined, olds, { ...dana, roles: ["customer.user", "customer.settings", "customer.user.supervisorl2"] });
    expect(permissions.inputs.licenceChanges).toBe(olds.licenceChanges);
    const licences = await check(undefined, olds, { ...dana, roles: ["customer.user", "customer.user.supervisorl3", "customer.user.microsoftteams"] });
    expect(licences.inputs.licenceChanges).toBe(
      "adds customer.user.microsoftteams (Microsoft Teams User), customer.user.supervisorl3 (Live Analytics Supervisor); removes customer.user.supervisorl2 (Analytics Supervisor)",
    );
    expect(licenceChanges([], ["customer.user"])).toBe("none");
    expect(licenceChanges(["customer.user.pbx"], [])).toBe("removes customer.user.pbx (Essential User)");
  });
});

describe("CustomerUser diff()", () => {
  const inputs = { ...dana, roles: ["customer.user"], sendActivationEmail: false, sendWelcomeEmail: false, adopt: false, deletionPolicy: "delete" as const, licenceChanges: "none" };
  const olds = { ...inputs, userId: "u1", serverAssignedRoles: ["customer.user.pbx"], liveRoles: ["customer.user", "customer.user.pbx"] } as unknown as CustomerUserOutputs;

  test("server-assigned roles and unmanaged fields are not changes; the creation-time flags are not either", async () => {
    expect(await diff("u1", olds, { ...inputs, sendActivationEmail: true })).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
  });

  test("a role change updates in place; nothing replaces", async () => {
    expect(await diff("u1", olds, { ...inputs, roles: ["customer.settings", "customer.user"] })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(await diff("u1", olds, { ...inputs, email: "dana@acme.example" })).toMatchObject({ changes: true, replaces: [] });
  });

  test("a change of deletionPolicy is a change; a state from before the input holds the default", async () => {
    expect(await diff("u1", olds, { ...inputs, deletionPolicy: "retain" })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    const { deletionPolicy: _none, ...before } = olds;
    expect(await diff("u1", before as CustomerUserOutputs, inputs)).toEqual({ changes: false, replaces: [], deleteBeforeReplace: false });
    expect(await diff("u1", before as CustomerUserOutputs, { ...inputs, deletionPolicy: "retain" })).toMatchObject({ changes: true });
  });
});

describe("UC portal connection", () => {
  test("stack config, then UCPORTAL_* variables; the token is named as a secret when missing", () => {
    expect(resolveUcPortalConnection(undefined, { UCPORTAL_URL: "http://h/ucportal/", UCPORTAL_TOKEN: "t0k3n", UCPORTAL_CUSTOMER_ID: "cust-acme" })).toEqual({
      url: "http://h/ucportal",
      token: "t0k3n",
      customerId: "cust-acme",
      version: "v1",
    });
    const config = { get: (key: string) => ({ "ucportal:url": "http://h", "ucportal:version": "v2" })[key] };
    expect(() => resolveUcPortalConnection(config, {})).toThrow(
      "The UC portal connection is not configured: missing ucportal:token (or UCPORTAL_TOKEN; set it with `pulumi config set --secret ucportal:token ...`), ucportal:customerId (or UCPORTAL_CUSTOMER_ID).",
    );
  });
});
