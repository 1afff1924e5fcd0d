/**
 * Refresh reads coalesced into list calls. The engine reads resources a few at a time
 * (`--parallel`), each asking for one object; where the vendor has a list call, the reads of
 * one kind share one list instead, kept for a short window. A refresh of a thousand resources
 * then costs a handful of list calls instead of a thousand single reads.
 *
 * `read()` uses it with a 5 s window: a read taken a few seconds ago is as good as a snapshot
 * for drift, and a refresh writes nothing. The identity checks before deletes use it with a
 * 2 s window (`identityRead`). Writes and the other look-ups that steer them ask afresh
 * (fresh-read.ts).
 */
const lists = new Map<string, { startedAt: number; value: Promise<unknown> }>();

/** How long a list serves later reads, counted from when it was asked for. */
export const SHARED_READ_WINDOW_MS = 5_000;

export function sharedRead<T>(key: string, load: () => Promise<T>, now = Date.now(), windowMs = SHARED_READ_WINDOW_MS): Promise<T> {
  return keptOrLoaded(key, load, now, windowMs).value;
}

/** The list kept for `key` if it began within the window, else a new one; says which. */
function keptOrLoaded<T>(key: string, load: () => Promise<T>, now: number, windowMs: number): { value: Promise<T>; loaded: boolean } {
  const kept = lists.get(key);
  if (kept && now - kept.startedAt < windowMs) return { value: kept.value as Promise<T>, loaded: false };
  const value = load();
  lists.set(key, { startedAt: now, value });
  // A failed list is not kept: the next read tries again.
  value.catch(() => lists.delete(key));
  return { value, loaded: true };
}

/**
 * How old the list an identity check reads may be: from when the list call began to when the
 * delete, disable or removal asked for it.
 */
export const IDENTITY_READ_WINDOW_MS = 2_000;

/**
 * The list the identity check before a delete, disable or removal reads: one begun at most
 * `IDENTITY_READ_WINDOW_MS` before. A destroy's deletes reach the provider one at a time, as
 * the engine finishes a step (about every 130 ms at 1,000 objects, the state's checkpoint
 * writes pacing it), so a list that had to begin after each call would be one list per delete,
 * which doubles a destroy's calls. Callers ask afresh before they take an object's absence
 * from a kept list (`begunAfterCall` false) for "already gone". What the check guards against
 * (a state whose id now names another object, or none) is a hand edit; one made in the last
 * two seconds can slip past it, as one made between any read and its delete could. Kept apart
 * from the refresh's lists.
 */
export async function identityRead<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<{ list: T; begunAfterCall: boolean }> {
  const { value, loaded } = keptOrLoaded(`identity|${key}`, load, now, IDENTITY_READ_WINDOW_MS);
  // `begunAfterCall`: this call began the list, so it cannot predate anything the caller knows of.
  return { list: await value, begunAfterCall: loaded };
}

/** Forgets every kept list (tests). */
export function clearSharedReads(): void {
  lists.clear();
}
