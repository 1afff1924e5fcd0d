/**
 * Refresh reads coalesced into list calls. The engine reads resources a few at a time
 * (`--parallel`), each asking for one object; where the vendor has a list call, the reads of
 * one kind share one list instead, kept for a short window. A refresh of a thousand resources
 * then costs a handful of list calls instead of a thousand single reads.
 *
 * Only `read()` uses this: a read taken a few seconds ago is as good as a snapshot for drift,
 * and a refresh writes nothing. Writes and the look-ups that steer them always ask afresh.
 */
const lists = new Map<string, { startedAt: number; value: Promise<unknown> }>();

/** How long a list serves later reads, counted from when it was asked for. */
export const SHARED_READ_WINDOW_MS = 5_000;

export function sharedRead<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
  const kept = lists.get(key);
  if (kept && now - kept.startedAt < SHARED_READ_WINDOW_MS) return kept.value as Promise<T>;
  const value = load();
  lists.set(key, { startedAt: now, value });
  // A failed list is not kept: the next read tries again.
  value.catch(() => lists.delete(key));
  return value;
}

/** Forgets every kept list (tests). */
export function clearSharedReads(): void {
  lists.clear();
}
