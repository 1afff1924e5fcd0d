/**
 * Values kept for the life of the provider process: lists that change rarely (attribute
 * definitions, sites, peripherals...) are read once per run instead of once per resource.
 * A failed read is not kept; `fresh` reads again (a name missing from a kept list may be new).
 * Every cache registers itself, so tests can forget them all, as a new CLI run does.
 */
const every: Map<string, Promise<unknown>>[] = [];

export class ProcessCache<T> {
  private readonly kept = new Map<string, Promise<T>>();

  constructor() {
    every.push(this.kept as Map<string, Promise<unknown>>);
  }

  get(key: string, load: () => Promise<T>, fresh = false): Promise<T> {
    const kept = this.kept.get(key);
    if (kept && !fresh) return kept;
    const pending = load();
    this.kept.set(key, pending);
    pending.catch(() => {
      if (this.kept.get(key) === pending) this.kept.delete(key);
    });
    return pending;
  }
}

/** Forgets every kept value of every cache (tests). */
export function clearProcessCaches(): void {
  for (const kept of every) kept.clear();
}
