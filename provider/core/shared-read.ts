/**
 * Refresh reads coalesced into list calls. The engine reads resources a few at a time
 * (`--parallel`), each asking for one object; where the vendor has a list call, the reads of
 * one kind share one list instead. A refresh of a thousand resources then costs a handful of
 * list calls instead of a thousand single reads.
 *
 * `read()` uses it: a list serves the reads that follow it while they keep coming (each within
 * 5 s of the last, for at most 10 minutes). A refresh is a burst of reads, so one refresh reads
 * each list once however long it takes, like a snapshot taken as it began, and a refresh writes
 * nothing. A sharded run shares one snapshot between its provider processes (read-snapshot.ts).
 * The identity checks before deletes use a fixed 2 s window (`identityRead`). Writes and the
 * other look-ups that steer them ask afresh (fresh-read.ts).
 */
import { readSnapshotFromEnv, snapshotRead } from "./read-snapshot";

const lists = new Map<string, { startedAt: number; lastServedAt: number; value: Promise<unknown> }>();

/** How long after the last read it served a list serves the next. */
export const SHARED_READ_WINDOW_MS = 5_000;
/** How old a list may grow while reads keep coming. */
export const SHARED_READ_MAX_AGE_MS = 10 * 60_000;

/**
 * How long a kept list serves: until `idleMs` pass without a read, and at most `maxAgeMs` after
 * it was asked for. A fixed window is a `maxAgeMs` alone.
 */
interface KeepFor {
  idleMs: number;
  maxAgeMs: number;
}

const REFRESH: KeepFor = { idleMs: SHARED_READ_WINDOW_MS, maxAgeMs: SHARED_READ_MAX_AGE_MS };
/** The run's snapshot: one list for the whole run, in every process of it. */
const RUN: KeepFor = { idleMs: Infinity, maxAgeMs: Infinity };

export function sharedRead<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
  const snapshot = readSnapshotFromEnv();
  // The run's snapshot: read once by whichever process needs it first, then kept for the run.
  if (snapshot) return keptOrLoaded(`snapshot|${key}`, () => snapshotRead(snapshot, key, load), now, RUN).value;
  return keptOrLoaded(key, load, now, REFRESH).value;
}

/** The list kept for `key` if it still serves (`keep`), else a new one; says which. */
function keptOrLoaded<T>(key: string, load: () => Promise<T>, now: number, keep: KeepFor): { value: Promise<T>; loaded: boolean } {
  const kept = lists.get(key);
  if (kept && now - kept.lastServedAt < keep.idleMs && now - kept.startedAt < keep.maxAgeMs) {
    kept.lastServedAt = Math.max(kept.lastServedAt, now);
    return { value: kept.value as Promise<T>, loaded: false };
  }
  const value = load();
  lists.set(key, { startedAt: now, lastServedAt: now, value });
  // A failed list is not kept: the next read tries again.
  value.catch(() => {
    if (lists.get(key)?.value === value) lists.delete(key);
  });
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
  const { value, loaded } = keptOrLoaded(`identity|${key}`, load, now, { idleMs: Infinity, maxAgeMs: IDENTITY_READ_WINDOW_MS });
  // `begunAfterCall`: this call began the list, so it cannot predate anything the caller knows of.
  return { list: await value, begunAfterCall: loaded };
}

/** Forgets every kept list (tests). */
export function clearSharedReads(): void {
  lists.clear();
}
