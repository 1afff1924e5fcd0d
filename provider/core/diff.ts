/**
 * The generic part of `diff()`: which declared fields changed, and which of those force
 * a replacement. Values are compared structurally.
 */

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
    const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

export interface FieldDiff {
  changed: string[];
  replaces: string[];
}

export function diffFields(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  fields: readonly string[],
  replaceOn: readonly string[],
): FieldDiff {
  const changed = fields.filter((field) => !sameValue(olds[field], news[field]));
  return { changed, replaces: changed.filter((field) => replaceOn.includes(field)) };
}
