import { UNKEPT_PROMISE_STACK, skippingPromiseTagger } from "../../provider/core/promise-stacks";

/** Takes a stack in a function of the SDK tagger's name. */
function debuggablePromise(): string | undefined {
  return new Error().stack;
}

describe("skippingPromiseTagger: the SDK's per-promise stacks are not mapped, every other stack is", () => {
  const original = Error.prepareStackTrace;
  const mapped: string[] = [];
  beforeEach(() => {
    mapped.length = 0;
    Error.prepareStackTrace = skippingPromiseTagger((error, frames) => {
      mapped.push(String(error));
      return `MAPPED ${frames.length} frames`;
    });
  });
  afterEach(() => {
    Error.prepareStackTrace = original;
  });

  test("a stack taken by a function named debuggablePromise reads the note, without the mapper", () => {
    expect(debuggablePromise()).toBe(UNKEPT_PROMISE_STACK);
    expect(mapped).toEqual([]);
  });

  test("any other stack goes through the mapper", () => {
    expect(new Error("boom").stack).toMatch(/^MAPPED \d+ frames$/);
    expect(mapped).toEqual(["Error: boom"]);
  });

  test("the Pulumi SDK's own tagger is the function it recognises", async () => {
    // If the SDK renamed it, the skip would silently stop working: this names the dependency.
    const { debuggablePromise: tagger } = require("@pulumi/pulumi/runtime/debuggable");
    const tagged = Promise.resolve(1);
    await tagger(tagged, "test");
    expect((tagged as unknown as { _debugStackTrace: string })._debugStackTrace).toBe(UNKEPT_PROMISE_STACK);
    expect(mapped).toEqual([]);
  });
});

describe("leavePromiseStacksUnmapped: installs once, and not when leaks are being debugged", () => {
  const original = Error.prepareStackTrace;
  const mapper = (error: Error) => `MAPPED ${String(error)}`;
  afterEach(() => {
    Error.prepareStackTrace = original;
    delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
  });
  const freshModule = () => {
    let module!: typeof import("../../provider/core/promise-stacks");
    jest.isolateModules(() => (module = require("../../provider/core/promise-stacks")));
    return module;
  };

  test("wraps the process's stack formatter once", () => {
    Error.prepareStackTrace = mapper;
    const { leavePromiseStacksUnmapped } = freshModule();
    leavePromiseStacksUnmapped();
    const wrapped = Error.prepareStackTrace;
    expect(wrapped).not.toBe(mapper);
    leavePromiseStacksUnmapped();
    expect(Error.prepareStackTrace).toBe(wrapped);
    expect(debuggablePromise()).toBe(UNKEPT_PROMISE_STACK);
    expect(new Error("boom").stack).toBe("MAPPED Error: boom");
  });

  test("leaves the formatter alone when PULUMI_DEBUG_PROMISE_LEAKS is set", () => {
    process.env.PULUMI_DEBUG_PROMISE_LEAKS = "true";
    Error.prepareStackTrace = mapper;
    freshModule().leavePromiseStacksUnmapped();
    expect(Error.prepareStackTrace).toBe(mapper);
    expect(debuggablePromise()).toBe("MAPPED Error");
  });
});
