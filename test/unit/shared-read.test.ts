import { clearSharedReads, identityRead, IDENTITY_READ_WINDOW_MS, sharedRead, SHARED_READ_WINDOW_MS } from "../../provider/core/shared-read";

describe("sharedRead: refresh reads of one kind share one list call", () => {
  test("reads within the window share the list; after it, the list is asked for again", async () => {
    let calls = 0;
    const load = async () => ++calls;
    const start = 1_000_000;
    const together = await Promise.all([0, 10, 4_000].map((after) => sharedRead("groups", load, start + after)));
    expect(together).toEqual([1, 1, 1]);
    expect(await sharedRead("groups", load, start + SHARED_READ_WINDOW_MS)).toBe(2);
    expect(await sharedRead("other kind", load, start + SHARED_READ_WINDOW_MS)).toBe(3);
  });

  test("a failed list is not kept: the next read asks again", async () => {
    clearSharedReads();
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw new Error("503");
      return "list";
    };
    await expect(sharedRead("flaky", flaky, 0)).rejects.toThrow("503");
    await Promise.resolve();
    expect(await sharedRead("flaky", flaky, 1)).toBe("list");
    expect(calls).toBe(2);
  });
});

describe("identityRead: the checks before deletes share a list begun at most 2 s before", () => {
  test("a list serves the window, apart from refresh's lists, and says whether this call began it", async () => {
    clearSharedReads();
    let calls = 0;
    const load = async () => ++calls;
    const start = 2_000_000;
    expect(await identityRead("users", load, start)).toEqual({ list: 1, begunAfterCall: true });
    expect(await identityRead("users", load, start + IDENTITY_READ_WINDOW_MS - 1)).toEqual({ list: 1, begunAfterCall: false });
    expect(await identityRead("users", load, start + IDENTITY_READ_WINDOW_MS)).toEqual({ list: 2, begunAfterCall: true });
    // Refresh's list of the same kind is another list.
    expect(await sharedRead("users", load, start + IDENTITY_READ_WINDOW_MS)).toBe(3);
  });
});
