/**
 * The call journal: every vendor call the emulator answered, in order, with its body. Counters
 * say how many calls an operation made; the journal says which object each write touched, so a
 * test can check that an `up` wrote to exactly the objects its plan named. Secrets in bodies are
 * masked before they are kept, and the journal keeps the newest calls only.
 */

export interface JournalEntry {
  /** Position in the emulator's life, from 1; a reset does not restart it. */
  seq: number;
  method: string;
  /** The request path, e.g. `/portal/services/protected/skills/saveSkillGroup`. */
  path: string;
  /** The HTTP status answered; 0 when a fault dropped the answer after the change was committed. */
  status: number;
  /** Whether the call can change the tenant: any REST method but GET and HEAD, any CCE call but the `get...` reads and the login service. */
  write: boolean;
  /** The body as JSON (secret fields masked), the text of a non-JSON body, or absent when empty. */
  body?: unknown;
}

/** Field names whose values never enter the journal. */
const SECRET_FIELD = /pass(word)?|token|secret|authorization/i;
export const MASKED = "[masked]";
/** How much of a body that is not JSON (risk-cc's XML) the journal keeps. */
const TEXT_LIMIT = 4096;

/** Whether a vendor call can change anything (see JournalEntry.write). */
export function isWrite(method: string, path: string): boolean {
  if (method === "GET" || method === "HEAD") return false;
  const cce = /\/portal\/services\/(.*)$/.exec(path);
  if (!cce) return true;
  const endpoint = cce[1];
  const call = endpoint.split("/").pop() ?? "";
  return !endpoint.startsWith("login/") && !call.startsWith("get");
}

function masked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(masked);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, SECRET_FIELD.test(key) && inner !== null ? MASKED : masked(inner)]));
  }
  return value;
}

/** A request body as the journal keeps it. */
export function journalBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString("utf8");
  try {
    return masked(JSON.parse(text));
  } catch {
    // Not JSON (risk-cc's XML): the text, its secret elements masked.
    return text.slice(0, TEXT_LIMIT).replace(/<([A-Za-z]*(?:[Pp]ass(?:word)?|[Tt]oken|[Ss]ecret)[A-Za-z]*)>[^<]*<\/\1>/g, `<$1>${MASKED}</$1>`);
  }
}

export class CallJournal {
  private entries: JournalEntry[] = [];
  private seq = 0;

  constructor(private readonly limit = 20_000) {}

  record(entry: Omit<JournalEntry, "seq">): void {
    this.entries.push({ seq: ++this.seq, ...entry });
    if (this.entries.length > this.limit) this.entries.splice(0, this.entries.length - this.limit);
  }

  snapshot(): { entries: JournalEntry[] } {
    return { entries: [...this.entries] };
  }

  reset(): void {
    this.entries = [];
  }
}
