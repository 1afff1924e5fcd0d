/**
 * ResourceUser's lifecycle functions against the Oracle CX emulator over HTTP, below the engine:
 * create with roles, PATCH of changed fields only, the 412 conflict, adoption, a lost POST
 * answer, reads of drift, deletion policies.
 */
import { clearSharedReads } from "../../provider/core/shared-read";
import { startEmulator } from "../../emulator";
import { check, create, read, remove, update } from "../../provider/oracle/resource-user.lifecycle";
import { ResourceUserInputs, ResourceUserOutputs } from "../../provider/oracle/resource-user";
import { EmulatorControl } from "../support/portal";
import { OracleApi, oracleProviderConfig } from "../support/oracle";

const SALES_REP = 300100010000101;
const SERVICE_REP = 300100010000104;

let emulator: { url: string; close(): Promise<void> };
let control: EmulatorControl;
let oracle: OracleApi;
let config: { get(key: string): string | undefined };

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  control = new EmulatorControl(emulator.url);
  oracle = new OracleApi(emulator.url, { frameworkVersion: "4" });
  config = oracleProviderConfig(emulator.url);
});
afterAll(async () => emulator.close());
beforeEach(async () => control.reset());

/** Inputs as check() makes them from what a program declares. */
async function declared(args: Record<string, unknown>): Promise<ResourceUserInputs> {
  const result = await check(config, {}, args);
  expect(result.failures).toEqual([]);
  return result.inputs;
}

/** The item as Oracle holds it, found by party number. */
async function live(partyNumber: string) {
  const reply = await oracle.get("resourceUsers", { q: `ResourcePartyNumber=${partyNumber}`, expand: "ResourceRoleAssign", onlyData: "true" });
  return reply.body.items[0];
}

const dana = { firstName: "Dana", lastName: "Reyes", email: "dana.reyes@example.com", organizationName: "NA Sales", orgRoleCode: "SALES_REPRESENTATIVE" };

test("create with roles, then read returns what was created with Oracle's read-only fields", async () => {
  const inputs = await declared({ ...dana, roles: [{ roleId: SALES_REP }] });
  const { id, outs } = await create(config, inputs);
  expect(id).toMatch(/^CDRM_\d+$/);
  expect(outs).toMatchObject({ resourcePartyNumber: id, partyName: "Dana Reyes", username: "dana.reyes@example.com", effectiveUserStatus: "A", adopted: false, updateAllowed: true });
  expect(outs.uniqId).toMatch(/^00020000000EACED[0-9A-F]{48}$/);
  expect(outs.roleAssignments).toEqual([expect.objectContaining({ roleId: SALES_REP, roleCode: "SALES_REPRESENTATIVE", endDate: null })]);
  const item = await live(id);
  expect(item).toMatchObject({ FirstName: "Dana", ResourceOrganizationName: "NA Sales", ResourceOrgRoleCode: "SALES_REPRESENTATIVE" });

  const refreshed = (await read(config, id, outs)) as { id: string; props: ResourceUserOutputs; inputs: Record<string, unknown> };
  expect(refreshed.id).toBe(id);
  expect(refreshed.props.changeIndicator).toBe(outs.changeIndicator);
  // The declared inputs read back unchanged: no drift; the generated party number is not declared.
  expect(refreshed.inputs).toEqual({ ...dana, roles: [{ roleId: SALES_REP }], adopt: false, deletionPolicy: "suspend" });
});

test("update PATCHes only the changed attributes, with the state's ETag, and reconciles roles", async () => {
  const inputs = await declared({ ...dana, roles: [{ roleId: SALES_REP }] });
  const { id, outs } = await create(config, inputs);
  await control.resetCalls();
  const news = await declared({ ...dana, firstName: "Danielle", roles: [{ roleId: SERVICE_REP }] });
  const { outs: after } = await update(config, id, outs, news);
  const calls = (await control.calls()).byEndpoint;
  const patches = Object.entries(calls).filter(([key]) => key.startsWith("PATCH") && !key.includes("/child/"));
  expect(patches.map(([, count]) => count)).toEqual([1]);
  expect(after.partyName).toBe("Danielle Reyes");
  expect(after.changeIndicator).not.toBe(outs.changeIndicator);
  expect(after.roleAssignments.map((a) => a.roleId)).toEqual([SERVICE_REP]);
  const item = await live(id);
  expect(item.FirstName).toBe("Danielle");
  expect(item.ResourceRoleAssign.items ?? item.ResourceRoleAssign).toEqual([expect.objectContaining({ RoleId: SERVICE_REP })]);
});

test("a change made in Oracle since the state was written is a conflict (412) and nothing is overwritten", async () => {
  const { id, outs } = await create(config, await declared(dana));
  const byHand = await oracle.patch(`resourceUsers/${outs.uniqId}`, { FirstName: "Dee" });
  expect(byHand.status).toBe(200);
  await expect(update(config, id, outs, await declared({ ...dana, middleName: "Q" }))).rejects.toThrow(
    /changed in Oracle since the state was written \(HTTP 412 Precondition Failed: ETag .+ in the state, .+ in Oracle\): firstName "Dana" in the state, "Dee" in Oracle\. Nothing was changed\./,
  );
  expect(await live(id)).toMatchObject({ FirstName: "Dee", MiddleName: null });
});

test("read reports drift of a declared field, an added role, and a user gone by party number", async () => {
  const { id, outs } = await create(config, await declared({ ...dana, roles: [{ roleId: SALES_REP }] }));
  await oracle.patch(`resourceUsers/${outs.uniqId}`, { RawWorkPhoneNumber: "5550100", LastName: "Rey" });
  await oracle.post(`resourceUsers/${outs.uniqId}/child/ResourceRoleAssign`, { RoleId: SERVICE_REP });
  const drifted = (await read(config, id, outs)) as { props: ResourceUserOutputs; inputs: Record<string, unknown> };
  // lastName is declared: its drift shows; the phone is not declared: not managed, not drift.
  expect(drifted.inputs.lastName).toBe("Rey");
  expect(drifted.inputs).not.toHaveProperty("workPhoneNumber");
  expect(drifted.inputs.roles).toEqual([{ roleId: SALES_REP }, { roleId: SERVICE_REP }]);

  // A party number changed by hand: the user this resource managed is gone from its id.
  await oracle.patch(`resourceUsers/${outs.uniqId}`, { ResourcePartyNumber: "MOVED_1" });
  clearSharedReads(); // the next refresh: a new run reads afresh
  expect(await read(config, id, outs)).toEqual({ id: "" });
});

test("adopt takes over an existing user by e-mail and PATCHes only what differs", async () => {
  await control.resetCalls();
  const inputs = await declared({ lastName: "Smith", email: "JOHN.SMITH@dnd.vision.com", workPhoneNumber: "6505061313", adopt: true, deletionPolicy: "retain" });
  const { id, outs } = await create(config, inputs);
  expect(id).toBe("Conta504976");
  expect(outs).toMatchObject({ adopted: true, username: "jsmith439906587" });
  const calls = (await control.calls()).byEndpoint;
  expect(Object.keys(calls).filter((key) => key.startsWith("POST"))).toEqual([]);
  expect(await live(id)).toMatchObject({ RawWorkPhoneNumber: "6505061313", FirstName: "John" });
});

test("without adopt, an existing e-mail is Oracle's refusal, with its status, code and detail", async () => {
  await expect(create(config, await declared({ lastName: "Smith", email: "john.smith@dnd.vision.com" }))).rejects.toThrow(
    /Oracle CX POST resourceUsers failed: HTTP 400 \(Oracle error 25013\): Bad Request: Oracle refused the payload or the query \(.*john\.smith@dnd\.vision\.com.*\)/,
  );
});

test("a POST whose answer is lost after the commit is found by e-mail, never posted twice", async () => {
  await control.fault({ endpoint: "resourceUsers", kind: "drop-response", count: 1 });
  await control.resetCalls();
  const { id, outs } = await create(config, await declared(dana));
  // One POST (its answer dropped), then the look-up by e-mail.
  expect((await control.calls()).byEndpoint["POST /crmRestApi/resources/11.13.18.05/resourceUsers"]).toBe(1);
  expect(outs.partyName).toBe("Dana Reyes");
  const all = await oracle.get("resourceUsers", { q: "ResourceEmail=dana.reyes@example.com" });
  expect(all.body.items).toHaveLength(1);
  expect(all.body.items[0].ResourcePartyNumber).toBe(id);
});

test("deletion policies: suspend (default), end-date, retain", async () => {
  const suspend = await create(config, await declared(dana));
  await remove(config, suspend.id, suspend.outs);
  expect((await live(suspend.id)).UserStatus).toBe("S");

  const ended = await create(config, await declared({ ...dana, email: "dana2@example.com", deletionPolicy: "endDate" }));
  await remove(config, ended.id, ended.outs);
  expect(await live(ended.id)).toMatchObject({ UserStatus: "I", ResourceEndDate: new Date().toISOString().slice(0, 10) });

  const kept = await create(config, await declared({ ...dana, email: "dana3@example.com", deletionPolicy: "retain" }));
  await control.resetCalls();
  await remove(config, kept.id, kept.outs);
  expect((await control.calls()).total).toBe(0);
  expect((await live(kept.id)).UserStatus).toBe("A");
});

test("the Oracle password never appears in an error", async () => {
  const values: Record<string, string> = { "oracle:url": emulator.url, "oracle:username": "sales_cloud_user", "oracle:password": "Wrong-Password-1!" };
  const error = await create({ get: (key) => values[key] }, await declared(dana)).catch((e: Error) => e);
  expect(String(error)).toContain("HTTP 401");
  expect(String(error)).not.toContain("Wrong-Password-1!");
  expect(String(error)).not.toContain(Buffer.from("sales_cloud_user:Wrong-Password-1!").toString("base64"));
});

test("create with roles needs no read: the POST's answer carries them", async () => {
  await control.resetCalls();
  const { outs } = await create(config, await declared({ ...dana, roles: [{ roleId: SALES_REP }] }));
  expect((await control.calls()).byEndpoint).toEqual({ "POST /crmRestApi/resources/11.13.18.05/resourceUsers": 1 });
  expect(outs.roleAssignments).toEqual([expect.objectContaining({ roleId: SALES_REP, roleCode: "SALES_REPRESENTATIVE" })]);
});

test("delete PATCHes with the state's ETag and reads nothing; a user changed since is read first, then retired", async () => {
  // GIVEN a user as the state knows it
  const first = await create(config, await declared({ ...dana, deletionPolicy: "endDate" }));
  await control.resetCalls();
  await remove(config, first.id, first.outs);
  const calls = (await control.calls()).byEndpoint;
  expect(Object.keys(calls)).toEqual([expect.stringMatching(/^PATCH \/crmRestApi\/resources\/11\.13\.18\.05\/resourceUsers\//)]);
  expect(await live(first.id)).toMatchObject({ UserStatus: "I", ResourceEndDate: new Date().toISOString().slice(0, 10) });

  // WHEN the user was changed in Oracle since: the state's ETag is refused (412), nothing changed
  const second = await create(config, await declared({ ...dana, email: "dana2@example.com" }));
  expect((await oracle.patch(`resourceUsers/${second.outs.uniqId}`, { FirstName: "Dee" })).status).toBe(200);
  await control.resetCalls();
  await remove(config, second.id, second.outs);
  // THEN it is read, and suspended all the same
  const after = (await control.calls()).byEndpoint;
  expect(Object.entries(after).filter(([key]) => key.startsWith("GET")).length).toBeGreaterThan(0);
  expect(await live(second.id)).toMatchObject({ UserStatus: "S", FirstName: "Dee" });
});

test("an update whose answer was lost is not a conflict: the provider's own write is recognised, now and on the next run", async () => {
  const { id, outs } = await create(config as never, await declared({ ...dana, partyNumber: "CC_LOST" }));
  // GIVEN the PATCH is committed and its answer lost
  await control.fault({ endpoint: `resourceUsers/${outs.uniqId}`, kind: "drop-response", count: 1 });
  const renamed = await declared({ ...dana, partyNumber: "CC_LOST", lastName: "Reyes-Diaz" });
  const first = await update(config as never, id, outs, renamed).then(
    (result) => result,
    (error: Error) => error,
  );
  // THEN the update succeeds, or at least the next run's identical update does, from the same state
  const again = first instanceof Error ? await update(config as never, id, outs, renamed) : first;
  expect(again.outs).toMatchObject({ lastName: "Reyes-Diaz" });
  expect(first).not.toBeInstanceOf(Error);
  expect((await live("CC_LOST")).LastName).toBe("Reyes-Diaz");
});
