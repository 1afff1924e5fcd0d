/**
 * Look-ups that steer a write, coalesced without going stale. A caller gets the answer of a
 * list call that began at or after its own call, never one that began before: so a list asked
 * for after a write (a skill group just saved, an agent just cloned) sees that write, as a
 * call of its own would. Callers that arrive while a list is in flight wait for it to end and
 * share the next one, so a burst of N look-ups of one kind costs two list calls, not N. With a
 * gathering time, a list waits that long before it begins, and everyone who asks meanwhile
 * shares it (it still begins after each of them): look-ups spread over a few milliseconds, as
 * the engine's parallel steps finish, then cost one list.
 *
 * Unlike `shared-read.ts` (refresh only, answers kept for a window), nothing is kept here once
 * a list has answered.
 */
interface Slot {
  /** The list call that begins once its gathering time is over. */
  gathering?: Promise<unknown>;
  /** The list call in flight. */
  running?: Promise<unknown>;
  /** The list call that starts when `running` ends, shared by everyone who asked meanwhile. */
  next?: Promise<unknown>;
}

const slots = new Map<string, Slot>();

/**
 * How long a look-up after a write waits for others to share its list: about one call's round
 * trip, small against the engine's own time per resource.
 */
export const GATHER_MS = 25;

function start<T>(slot: Slot, load: () => Promise<T>): Promise<T> {
  const running = load();
  slot.running = running;
  const done = () => {
    if (slot.running === running) slot.running = undefined;
  };
  running.then(done, done);
  return running;
}

function begin<T>(slot: Slot, load: () => Promise<T>, gatherMs: number): Promise<T> {
  if (gatherMs <= 0) return start(slot, load);
  const gathering = new Promise<void>((resolve) => setTimeout(resolve, gatherMs)).then(() => {
    slot.gathering = undefined;
    return start(slot, load);
  });
  slot.gathering = gathering;
  return gathering;
}

/**
 * The answer of `load()` for `key`, from a call that began no earlier than this one; it begins
 * `gatherMs` after the first caller asked, for others to share it.
 */
export function freshRead<T>(key: string, load: () => Promise<T>, gatherMs = 0): Promise<T> {
  let slot = slots.get(key);
  if (!slot) slots.set(key, (slot = {}));
  const current = slot;
  if (current.gathering) return current.gathering as Promise<T>;
  if (!current.running) return begin(current, load, gatherMs);
  // The list in flight began before this call: it may predate the caller's write.
  if (!current.next) {
    const after = current.running.then(
      () => undefined,
      () => undefined,
    );
    current.next = after.then(() => {
      current.next = undefined;
      return begin(current, load, gatherMs);
    });
  }
  return current.next as Promise<T>;
}

/** Forgets every slot (tests). */
export function clearFreshReads(): void {
  slots.clear();
}
