/**
 * `contact-center drift` arguments: what it refuses before any Pulumi call (the runs themselves
 * are in test/e2e/drift.e2e.test.ts).
 */
import { driftCommand } from "../../cli/drift";
import { main } from "../../cli/main";
import { CommandIo } from "../../cli/command";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (t) => out.push(t), err: (t) => err.push(t), progress: (t) => err.push(t) };
  return { io, out, err };
}

test.each([
  [[], "--stack <name> is required"],
  [["--stack"], "--stack <name> is required"],
  [["--stack", "prod", "--markdown"], "--markdown needs a value"],
  [["--stack", "prod", "--parallel", "0"], '--parallel must be a positive whole number, got "0"'],
  [["--stack", "prod", "extra"], "unexpected extra"],
  [["--stack", "prod", "--refresh"], "unexpected --refresh"],
])("drift %j fails with exit code 1: %s", async (args, message) => {
  const { io, out, err } = capture();
  expect(await driftCommand.run(args, io)).toBe(1);
  expect(out).toEqual([]);
  expect(err.join("\n")).toContain(message);
});

test("drift --help names the options and the exit codes", async () => {
  const { io, out } = capture();
  expect(await main(["drift", "--help"], io)).toBe(0);
  expect(out.join("\n")).toContain("usage: contact-center drift --stack <name>");
  expect(out.join("\n")).toContain("exit codes: 0 no drift, 2 drift found, 1 failure");
});
