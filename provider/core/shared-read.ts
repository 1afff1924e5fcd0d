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
 * The identity checks before deletes share lists that are young, or still paying for themselves
 * (`identityRead`). Writes and the other look-ups that steer them ask afresh (fresh-read.ts).
 */
import { readSnapshotFromEnv, snapshotRead } from "./read-snapshot";

interface KeptList {
  startedAt: number;
  lastServedAt: number;
  /** Reads it answered, the one that asked for it included. */
  served: number;
  value: Promise<unknown>;
  /** Calls it cost, once it is in (a paged list costs one per page). */
  calls?: number;
}

const lists = new Map<string, KeptList>();

/** How long after the last read it served a list serves the next. */
export const SHARED_READ_WINDOW_MS = 5_000;
/** How old a list may grow while reads keep coming. */
export const SHARED_READ_MAX_AGE_MS = 10 * 60_000;

/** Whether a kept list still serves a read asked for `now`. */
type Serves = (kept: KeptList, now: number) => boolean;

/** Serves until `idleMs` pass without a read, and at most `maxAgeMs` after it was asked for. */
const whileRead =
  (idleMs: number, maxAgeMs: number): Serves =>
  (kept, now) =>
    now - kept.lastServedAt < idleMs && now - kept.startedAt < maxAgeMs;

const REFRESH = whileRead(SHARED_READ_WINDOW_MS, SHARED_READ_MAX_AGE_MS);
/** The run's snapshot: one list for the whole run, in every process of it. */
const RUN = whileRead(Infinity, Infinity);

export function sharedRead<T>(key: string, load: () => Promise<T>, now = Date.now()): Promise<T> {
  const snapshot = readSnapshotFromEnv();
  // The run's snapshot: read once by whichever process needs it first, then kept for the run.
  if (snapshot) return keptOrLoaded(`snapshot|${key}`, () => snapshotRead(snapshot, key, load), now, RUN).value;
  return keptOrLoaded(key, load, now, REFRESH).value;
}

/** The list kept for `key` if it still serves (`keep`), else a new one; says which. */
function keptOrLoaded<T>(key: string, load: () => Promise<T>, now: number, serves: Serves): { value: Promise<T>; loaded: boolean; kept: KeptList } {
  const kept = lists.get(key);
  if (kept && serves(kept, now)) {
    kept.lastServedAt = Math.max(kept.lastServedAt, now);
    kept.served++;
    return { value: kept.value as Promise<T>, loaded: false, kept };
  }
  const value = load();
  const fresh: KeptList = { startedAt: now, lastServedAt: now, served: 1, value };
  lists.set(key, fresh);
  // A failed list is not kept: the next read tries again.
  value.catch(() => {
    if (lists.get(key)?.value === value) lists.delete(key);
  });
  return { value, loaded: true, kept: fresh };
}

/** An identity check's list is never begun again before it is this old. */
export const IDENTITY_READ_FRESH_MS = 2_000;
/** Past `IDENTITY_READ_FRESH_MS`, a list serves until it has served this many checks per call it cost… */
export const IDENTITY_CHECKS_PER_CALL = 10;
/** …and never once it is this old. */
export const IDENTITY_READ_MAX_AGE_MS = 30_000;

/**
 * An identity check's list serves while it is young, or, older, until it has paid for itself
 * (ten checks per call it cost), within 30 s. Whoever asks past that begins a new one.
 */
const IDENTITY: Serves = (kept, now) => {
  const age = now - kept.startedAt;
  if (age < IDENTITY_READ_FRESH_MS) return true;
  return age < IDENTITY_READ_MAX_AGE_MS && kept.served < IDENTITY_CHECKS_PER_CALL * (kept.calls ?? 1);
};

/**
 * The list the identity check before a delete, disable or removal reads. A destroy's deletes
 * reach the provider one at a time, as the engine finishes a step (every 130 ms at 1,000
 * objects, about every second in one stack of 10,000: the state's checkpoint writes pace it).
 * A list begun after each call would be one list per delete, doubling a destroy's calls; a
 * list kept a fixed 2 s served a fast destroy well and a slow one barely (1.27x the calls of
 * a bare script at 10,000 objects). So a list serves every check in its first 2 s, and past
 * that until it has served ten checks per call it cost (`callsOf`: the pages of a paged
 * list), for at most 30 s. The checks then add about a tenth to a destroy's calls at most
 * (one list per 30 s where the deletes of a kind come slower still), and read a list at most
 * 2 s old where the deletes come fast, at most 30 s old where they come slow.
 *
 * Callers ask afresh before they take an object's absence from a kept list (`begunAfterCall`
 * false) for "already gone", and after a refusal. What the check guards against (a state whose
 * id now names another object, or none) is a hand edit; one made within the list's age can
 * slip past it, as one made between any read and its delete could. Kept apart from refresh's
 * lists.
 */
export async function identityRead<T>(
  key: string,
  load: () => Promise<T>,
  callsOf: (list: T) => number = () => 1,
  now = Date.now(),
): Promise<{ list: T; begunAfterCall: boolean }> {
  const { value, loaded, kept } = keptOrLoaded(`identity|${key}`, load, now, IDENTITY);
  const list = await value;
  if (loaded) kept.calls = Math.max(1, callsOf(list));
  // `begunAfterCall`: this call began the list, so it cannot predate anything the caller knows of.
  return { list, begunAfterCall: loaded };
}

/** Forgets every kept list (tests). */
export function clearSharedReads(): void {
  lists.clear();
}
