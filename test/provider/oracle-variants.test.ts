/**
 * Oracle CX played by a server that differs from our reading of seed 004
 * (emulator/variants.ts): a `q` finder ignored, items without their self link. The provider
 * behaves correctly or refuses clearly, and writes nothing wrong (the journal is the evidence).
 */
import { startEmulator } from "../../emulator";
import type { Variant } from "../../emulator/variants";
import { isContractError } from "../../provider/core/errors";
import { clearSharedReads } from "../../provider/core/shared-read";
import { check, create, read } from "../../provider/oracle/resource-user.lifecycle";
import { EmulatorControl } from "../support/portal";
import { oracleProviderConfig } from "../support/oracle";

let emulator: { url: string; close(): Promise<void> };
let control: EmulatorControl;
let config: { get(key: string): string | undefined };

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  control = new EmulatorControl(emulator.url);
  config = oracleProviderConfig(emulator.url);
});
afterAll(async () => emulator.close());
beforeEach(async () => {
  clearSharedReads();
  await control.reset();
});

const play = (...variants: Variant[]) => control.configure({ variants });
const writes = async () => (await control.journal()).filter((call) => call.write).map((call) => `${call.method} ${call.path.replace(/^.*resources\/[^/]+\//, "")}`);
const declared = async (args: Record<string, unknown>) => (await check(config, {}, args)).inputs;

test("a list that ignores q: adoption takes the user with that e-mail, not the first one listed, and PATCHes it alone", async () => {
  await play("oracle-ignores-q");
  await control.resetCalls();
  // Diane Cho is the third user listed: a provider taking the first item would adopt John Smith.
  const inputs = await declared({ lastName: "Cho", email: "DIANE.CHO@dnd.vision.com", workPhoneNumber: "4155550000", adopt: true, deletionPolicy: "retain" });
  const { id, outs } = await create(config, inputs);
  expect(id).toBe("Conta765982");
  expect(outs).toMatchObject({ adopted: true, username: "dcho" });
  const written = await writes();
  expect(written).toHaveLength(1);
  expect(written[0]).toMatch(/^PATCH resourceUsers\/[^/]+$/);
  // The PATCH went to John Smith's own key.
  expect(written[0].split("/").pop()).toBe(outs.uniqId);
});

test("items without their self link: refused, naming the field, with nothing written", async () => {
  const inputs = await declared({ lastName: "Reyes", firstName: "Dana", email: "dana.reyes@example.com", partyNumber: "CC_DANA" });
  const { id, outs } = await create(config, inputs);
  await play("oracle-no-self-link");
  await control.resetCalls();
  const failure = await read(config, id, outs).then(
    () => undefined,
    (error: Error) => error,
  );
  expect(isContractError(failure)).toBe(true);
  expect(failure!.message).toMatch(/^Oracle CX GET resourceUsers(\/\S+)? answered in a way this provider does not rely on: (items\[\d+\]\.)?links: expected a self link, got an array/);
  expect(await writes()).toEqual([]);
});
