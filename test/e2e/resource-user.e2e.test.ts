/**
 * ResourceUser and getChatAuthenticationOutput through the real Pulumi CLI against the Oracle CX
 * emulator: create and adopt, converge, drift made by hand found by refresh, a concurrent change
 * reported as a 412 conflict, bad input refused before any call, deletion policy, secrets.
 */
import { oracleDemoCredentials } from "../../emulator/oracle/tenant";
import { OracleApi } from "../support/oracle";
import { createTestStack, expectConverged, expectNotWrittenInPlaintext, oracleConfig, plannedSteps, recordEvents, TestStack, useCceEmulator } from "./harness";

const { username, password } = oracleDemoCredentials.salesCloudUser;
const SALES_REP = 300100010000101;
const SERVICE_REP = 300100010000104;
const TYPES = /oracle:ResourceUser$/;

// One emulator serves every vendor; its hooks reset the whole tenant before each test.
const emulator = useCceEmulator();

interface Declaration {
  users: Record<string, object>;
  chatUser?: string;
}

function configOf(d: Declaration) {
  return {
    ...oracleConfig(emulator.url, username, password),
    users: { value: JSON.stringify(d.users) },
    ...(d.chatUser ? { chatUser: { value: d.chatUser } } : {}),
  };
}
const stackDeclaring = (d: Declaration) => createTestStack("resource-users", configOf(d));
const redeclare = (t: TestStack, d: Declaration) => t.stack.setAllConfig(configOf(d));

const oracle = () => new OracleApi(emulator.url, { frameworkVersion: "4" });
async function live(partyNumber: string) {
  const reply = await oracle().get("resourceUsers", { q: `ResourcePartyNumber=${partyNumber}`, expand: "ResourceRoleAssign", onlyData: "true" });
  return reply.body.items[0];
}
/** The role ids of an item read with expand (framework version 4: the child is a collection). */
const roleIdsOf = (item: { ResourceRoleAssign: { items: { RoleId: number }[] } }) => item.ResourceRoleAssign.items.map((r) => r.RoleId);

const dana = (change: object = {}) => ({
  partyNumber: "CC_DANA",
  firstName: "Dana",
  lastName: "Reyes",
  email: "dana.reyes@example.com",
  organizationName: "NA Sales",
  orgRoleCode: "SALES_REPRESENTATIVE",
  roles: [{ roleId: SALES_REP }],
  ...change,
});
// Adopted by e-mail: a seeded user.
const katty = { lastName: "Smith", email: "katty.smith@dnd.vision.com", workPhoneNumber: "6505061299", adopt: true, deletionPolicy: "retain" };

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: Error) => e,
  );

test("create and adopt, converge, chat authentication as a secret, update only what changed, destroy suspends", async () => {
  const t = await stackDeclaring({ users: { dana: dana(), katty }, chatUser: "jsmith439906587" });
  try {
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 3 });
    expect(await live("CC_DANA")).toMatchObject({ FirstName: "Dana", PartyName: "Dana Reyes", ResourceOrgRoleCode: "SALES_REPRESENTATIVE", UserStatus: "A" });
    expect(await live("Conta855676")).toMatchObject({ RawWorkPhoneNumber: "6505061299", FirstName: "Katty" });
    expect(up.outputs.users.value.katty).toEqual({ partyNumber: "Conta855676", partyName: "Katty Smith", status: "A" });
    expect(up.outputs.chat.value).toMatchObject({ domain: "vision.widget.custhelp.example", poolId: "365:1", chatSiteName: "vision" });
    const jwt: string = up.outputs.chat.value.jwt;
    expect(jwt.split(".")).toHaveLength(3);
    await expectConverged(t);

    // Secrets: neither the Oracle password nor the JWT is in the state, in any form.
    const state = t.stateText();
    expect(state).toContain("CC_DANA");
    expectNotWrittenInPlaintext(t, [password, jwt, `${username}:${password}`]);

    // WHEN a name and the roles change THEN one update PATCHes the name and swaps the role.
    await redeclare(t, { users: { dana: dana({ firstName: "Danielle", roles: [{ roleId: SERVICE_REP }] }), katty } });
    const planned = recordEvents();
    await t.stack.preview({ onEvent: planned.onEvent });
    expect(plannedSteps(planned.events, TYPES)).toEqual([["update", "dana", ["firstName", "roles"]]]);
    await emulator.control.resetCalls();
    await t.stack.up();
    const patches = Object.entries((await emulator.control.calls()).byEndpoint).filter(([key]) => key.startsWith("PATCH"));
    expect(patches).toEqual([[expect.stringMatching(/^PATCH \/crmRestApi\/resources\/11\.13\.18\.05\/resourceUsers\/[0-9A-F]+$/), 1]]);
    const after = await live("CC_DANA");
    expect(after.FirstName).toBe("Danielle");
    expect(roleIdsOf(after)).toEqual([SERVICE_REP]);
    await expectConverged(t);

    // WHEN destroyed THEN the created user is suspended (no delete API) and the adopted one retained.
    await t.stack.destroy();
    expect((await live("CC_DANA")).UserStatus).toBe("S");
    expect((await live("Conta855676")).UserStatus).toBe("A");
  } finally {
    await t.cleanup();
  }
});

test("a change made by hand is found by refresh field by field, and put back by up", async () => {
  const t = await stackDeclaring({ users: { dana: dana() } });
  try {
    await t.stack.up();
    // By hand: another name, a role added, and an undeclared field (not managed: not drift).
    const api = oracle();
    await api.patchUser("CC_DANA", { LastName: "Rey", RawMobilePhoneNumber: "5550199" });
    await api.post(`${await api.userHref("CC_DANA")}/child/ResourceRoleAssign`, { RoleId: SERVICE_REP });

    const refresh = await t.stack.refresh();
    expect(refresh.summary.resourceChanges).toMatchObject({ update: 1 });
    const restore = recordEvents();
    await t.stack.preview({ onEvent: restore.onEvent });
    expect(plannedSteps(restore.events, TYPES)).toEqual([["update", "dana", ["lastName", "roles"]]]);
    await t.stack.up();
    const after = await live("CC_DANA");
    expect(after).toMatchObject({ LastName: "Reyes", RawMobilePhoneNumber: "5550199" });
    expect(roleIdsOf(after)).toEqual([SALES_REP]);
    await expectConverged(t);
  } finally {
    await t.cleanup();
  }
});

test("a change made in Oracle after the last refresh is a conflict (412), never overwritten", async () => {
  const t = await stackDeclaring({ users: { dana: dana() } });
  try {
    await t.stack.up();
    await oracle().patchUser("CC_DANA", { FirstName: "Dee" });
    await redeclare(t, { users: { dana: dana({ middleName: "Q" }) } });
    const failed = await failureOf(t.stack.up());
    expect(failed?.message).toContain("resource user CC_DANA changed in Oracle since the state was written (HTTP 412 Precondition Failed");
    expect(failed?.message).toContain('firstName "Dana" in the state, "Dee" in Oracle. Nothing was changed.');
    expect(await live("CC_DANA")).toMatchObject({ FirstName: "Dee", MiddleName: null });
    // Taking Oracle's version with a refresh, the declaration then applies.
    await t.stack.up({ refresh: true });
    expect(await live("CC_DANA")).toMatchObject({ FirstName: "Dana", MiddleName: "Q" });
    await expectConverged(t);
  } finally {
    await t.cleanup();
  }
});

test("bad input fails the preview with the field, rule and value, before any API call", async () => {
  // The engine stops a preview at the first resource that fails check(), so one case per preview.
  const cases: [object, string][] = [
    [{ endDate: "2019-06-31" }, `endDate must be a real calendar date in the form YYYY-MM-DD (Oracle's date type), got "2019-06-31"`],
    [{ firstName: "x".repeat(151) }, "firstName must be at most 150 characters (Oracle's maximum length)"],
    [{ userStatus: "I" }, `userStatus must be "A" (active) or "S" (suspended)`],
    [{ roles: [{ roleId: SALES_REP, startDate: "2026-03-01", endDate: "2026-02-01" }] }, `roles.0.endDate must not be before startDate 2026-03-01, got "2026-02-01"`],
    [{ email: undefined }, "email is required by Oracle (ResourceEmail), got nothing"],
  ];
  const t = await stackDeclaring({ users: {} });
  try {
    for (const [change, message] of cases) {
      await redeclare(t, { users: { dana: dana(change) } });
      await emulator.control.resetCalls();
      const error = await failureOf(t.stack.preview());
      expect(error?.message).toContain(message);
      expect((await emulator.control.calls()).total).toBe(0);
    }
  } finally {
    await t.cleanup();
  }
});
