/**
 * Values kept for the life of the provider process: lists that change rarely (attribute
 * definitions, sites, peripherals...) are read once per run instead of once per resource.
 * A failed read is not kept; `fresh` reads again (a name missing from a kept list may be new).
 * Every cache registers itself, so tests can forget them all, as a new CLI run does.
 *
 * A cache named `shareInRun` keeps its first read of a key in the run's read snapshot when the
 * run has one (`contact-center shards`, read-snapshot.ts): a sharded run is one run in many
 * provider processes, and each would otherwise list the same sites, peripherals and skill
 * groups for its own few hundred objects. Reads again (`fresh`, a miss of `lookUp`) still ask
 * the vendor.
 */
import { freshRead, GATHER_MS } from "./fresh-read";
import { readSnapshotFromEnv, snapshotRead } from "./read-snapshot";

const every: Map<string, Promise<unknown>>[] = [];

export class ProcessCache<T> {
  private readonly kept = new Map<string, Promise<T>>();

  /** `shareInRun`: the name its values have in the run's snapshot, for caches a sharded run shares. */
  constructor(private readonly shareInRun?: string) {
    every.push(this.kept as Map<string, Promise<unknown>>);
  }

  get(key: string, load: () => Promise<T>, fresh = false): Promise<T> {
    const kept = this.kept.get(key);
    if (kept && !fresh) return kept;
    const snapshot = this.shareInRun && !fresh ? readSnapshotFromEnv() : undefined;
    const pending = snapshot ? snapshotRead(snapshot, `process-cache|${this.shareInRun}|${key}`, load) : load();
    this.kept.set(key, pending);
    pending.catch(() => {
      if (this.kept.get(key) === pending) this.kept.delete(key);
    });
    return pending;
  }

  /**
   * The kept value when `covers` says it holds what the caller looks for, else a new load that
   * replaces it: one per burst, shared with whoever else misses meanwhile (a name missing from
   * a kept list may belong to an object this very run created a moment ago).
   */
  async lookUp(key: string, load: () => Promise<T>, covers: (value: T) => boolean): Promise<T> {
    const kept = await this.get(key, load);
    if (covers(kept)) return kept;
    const fresh = await freshRead(`process-cache|${key}`, load, GATHER_MS);
    this.kept.set(key, Promise.resolve(fresh));
    return fresh;
  }
}

/** Forgets every kept value of every cache (tests). */
export function clearProcessCaches(): void {
  for (const kept of every) kept.clear();
}
