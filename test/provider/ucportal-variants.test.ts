/**
 * The UC portal played by a server that differs from our reading of its documents
 * (emulator/variants.ts): for each variant, the provider behaves correctly or refuses clearly,
 * and writes nothing wrong (the emulator's journal and the portal's users are the evidence).
 */
import { ucportalDemoTenants, ucportalDemoTokens, ucportalDemoUsers } from "../../emulator";
import type { Variant } from "../../emulator/variants";
import { isContractError, isConflictError } from "../../provider/core/errors";
import { clearSharedReads } from "../../provider/core/shared-read";
import { UcPortalClient } from "../../provider/ucportal/client";
import { resolveUcPortalConnection } from "../../provider/ucportal/connection";
import { listUsers } from "../../provider/ucportal/customer-users-api";
import { check, create, read, remove, update } from "../../provider/ucportal/customer-user.lifecycle";
import { CustomerUserInputs, CustomerUserOutputs } from "../../provider/ucportal/customer-user";
import { useUcPortalEmulator } from "../support/ucportal";

const emulator = useUcPortalEmulator();
const acme = () => {
  const values: Record<string, string> = { "ucportal:url": emulator.api.portalUrl, "ucportal:token": ucportalDemoTokens.acme, "ucportal:customerId": ucportalDemoTenants.acme };
  return { get: (key: string) => values[key] };
};
const declared = async (args: Record<string, unknown>, olds: object = {}) => (await check(acme(), olds, args)).inputs as CustomerUserInputs;
const play = (...variants: Variant[]) => emulator.control.configure({ variants });
const writes = async () => (await emulator.control.journal()).filter((call) => call.write).map((call) => `${call.method} ${call.path}`);
const failureOf = <T>(promise: Promise<T>) => promise.then(() => undefined, (error: Error) => error);

beforeEach(() => clearSharedReads());
afterEach(() => play());

const carol = ucportalDemoUsers.carol;

test("a list that ignores ?email=: adoption takes the user with that e-mail, not the first one listed, and writes to it alone", async () => {
  await play("ucportal-ignores-email-filter");
  await emulator.control.resetCalls();
  const inputs = await declared({ displayName: "Carol Diaz-Ruiz", email: carol.email.toUpperCase(), roles: carol.roles, adopt: true });
  const { id, outs } = await create(acme(), inputs);
  expect(id).toBe(carol.id);
  expect(outs).toMatchObject({ userId: carol.id, displayName: "Carol Diaz-Ruiz" });
  expect(await writes()).toEqual([`PATCH /ucportal/v1/customers/${ucportalDemoTenants.acme}/users/${carol.id}`]);
  // The first user of the tenant is untouched.
  expect((await emulator.api.getUser(ucportalDemoUsers.alice.id)).body.displayName).toBe(ucportalDemoUsers.alice.displayName);
});

test("a list that ignores ?email=, for an e-mail nobody has: nothing is adopted and nothing written", async () => {
  await play("ucportal-ignores-email-filter");
  await emulator.control.resetCalls();
  const inputs = await declared({ displayName: "Nobody", email: "nobody@acme.example", roles: ["customer.user"], adopt: true });
  const { id } = await create(acme(), inputs);
  // Created anew, as the portal has no such user: the one write is the POST.
  expect(await writes()).toEqual([`POST /ucportal/v1/customers/${ucportalDemoTenants.acme}/users`]);
  expect((await emulator.api.getUser(id)).body.email).toBe("nobody@acme.example");
});

test("a list that ignores ?offset= and gives no total: the second page repeats the first, and the read stops saying so", async () => {
  // A full first page (500) is needed for a second one to be asked for.
  for (let i = 0; i < 500; i++) await emulator.api.createUser({ displayName: `Bulk ${i}`, email: `bulk.${i}@acme.example`, roles: ["customer.user"] });
  const client = new UcPortalClient(resolveUcPortalConnection(acme()));
  // Paging as documented reads every user once.
  const all = await listUsers(client);
  expect(all).toHaveLength(500 + 4);
  expect(new Set(all.map((u) => u.id)).size).toBe(all.length);

  await play("ucportal-ignores-offset");
  const failure = await failureOf(listUsers(client));
  expect(isContractError(failure)).toBe(true);
  expect(failure!.message).toMatch(/^UC portal GET users answered in a way this provider does not rely on: the page at offset 500 repeats user \S+ of an earlier page \(is `offset` ignored\?\)\. Nothing was written after this answer/);
});

test("lists answered as bare arrays: refused, naming the endpoint and what came, before any write", async () => {
  await play("ucportal-bare-arrays");
  await emulator.control.resetCalls();
  const inputs = await declared({ displayName: carol.displayName, email: carol.email, roles: carol.roles, adopt: true });
  const failure = await failureOf(create(acme(), inputs));
  expect(isContractError(failure)).toBe(true);
  expect(failure!.message).toMatch(/^UC portal GET users answered in a way this provider does not rely on: the answer: expected an object, got an array \[\{"id":"0b7f3a52/);
  expect(failure!.message).toContain("what the provider relies on is in docs/ucportal-wire-decisions.md");
  expect(await writes()).toEqual([]);
});

test("fields the documents do not name are tolerated, and kept out of the state", async () => {
  await play("ucportal-extra-fields");
  const inputs = await declared({ displayName: "Dana Reyes", email: "dana.reyes@acme.example", roles: ["customer.user"] });
  const { id, outs } = await create(acme(), inputs);
  const changed = await declared({ displayName: "Dana Reyes-Diaz", email: "dana.reyes@acme.example", roles: ["customer.user"] }, inputs);
  const { outs: updated } = await update(acme(), id, outs, changed);
  const refreshed = await read(acme(), id, updated);
  for (const outputs of [outs, updated, refreshed.props as CustomerUserOutputs]) {
    expect(JSON.stringify(outputs)).not.toMatch(/createdAt|mfaEnrolled|links/);
  }
  expect(refreshed.props).toMatchObject({ displayName: "Dana Reyes-Diaz" });
});

test("users answered without roles: a refresh and an update refuse, naming the field, and nothing is written", async () => {
  const inputs = await declared({ displayName: "Dana Reyes", email: "dana.reyes@acme.example", roles: ["customer.user"] });
  const { id, outs } = await create(acme(), inputs);
  await play("ucportal-no-roles");
  await emulator.control.resetCalls();

  const refresh = await failureOf(read(acme(), id, outs));
  expect(isContractError(refresh)).toBe(true);
  expect(refresh!.message).toMatch(/^UC portal GET users(\/\S+)? answered in a way this provider does not rely on: (items\[\d+\]\.)?roles: expected an array, got nothing \(the field is missing\)/);

  const changed = await declared({ displayName: "Dana Reyes", email: "dana.reyes@acme.example", roles: ["customer.user", "customer.user.uc"] }, inputs);
  const updating = await failureOf(update(acme(), id, outs, changed));
  expect(isContractError(updating)).toBe(true);
  expect(await writes()).toEqual([]);
});

test("a delete re-reads the user first: one whose e-mail is not the state's is not deleted", async () => {
  const inputs = await declared({ displayName: "Dana Reyes", email: "dana.reyes@acme.example", roles: ["customer.user"] });
  const { id, outs } = await create(acme(), inputs);
  await emulator.control.resetCalls();
  const failure = await failureOf(remove(acme(), id, { ...outs, email: "someone.else@acme.example" }));
  expect(isConflictError(failure)).toBe(true);
  expect(failure!.message).toBe(
    `customer user ${id} has the e-mail dana.reyes@acme.example in the portal, not someone.else@acme.example as the state says: nothing was deleted. ` +
      "Run `pulumi refresh` and check which user this is before deleting it",
  );
  expect(await writes()).toEqual([]);
  expect((await emulator.api.getUser(id)).status).toBe(200);
  // The right user is deleted, after the same check.
  await remove(acme(), id, outs);
  expect((await emulator.api.getUser(id)).status).toBe(404);
});
