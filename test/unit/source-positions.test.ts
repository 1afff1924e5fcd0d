import * as pulumi from "@pulumi/pulumi";
import { withoutSourcePositions } from "../../provider/core/source-positions";

/** The frames the SDK reads a resource's source position and stack trace from. */
const positions = () => (pulumi.Resource as unknown as { callsites(): Array<{ file?: string }> }).callsites().filter((frame) => frame.file);

describe("withoutSourcePositions: resources declared from YAML record no position of the package's own code", () => {
  test("the SDK's position capture finds no frame inside, every other stack keeps its frames, and all is as before after", () => {
    expect(positions().length).toBeGreaterThan(0);
    const inside = withoutSourcePositions(() => ({ positions: positions(), other: new Error("a validation error").stack }));
    expect(inside.positions).toEqual([]);
    expect(inside.other).toMatch(/^Error: a validation error\n\s+at .*source-positions\.test\.ts/);
    expect(positions().length).toBeGreaterThan(0);
  });

  test("the formatter is restored when the declaration throws", () => {
    const before = Error.prepareStackTrace;
    expect(() =>
      withoutSourcePositions(() => {
        throw new Error("refused");
      }),
    ).toThrow("refused");
    expect(Error.prepareStackTrace).toBe(before);
  });
});
