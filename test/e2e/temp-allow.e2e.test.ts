/**
 * TempAllow through the real Pulumi CLI: create, converge (no read API: refresh keeps the
 * state), update the expiration, switch to XML, replace on a customer change, revoke on
 * destroy; bad input refused in preview before any call; an unknown customer's 404; the
 * risk-cc password nowhere in the state.
 */
import { EmulatorControl } from "../support/portal";
import { riskccDemoCredentials, riskccDemoCustomers, startEmulator } from "../../emulator";
import { createTestStack, expectConverged, expectNotWrittenInPlaintext, plannedSteps, recordEvents, riskccConfig, TestStack } from "./harness";

const { username, password } = riskccDemoCredentials.admin;
const { alice, bob } = riskccDemoCustomers;
/** The resource types whose planned steps these tests read. */
const TYPES = /riskcc:TempAllow$/;

let url: string;
let control: EmulatorControl;
let emulator: { url: string; close(): Promise<void> };
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  url = emulator.url;
  control = new EmulatorControl(url);
});
afterAll(async () => emulator.close());
beforeEach(async () => control.reset());

/** What the emulator last saw provisioned for a customer (its tests-only control call: risk-cc has no read). */
async function provisioned(customerId: string): Promise<any> {
  const response = await fetch(`${url}/_emulator/riskcc/customers/${customerId}/temp-allow`);
  return response.status === 404 ? undefined : response.json();
}

/** A stack of the temp-allows program declaring `allows` (resource name -> TempAllow args). */
function stackDeclaring(allows: Record<string, object>): Promise<TestStack> {
  return createTestStack("temp-allows", { ...riskccConfig(url, username, password), allows: { value: JSON.stringify(allows) } });
}

const declare = (change: object = {}) => ({
  support: { customerId: alice, tempAllowType: 2, expirationDate: "2099-10-15T01:29:29.768Z", ...change },
});

test("up, converge, update the expiration, switch to XML, replace on a customer change, and revoke on destroy", async () => {
  const t = await stackDeclaring(declare());
  try {
    // GIVEN a declared allow WHEN up THEN risk-cc has it, as JSON.
    const up = await t.stack.up();
    expect(up.summary.resourceChanges).toMatchObject({ create: 2 }); // the stack and the allow
    expect(await provisioned(alice)).toMatchObject({ tempAllowType: 2, expirationDate: "2099-10-15T01:29:29.768Z", receivedAs: "json", active: true });
    expect(up.outputs.customerIds.value).toEqual({ support: alice });
    // No read call exists: refresh keeps the state, and neither preview nor refresh calls risk-cc.
    await control.resetCalls();
    await expectConverged(t);
    expect((await control.calls()).total).toBe(0);

    // WHEN the expiration changes THEN the preview plans exactly that update, and up provisions it.
    await t.stack.setConfig("allows", { value: JSON.stringify(declare({ expirationDate: "2099-12-31T23:59:59Z" })) });
    const planned = recordEvents();
    await t.stack.preview({ onEvent: planned.onEvent });
    expect(plannedSteps(planned.events, TYPES)).toEqual([["update", "support", ["expirationDate"]]]);
    await t.stack.up();
    expect(await provisioned(alice)).toMatchObject({ tempAllowType: 2, expirationDate: "2099-12-31T23:59:59Z", receivedAs: "json" });
    await expectConverged(t);

    // WHEN the format switches to XML THEN the same allow is provisioned as <TempAllowRequest>.
    await t.stack.setConfig("allows", { value: JSON.stringify(declare({ expirationDate: "2099-12-31T23:59:59Z", format: "xml" })) });
    const switched = recordEvents();
    await t.stack.up({ onEvent: switched.onEvent });
    expect(plannedSteps(switched.events, TYPES)).toEqual([["update", "support", ["format"]]]);
    expect(await provisioned(alice)).toMatchObject({ tempAllowType: 2, expirationDate: "2099-12-31T23:59:59Z", receivedAs: "xml", active: true });
    await expectConverged(t);

    // WHEN the customer changes THEN the allow is replaced: the new customer's is set, the old one's revoked.
    await t.stack.setConfig("allows", { value: JSON.stringify(declare({ customerId: bob, expirationDate: "2099-12-31T23:59:59Z", format: "xml" })) });
    const replaced = recordEvents();
    await t.stack.up({ onEvent: replaced.onEvent });
    expect(plannedSteps(replaced.events, TYPES)).toContainEqual(["replace", "support", ["customerId"]]);
    expect(await provisioned(bob)).toMatchObject({ tempAllowType: 2, expirationDate: "2099-12-31T23:59:59Z", active: true });
    expect(await provisioned(alice)).toMatchObject({ tempAllowType: 2, receivedAs: "xml", active: false });
    await expectConverged(t);

    // The password is a secret: it is nowhere in the state, nor its Base64 forms (the Basic header).
    const state = t.stateText();
    expect(state).toContain(bob);
    expectNotWrittenInPlaintext(t, [password, `${username}:${password}`]);

    // WHEN destroyed THEN the allow is revoked: provisioned again with an expiration of now.
    const before = Date.now();
    const destroy = await t.stack.destroy();
    expect(destroy.summary.resourceChanges).toMatchObject({ delete: 2 });
    const revoked = await provisioned(bob);
    expect(revoked).toMatchObject({ tempAllowType: 2, receivedAs: "xml", active: false });
    expect(revoked.expiresAtMs).toBeGreaterThanOrEqual(before - 1_000);
    expect(revoked.expiresAtMs).toBeLessThanOrEqual(Date.now());
  } finally {
    await t.cleanup();
  }
});

test("bad input fails the preview with the field, rule and value, before any API call", async () => {
  // One resource: the engine stops at the first resource whose check fails.
  const t = await stackDeclaring({ bad: { customerId: alice, tempAllowType: 1.5, expirationDate: "2019-06-31T00:00:00Z" } });
  try {
    await control.resetCalls();
    const error = await t.stack.preview().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeDefined();
    expect(error!.message).toContain(
      'expirationDate must be an RFC 3339 date-time with seconds and an offset, like 2021-08-13T01:29:29.768Z or 2021-08-13T10:29:29+09:00: June 2019 has no day 31 (it has 30 days), got "2019-06-31T00:00:00Z"',
    );
    expect(error!.message).toContain("tempAllowType must be one of the integers 1, 2, 3 (the levels of customercare.case.tempallow.level.enum), got 1.5");
    expect((await control.calls()).total).toBe(0);

    // A well-formed date in the past is refused too.
    await t.stack.setConfig("allows", { value: JSON.stringify({ bad: { customerId: alice, tempAllowType: 1, expirationDate: "2021-10-15T01:29:29.768Z" } }) });
    const past = await t.stack.preview().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(past!.message).toMatch(/expirationDate must be later than now \([^)]+\): an allow that has already expired grants nothing, got "2021-10-15T01:29:29.768Z"/);
    expect((await control.calls()).total).toBe(0);
  } finally {
    await t.cleanup();
  }
});

test("an unknown customer fails the up with the seed's 404 meaning, and nothing is kept in the state", async () => {
  const t = await stackDeclaring({ ghost: { customerId: "u-999999", tempAllowType: 1, expirationDate: "2099-01-01T00:00:00Z" } });
  try {
    const error = await t.stack.up().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error!.message).toContain("risk-cc PUT customercare/v1/u-999999/provision failed: HTTP_404: customer ID not found: no user has this uniqueUserId");
    const { deployment } = await t.stack.exportStack();
    expect((deployment.resources ?? []).filter((r: { type: string }) => TYPES.test(r.type))).toEqual([]);
  } finally {
    await t.cleanup();
  }
});
