/**
 * `recoverCreated`, what `contact-center recover` asks of each resource whose create makes a new
 * vendor object: the object a create of these inputs made, found by its natural key, with the
 * outputs the create itself returned; nothing when there is none, or when the object found is
 * not the one the inputs describe. Against the emulator, for every such kind.
 */
import { oracleDemoCredentials, ucportalDemoTenants, ucportalDemoTokens } from "../../emulator";
import * as skillGroup from "../../provider/cce/skill-group.lifecycle";
import * as user from "../../provider/cce/user.lifecycle";
import * as resourceUser from "../../provider/oracle/resource-user.lifecycle";
import * as customerUser from "../../provider/ucportal/customer-user.lifecycle";
import { logoutAll } from "../../provider/cce/client";
import { cceAdminConfig, EmulatorControl, useEmulatorLifecycle } from "../support/portal";

const emulator = useEmulatorLifecycle();
let control: EmulatorControl;
beforeEach(() => {
  control = new EmulatorControl(emulator.url());
});
afterEach(() => logoutAll());

const cce = () => cceAdminConfig(emulator.url()) as never;
const source = (values: Record<string, string>) => ({ get: (key: string) => values[key] }) as never;
const oracle = () =>
  source({ "oracle:url": emulator.url(), "oracle:username": oracleDemoCredentials.salesCloudUser.username, "oracle:password": oracleDemoCredentials.salesCloudUser.password });
const ucportal = () => source({ "ucportal:url": `${emulator.url()}/ucportal`, "ucportal:token": ucportalDemoTokens.acme, "ucportal:customerId": ucportalDemoTenants.acme });

interface Kind {
  kind: string;
  config: () => never;
  inputs: () => Promise<Record<string, unknown>>;
  module: { create(config: never, inputs: never): Promise<{ id: string; outs: object }>; recoverCreated(config: never, inputs: never): Promise<{ id: string; outs: object } | undefined> };
}

const kinds: Kind[] = [
  {
    kind: "skill group",
    config: cce,
    inputs: async () => (await skillGroup.check(cce(), {}, { peripheral: "CUCM_PG_1", name: "Recovered_Group", description: "r", serviceLevelThreshold: 20 })).inputs as never,
    module: skillGroup as never,
  },
  {
    kind: "CCE user",
    config: cce,
    inputs: async () =>
      (await user.check(cce(), {}, { loginName: "rec@DEM", template: "tmpl.agent@DEM", userType: "agent", firstName: "Rec", lastName: "Overed", phone: "5550998", agentId: "9998", skillGroups: ["Sales"] }))
        .inputs as never,
    module: user as never,
  },
  {
    kind: "Oracle resource user",
    config: oracle,
    inputs: async () =>
      (await resourceUser.check(oracle(), {}, { partyNumber: "CC_REC", firstName: "Rec", lastName: "Overed", email: "rec@example.com", organizationName: "NA Sales", orgRoleCode: "SALES_REPRESENTATIVE" }))
        .inputs as never,
    module: resourceUser as never,
  },
  {
    kind: "UC-portal customer user",
    config: ucportal,
    inputs: async () => (await customerUser.check(ucportal(), {}, { email: "rec@acme.example", displayName: "Rec Overed", roles: ["customer.user"] })).inputs as never,
    module: customerUser as never,
  },
];

describe.each(kinds)("$kind", ({ config, inputs, module }) => {
  test("nothing is found before the create, and after it the create's own id and outputs, with reads only", async () => {
    const declared = await inputs();
    expect(await module.recoverCreated(config(), declared as never)).toBeUndefined();
    const created = await module.create(config(), declared as never);

    await control.resetCalls();
    const recovered = await module.recoverCreated(config(), declared as never);
    expect(recovered).toEqual(created);
    expect((await control.journal()).filter((call) => call.write)).toEqual([]);
  });
});

test("an Oracle user found by e-mail whose party number is not the declared one is not taken as the one created", async () => {
  const declared = (await kinds[2].inputs()) as Record<string, unknown>;
  await resourceUser.create(oracle(), { ...declared, partyNumber: "CC_SOMEONE_ELSE" } as never);
  expect(await resourceUser.recoverCreated(oracle(), declared as never)).toBeUndefined();
});
