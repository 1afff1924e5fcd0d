/**
 * Keeps secrets out of messages. Every error that leaves the provider passes through
 * `redact`, which replaces each registered secret value with "[secret]".
 */
const registered = new Set<string>();

/** Registers a value (password, token, JWT) that must never appear in a message. */
export function registerSecret(value: string | undefined): void {
  // Very short values would redact ordinary words; the vendors' secrets are longer.
  if (value && value.length >= 4) registered.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of registered) out = out.split(secret).join("[secret]");
  return out;
}

/** Returns an Error whose message and stack have every registered secret removed. */
export function redactError(error: unknown): Error {
  const e = error instanceof Error ? error : new Error(String(error));
  e.message = redact(e.message);
  if (e.stack) e.stack = redact(e.stack);
  return e;
}
