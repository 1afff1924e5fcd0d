/** The emulator's command line: numbers where numbers go, variants by their names only. */
import { parseArgs } from "../../emulator/main";

test("variants are named, repeatable, and join the numeric flags", () => {
  expect(parseArgs(["--port", "0", "--variant", "ucportal-bare-arrays", "--variant=ucportal-no-roles", "--latency", "20"])).toEqual({
    port: 0,
    latencyMs: 20,
    variants: ["ucportal-bare-arrays", "ucportal-no-roles"],
  });
});

test("an unknown variant is refused with the list of known ones", () => {
  expect(() => parseArgs(["--variant", "ucportal-everything-wrong"])).toThrow(
    /^--variant must be one of:\n {2}ucportal-ignores-email-filter: .*\n[\s\S]*got 'ucportal-everything-wrong'$/,
  );
  expect(() => parseArgs(["--variant"])).toThrow(/got ''$/);
  expect(() => parseArgs(["--port", "x"])).toThrow("--port needs a whole number >= 0, got 'x'");
});
