/**
 * A clock that jumps: `Date.now()` runs on as usual, plus the jumps `body` makes. Lets a test
 * space calls seconds apart, as a slow engine would, without waiting; the calls stay real.
 */
export async function withJumpingClock<T>(body: (jump: (ms: number) => void) => Promise<T>): Promise<T> {
  const realNow = Date.now.bind(Date);
  let jumped = 0;
  const clock = jest.spyOn(Date, "now").mockImplementation(() => realNow() + jumped);
  try {
    return await body((ms) => {
      jumped += ms;
    });
  } finally {
    clock.mockRestore();
  }
}
