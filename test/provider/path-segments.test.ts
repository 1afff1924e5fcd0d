/**
 * Every identifier that goes into a URL path (a risk-cc customer id, the UC portal's API
 * version, customer tenant and user ids, Oracle's REST version and item keys) is one segment,
 * whatever it holds: `.` and `..` are refused before any call (a URL would read them as steps
 * in the path), and `/`, `%2e`, `?` and `#` travel encoded inside the segment. Checked where it
 * counts: the paths the emulator received, in its journal.
 */
import { oracleDemoCredentials, riskccDemoCredentials, ucportalDemoTenants, ucportalDemoTokens } from "../../emulator";
import { OracleClient } from "../../provider/oracle/client";
import { getResourceUser } from "../../provider/oracle/resource-users-api";
import { RiskCcClient } from "../../provider/riskcc/client";
import { check as checkTempAllow } from "../../provider/riskcc/temp-allow.lifecycle";
import { UcPortalClient } from "../../provider/ucportal/client";
import { getUser } from "../../provider/ucportal/customer-users-api";
import { cceAdminConfig, EmulatorControl, useEmulatorLifecycle } from "../support/portal";
import { read as readUser, remove as removeUser } from "../../provider/cce/user.lifecycle";
import { read as readQueue } from "../../provider/cce/precision-queue.lifecycle";
import { remove as removeAttribute } from "../../provider/cce/agent-attribute.lifecycle";

const emulator = useEmulatorLifecycle();
const HOSTILE = [".", "..", "/", "%2e", "?", "#", "a/../b"];
const DOT_SEGMENTS = [".", ".."];

let control: EmulatorControl;
beforeEach(() => (control = new EmulatorControl(emulator.url())));

/** The paths the emulator was asked for since the last reset. */
const paths = async () => (await control.journal()).map((entry) => entry.path);

/** Runs `call`; a dot segment must be refused before any call, anything else must stay one segment of `expected(value)`. */
async function expectOneSegment(value: string, call: () => Promise<unknown>, expected: (segment: string) => string) {
  await control.resetCalls();
  // A refusal may come when the client is built, before any promise: both count.
  const outcome = await Promise.resolve().then(call).then(
    () => undefined,
    (error: Error) => error,
  );
  if (DOT_SEGMENTS.includes(value)) {
    expect(outcome?.message).toMatch(/must not be "\.\.?", which a URL reads as a step up or sideways in the path \(it goes into a URL path\)/);
    expect(await paths()).toEqual([]);
  } else {
    expect(await paths()).toEqual([expected(encodeURIComponent(value))]);
  }
}

test.each(HOSTILE)("risk-cc customer id %j: refused by the check or sent as one segment", async (value) => {
  const riskcc = riskccDemoCredentials.admin;
  const client = new RiskCcClient({ url: emulator.url(), username: riskcc.username, password: riskcc.password });
  await expectOneSegment(value, () => client.provision(value, { tempAllowType: 1, expirationDate: "2099-01-01T00:00:00Z" }, "json"), (segment) => `/risk-cc/customercare/v1/${segment}/provision`);
  // The resource's check() refuses the dot segments (and a slash) before a plan exists.
  const checked = await checkTempAllow(undefined, {}, { customerId: value, tempAllowType: 1, expirationDate: "2099-01-01T00:00:00Z" });
  expect(checked.failures.length > 0).toBe(DOT_SEGMENTS.includes(value) || value.includes("/"));
});

test.each(HOSTILE)("UC portal version, tenant and user id %j: each refused or sent as one segment", async (value) => {
  const base = { url: `${emulator.url()}/ucportal`, token: ucportalDemoTokens.acme, customerId: ucportalDemoTenants.acme, version: "v1" };
  const tenant = `/ucportal/v1/customers/${ucportalDemoTenants.acme}`;
  await expectOneSegment(value, () => getUser(new UcPortalClient(base), value), (segment) => `${tenant}/users/${segment}`);
  await expectOneSegment(value, () => getUser(new UcPortalClient({ ...base, customerId: value }), "u1"), (segment) => `/ucportal/v1/customers/${segment}/users/u1`);
  await expectOneSegment(value, () => getUser(new UcPortalClient({ ...base, version: value }), "u1"), (segment) => `/ucportal/${segment}/customers/${ucportalDemoTenants.acme}/users/u1`);
});

test.each(HOSTILE)("Oracle REST version and item key %j: each refused or sent as one segment", async (value) => {
  const oracle = oracleDemoCredentials.salesCloudUser;
  const base = { url: emulator.url(), username: oracle.username, password: oracle.password, restVersion: "11.13.18.05" };
  await expectOneSegment(value, () => getResourceUser(new OracleClient(base), value), (segment) => `/crmRestApi/resources/11.13.18.05/resourceUsers/${segment}`);
  await expectOneSegment(value, () => getResourceUser(new OracleClient({ ...base, restVersion: value }), "KEY"), (segment) => `/crmRestApi/resources/${segment}/resourceUsers/KEY`);
});

test("a CCE id in the state that is not a positive whole number is refused before any call is made with it", async () => {
  const cceConfig = cceAdminConfig(emulator.url());
  const control = new EmulatorControl(emulator.url());
  await control.resetCalls();
  const attempts: [string, Promise<unknown>][] = [
    ["user read", readUser(cceConfig, "12abc", {} as never)],
    ["user remove", removeUser(cceConfig, "-5", { loginName: "x@DEM", deletionPolicy: "delete" } as never)],
    ["precision queue read", readQueue(cceConfig as never, "NaN", {} as never)],
    ["agent attribute remove", removeAttribute(cceConfig, "300200/../5121", {} as never)],
  ];
  for (const [what, attempt] of attempts) {
    const failure = await attempt.then(
      () => undefined,
      (error: Error) => error,
    );
    expect({ what, message: failure?.message }).toEqual({ what, message: expect.stringMatching(/^the .* id in the state must be a positive whole number, got "/) });
  }
  // Not one call carried such an id (a login at most).
  expect((await control.journal()).filter((call) => !call.path.endsWith("login/login"))).toEqual([]);
});
