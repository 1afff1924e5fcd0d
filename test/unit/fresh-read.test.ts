import { freshRead } from "../../provider/core/fresh-read";

/** A list call that answers when told to, and says when it began. */
function controlledLoad() {
  const began: number[] = [];
  const pending: ((value: number) => void)[] = [];
  let count = 0;
  const load = () => {
    const n = ++count;
    began.push(n);
    return new Promise<number>((resolve) => pending.push(() => resolve(n)));
  };
  const answer = async () => {
    pending.shift()!(0);
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { load, began, answer };
}

describe("freshRead: look-ups after writes share list calls that began after them", () => {
  test("callers during a list in flight share the next list, never the one in flight", async () => {
    const { load, began, answer } = controlledLoad();
    const first = freshRead("k", load);
    // These arrive while list 1 is in flight: it may predate their writes.
    const second = freshRead("k", load);
    const third = freshRead("k", load);
    expect(began).toEqual([1]);
    await answer();
    expect(await first).toBe(1);
    expect(began).toEqual([1, 2]);
    await answer();
    expect(await Promise.all([second, third])).toEqual([2, 2]);
  });

  test("with a gathering time, callers within it share one list, which begins after all of them", async () => {
    let calls = 0;
    const load = async () => ++calls;
    const early = freshRead("gathered", load, 20);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const late = freshRead("gathered", load, 20);
    expect(calls).toBe(0);
    expect(await Promise.all([early, late])).toEqual([1, 1]);
    expect(await freshRead("gathered", load, 20)).toBe(2);
  });

  test("a failed list fails its sharers only: the next caller asks again", async () => {
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw new Error("503");
      return "list";
    };
    await expect(freshRead("flaky", flaky)).rejects.toThrow("503");
    expect(await freshRead("flaky", flaky)).toBe("list");
  });
});
