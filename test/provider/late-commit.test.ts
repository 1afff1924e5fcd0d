/**
 * A create slower than the client's timeout: the server commits it after the provider stopped
 * waiting. The provider keeps looking for the object (CONTACT_CENTER_LATE_COMMIT_SECONDS) and
 * takes it when it appears, for every vendor whose create can be lost (CCE skill groups and
 * users, Oracle resource users, UC-portal customer users). When it appears only after the
 * window, the error says it may still come and how to adopt it, and the next create's "already
 * exists" says how too. The emulator's latency fault holds a request, then commits it.
 */
import { oracleDemoCredentials, ucportalDemoTenants, ucportalDemoTokens } from "../../emulator";
import { create as createGroup } from "../../provider/cce/skill-group.lifecycle";
import { check as checkUser, create as createUser } from "../../provider/cce/user.lifecycle";
import { check as checkResourceUser, create as createResourceUser } from "../../provider/oracle/resource-user.lifecycle";
import { check as checkCustomerUser, create as createCustomerUser } from "../../provider/ucportal/customer-user.lifecycle";
import { logoutAll } from "../../provider/cce/client";
import { cceAdminConfig, EmulatorControl, useEmulatorLifecycle } from "../support/portal";

const emulator = useEmulatorLifecycle();
let control: EmulatorControl;

beforeEach(() => {
  control = new EmulatorControl(emulator.url());
  // One second per attempt, so a create held two seconds times out.
  process.env.CONTACT_CENTER_HTTP_TIMEOUT_SECONDS = "1";
  process.env.CONTACT_CENTER_LATE_COMMIT_SECONDS = "8";
});
afterEach(async () => {
  delete process.env.CONTACT_CENTER_HTTP_TIMEOUT_SECONDS;
  delete process.env.CONTACT_CENTER_LATE_COMMIT_SECONDS;
  await logoutAll();
});

const cce = () => cceAdminConfig(emulator.url());
const oracle = () => {
  const values: Record<string, string> = { "oracle:url": emulator.url(), "oracle:username": oracleDemoCredentials.salesCloudUser.username, "oracle:password": oracleDemoCredentials.salesCloudUser.password };
  return { get: (key: string) => values[key] };
};
const ucportal = () => {
  const values: Record<string, string> = { "ucportal:url": `${emulator.url()}/ucportal`, "ucportal:token": ucportalDemoTokens.acme, "ucportal:customerId": ucportalDemoTenants.acme };
  return { get: (key: string) => values[key] };
};

/** The create's requests to `endpoint` (a path suffix), as the journal has them. */
const creates = async (path: RegExp) => (await control.journal()).filter((e) => e.write && path.test(`${e.method} ${e.path}`)).length;

/** Every kind whose create can be lost, with how to create one and where its create goes. */
const kinds = [
  {
    kind: "skill group",
    endpoint: "skills/saveSkillGroup",
    path: /saveSkillGroup$/,
    create: () => createGroup(cce() as never, { peripheralId: 5000, name: "Late_Group", description: "", serviceLevelThreshold: -1, adopt: false, deletionPolicy: "retain" }),
    exists: "SKILL_GROUPS_ALREADY_EXISTS_ERROR",
    adoptHint: "set adopt: true to manage it with this resource",
  },
  {
    kind: "CCE user",
    endpoint: "users/cloneUser",
    path: /cloneUser$/,
    create: async () => {
      const { inputs } = await checkUser(cce() as never, {}, { loginName: "late@DEM", template: "tmpl.agent@DEM", userType: "agent", firstName: "Late", lastName: "Comer", phone: "5550999", agentId: "9999" });
      return createUser(cce() as never, inputs);
    },
    exists: "CLONE_USER_FAILED_USER_LOGIN_NM_ALREADY_EXISTS",
    adoptHint: "set adopt: true to manage it with this resource",
  },
  {
    kind: "Oracle resource user",
    endpoint: "resourceUsers",
    path: /^POST .*\/resourceUsers$/,
    create: async () => {
      const { inputs } = await checkResourceUser(oracle() as never, {}, { partyNumber: "CC_LATE", firstName: "Late", lastName: "Comer", email: "late@example.com", organizationName: "NA Sales", orgRoleCode: "SALES_REPRESENTATIVE" });
      return createResourceUser(oracle() as never, inputs);
    },
    exists: "Oracle error 25013",
    adoptHint: "set adopt: true to manage it with this resource (it is found by party number)",
  },
  {
    kind: "UC-portal customer user",
    endpoint: "customers/cust-acme/users",
    path: /^POST .*\/users$/,
    create: async () => {
      const { inputs } = await checkCustomerUser(ucportal() as never, {}, { email: "late@acme.example", displayName: "Late Comer", roles: ["customer.user"] });
      return createCustomerUser(ucportal() as never, inputs as never);
    },
    exists: "EMAIL_IN_USE",
    adoptHint: "Set `adopt: true` to take that user over",
  },
];

describe.each(kinds)("$kind", ({ endpoint, path, create, exists, adoptHint }) => {
  test("a create committed after the client's timeout is found and taken, created once", async () => {
    await control.fault({ endpoint, kind: "latency", ms: 2_500, count: 1 });
    const { id } = await create();
    expect(id).toBeTruthy();
    expect(await creates(path)).toBe(1);
  });

  test("one committed after the window fails saying it may still come and how to adopt it; the next create says how to adopt it too", async () => {
    process.env.CONTACT_CENTER_LATE_COMMIT_SECONDS = "1";
    await control.fault({ endpoint, kind: "latency", ms: 3_500, count: 1 });
    const lost = await create().catch((e) => e);
    expect(lost.message).toContain("It did not appear within 1 s, but the server may still commit it");
    expect(lost.message).toContain("set adopt: true to take it over");
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const again = await create().catch((e) => e);
    expect(again.message).toContain(exists);
    expect(again.message).toContain(adoptHint);
  });
});
