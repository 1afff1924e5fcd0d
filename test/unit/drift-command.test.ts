/**
 * `contact-center drift` arguments: what it refuses before any Pulumi call (the runs themselves
 * are in test/e2e/drift.e2e.test.ts).
 */
import { main } from "../../cli/main";
import { captureIo } from "../support/command-io";

test.each([
  [[], "--stack <name> is required"],
  [["--stack"], "--stack needs a value"],
  [["--stack", "prod", "--markdown"], "--markdown needs a value"],
  [["--stack", "prod", "--parallel", "0"], '--parallel must be a positive whole number, got "0"'],
  [["--stack", "prod", "extra"], "unexpected extra"],
  [["--stack", "prod", "--refresh"], "unknown option --refresh"],
])("drift %j fails with exit code 1: %s", async (args, message) => {
  const { io, out, err } = captureIo();
  expect(await main(["drift", ...args], io)).toBe(1);
  expect(out).toEqual([]);
  expect(err.join("\n")).toContain(message);
});

test("drift --help names the options and the exit codes", async () => {
  const { io, out } = captureIo();
  expect(await main(["drift", "--help"], io)).toBe(0);
  expect(out.join("\n")).toContain("usage: contact-center drift --stack <name>");
  expect(out.join("\n")).toContain("exit codes: 0 no drift, 2 drift found, 1 failure");
});
