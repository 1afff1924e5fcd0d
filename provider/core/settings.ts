/**
 * The run's tunable durations, read from `CONTACT_CENTER_*_SECONDS` variables (docs/reliability.md,
 * "Settings"). An unset, empty or unreadable value means the default; so does 0 where a zero
 * duration makes no sense (`zero: false`).
 */
export function secondsSetting(name: string, fallbackSeconds: number, options: { zero?: boolean; env?: NodeJS.ProcessEnv } = {}): number {
  const raw = (options.env ?? process.env)[name];
  const seconds = raw === undefined || raw === "" ? NaN : Number(raw);
  const usable = Number.isFinite(seconds) && (options.zero === false ? seconds > 0 : seconds >= 0);
  return (usable ? seconds : fallbackSeconds) * 1000;
}
