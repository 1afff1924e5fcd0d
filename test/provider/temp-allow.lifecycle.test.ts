/**
 * TempAllow's lifecycle functions and the risk-cc client against the emulator over HTTP,
 * below the engine: provisioning in JSON and XML, updates, revocation on delete, the
 * seed's refusals as clear errors, retries of the idempotent PUT, secrets kept out of errors.
 */
import { riskccDemoCredentials, riskccDemoCustomers, startEmulator } from "../../emulator";
import { isApiError } from "../../provider/core/errors";
import { RiskCcClient } from "../../provider/riskcc/client";
import { create, read, remove, update } from "../../provider/riskcc/temp-allow.lifecycle";
import { TempAllowInputs } from "../../provider/riskcc/temp-allow";
import { EmulatorControl } from "../support/portal";

const { admin } = riskccDemoCredentials;
const { alice, bob } = riskccDemoCustomers;
const PUT_ALICE = `PUT /risk-cc/customercare/v1/${alice}/provision`;
const fastRetry = { attempts: 4, baseDelayMs: 10, maxDelayMs: 2_000, maxRetryAfterMs: 2_000, timeoutMs: 5_000 };

let emulator: { url: string; close(): Promise<void> };
let control: EmulatorControl;
let config: { get(key: string): string | undefined };
let values: Record<string, string>;

const inputs = (overrides: Partial<TempAllowInputs> = {}): TempAllowInputs => ({
  customerId: alice,
  tempAllowType: 1,
  expirationDate: "2099-10-15T01:29:29.768Z",
  format: "json",
  ...overrides,
});

/** What the emulator last saw provisioned for a customer (its tests-only control call). */
async function provisioned(customerId: string): Promise<any> {
  const response = await fetch(`${emulator.url}/_emulator/riskcc/customers/${customerId}/temp-allow`);
  return response.status === 404 ? undefined : response.json();
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  control = new EmulatorControl(emulator.url);
});
afterAll(async () => emulator.close());
beforeEach(async () => {
  await control.reset();
  values = { "riskcc:url": emulator.url, "riskcc:username": admin.username, "riskcc:password": admin.password };
  config = { get: (key) => values[key] };
});

describe("lifecycle", () => {
  test.each(["json", "xml"] as const)("create provisions in %s, and read returns the state as it is", async (format) => {
    const { id, outs } = await create(config as never, inputs({ format, tempAllowType: 2 }));
    expect(id).toBe(alice);
    expect(outs).toEqual({ ...inputs({ format, tempAllowType: 2 }), provisionedAt: expect.any(String) });
    expect(Math.abs(Date.parse(outs.provisionedAt) - Date.now())).toBeLessThan(10_000);
    expect(await provisioned(alice)).toMatchObject({ tempAllowType: 2, expirationDate: "2099-10-15T01:29:29.768Z", receivedAs: format, active: true });
    await control.resetCalls();
    expect(await read(config as never, id, outs)).toEqual({ id, props: outs, inputs: inputs({ format, tempAllowType: 2 }) });
    expect((await control.calls()).total).toBe(0); // there is no read call to make
  });

  test("update provisions the new values, and a format change alone is sent in the new format", async () => {
    const { id, outs } = await create(config as never, inputs());
    const { outs: later } = await update(config as never, id, outs, inputs({ expirationDate: "2099-12-31T23:59:59Z", tempAllowType: 3 }));
    expect(later).toMatchObject({ tempAllowType: 3, expirationDate: "2099-12-31T23:59:59Z" });
    expect(await provisioned(alice)).toMatchObject({ tempAllowType: 3, expirationDate: "2099-12-31T23:59:59Z", receivedAs: "json" });
    await update(config as never, id, later, { ...inputs({ expirationDate: "2099-12-31T23:59:59Z", tempAllowType: 3 }), format: "xml" });
    expect(await provisioned(alice)).toMatchObject({ tempAllowType: 3, receivedAs: "xml" });
  });

  test.each(["json", "xml"] as const)("delete revokes in %s by provisioning the same level expiring now", async (format) => {
    const { id, outs } = await create(config as never, inputs({ format, tempAllowType: 2 }));
    const before = Date.now();
    await remove(config as never, id, outs);
    const revoked = await provisioned(alice);
    expect(revoked).toMatchObject({ tempAllowType: 2, receivedAs: format, active: false });
    expect(revoked.expiresAtMs).toBeGreaterThanOrEqual(before);
    expect(revoked.expiresAtMs).toBeLessThanOrEqual(Date.now());
  });

  test("delete of a customer that no longer exists succeeds: already gone", async () => {
    await expect(remove(config as never, "u-999999", { ...inputs({ customerId: "u-999999" }), provisionedAt: "x" })).resolves.toBeUndefined();
  });

  test("delete through a URL that reaches no risk-cc fails rather than forgetting the allow", async () => {
    const { id, outs } = await create(config as never, inputs());
    values["riskcc:url"] = `${emulator.url}/elsewhere`;
    await expect(remove(config as never, id, outs)).rejects.toThrow(
      "HTTP_404: not found: no risk-cc provisioning service answered at this URL (check riskcc:url)",
    );
    expect(await provisioned(alice)).toMatchObject({ active: true });
  });

  test("create for an unknown customer fails naming the status and its meaning", async () => {
    const error = await create(config as never, inputs({ customerId: "u-999999" })).catch((e) => e);
    expect(isApiError(error)).toBe(true);
    expect(error.message).toBe(
      "risk-cc PUT customercare/v1/u-999999/provision failed: HTTP_404: customer ID not found: no user has this uniqueUserId " +
        "(customer ID not found: u-999999)",
    );
    // Recognisable in the provider process by its marker, with the stack cut to the message.
    expect(error.stack).toBe(`ApiError: ${error.message}`);
  });

  test("a missing connection is named before any call", async () => {
    values = { "riskcc:url": emulator.url };
    const saved = { ...process.env };
    delete process.env.RISKCC_USERNAME;
    delete process.env.RISKCC_PASSWORD;
    try {
      await expect(create(config as never, inputs())).rejects.toThrow(
        "The risk-cc connection is not configured: missing riskcc:username (or RISKCC_USERNAME), riskcc:password",
      );
      expect((await control.calls()).total).toBe(0);
    } finally {
      process.env = saved;
    }
  });

  test("the password never appears in an error, even when the server echoes it", async () => {
    // A misconfigured URL that carries the password: the emulator's 404 body repeats the path.
    values["riskcc:url"] = `${emulator.url}/${admin.password}`;
    const error = await create(config as never, inputs()).catch((e) => e);
    expect(error.message).toContain("HTTP_404");
    expect(error.message).toContain("[secret]");
    expect(error.message).not.toContain(admin.password);
    expect(error.stack).not.toContain(admin.password);
  });
});

describe("client", () => {
  const client = (who: { username: string; password: string } = admin) => new RiskCcClient({ url: emulator.url, ...who }, fastRetry);
  const grant = { tempAllowType: 1, expirationDate: "2099-01-01T00:00:00Z" };

  test.each(["json", "xml"] as const)("a %s provision answers the StatusResponse with a sessionId", async (format) => {
    expect(await client().provision(alice, grant, format)).toEqual({ responseCode: "0", responseMessage: "", sessionId: expect.any(String), status: true });
  });

  test.each(["json", "xml"] as const)("400 names invalid input and the server's reason (%s)", async (format) => {
    const error = await client().provision(alice, { tempAllowType: 7, expirationDate: "2019-06-31T00:00:00Z" }, format).catch((e) => e);
    expect(isApiError(error)).toBe(true);
    expect(error.constant).toBe("HTTP_400");
    expect(error.message).toContain(`risk-cc PUT customercare/v1/${alice}/provision failed: HTTP_400: invalid input: risk-cc refused the tempAllowType or the expirationDate`);
    expect(error.message).toContain("tempAllowType must be one of the integers 1, 2, 3");
    expect(error.message).toContain("June 2019 has no day 31");
  });

  test("401 names the credentials to check", async () => {
    const error = await client({ username: admin.username, password: "wrong-password" }).provision(alice, grant, "json").catch((e) => e);
    expect(error.message).toContain("HTTP_401: not authenticated: risk-cc refused the HTTP Basic credentials (check riskcc:username and riskcc:password)");
    expect(await control.calls()).toMatchObject({ total: 1 }); // not retried
  });

  test("the PUT is idempotent: a 500 and a lost answer are retried, and the allow is set once as asked", async () => {
    await control.fault({ endpoint: "provision", kind: "status", status: 500 });
    await control.fault({ endpoint: "provision", kind: "drop-response" });
    expect((await client().provision(alice, grant, "xml")).status).toBe(true);
    expect((await control.calls()).byEndpoint[PUT_ALICE]).toBe(3);
    expect(await provisioned(alice)).toMatchObject({ tempAllowType: 1, expirationDate: "2099-01-01T00:00:00Z" });
  });

  test("429 is retried after Retry-After", async () => {
    await control.fault({ endpoint: "provision", kind: "rate-limit", retryAfterSeconds: 0 });
    expect((await client().provision(bob, grant, "json")).status).toBe(true);
  });
});
