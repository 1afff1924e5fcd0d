/**
 * The emulators' notion of "now": real time plus an offset that tests move forward, so
 * session timeouts of 30 minutes or 12 hours can be exercised without waiting.
 */
export class VirtualClock {
  private offsetMs = 0;

  /** Milliseconds since the epoch on the virtual clock. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves the clock forward; time never goes backwards, since expiry logic assumes it. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`advanceSeconds must be a number >= 0, got ${seconds}`);
    }
    this.offsetMs += seconds * 1000;
  }

  /** How far the virtual clock is ahead of real time, in seconds. */
  offsetSeconds(): number {
    return this.offsetMs / 1000;
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
