/**
 * What the risk-cc provisioning call carries on the wire (seed 002), shared by the client and
 * the emulator so the two agree by construction: the temporary-allow levels, the RFC 3339
 * date-time rule, and the element names of the XML documents.
 */

/**
 * The accepted `tempAllowType` values. The seed says only that the value must be one of
 * the enum `customercare.case.tempallow.level.enum` and never lists its members; its example
 * sends 1. We accept the levels 1, 2 and 3 (provider and emulator alike) and write that
 * decision down in docs/resources/temp-allow.md. If a tenant's enum differs, this list is
 * the one place to change.
 */
export const TEMP_ALLOW_TYPES = [1, 2, 3] as const;
export type TempAllowType = (typeof TEMP_ALLOW_TYPES)[number];

export const isTempAllowType = (value: unknown): value is TempAllowType =>
  typeof value === "number" && (TEMP_ALLOW_TYPES as readonly number[]).includes(value);

/** The rule, as messages state it. */
export const TEMP_ALLOW_TYPE_RULE = `must be one of the integers ${TEMP_ALLOW_TYPES.join(", ")} (the levels of customercare.case.tempallow.level.enum)`;
export const DATE_TIME_RULE = "must be an RFC 3339 date-time with seconds and an offset, like 2021-08-13T01:29:29.768Z or 2021-08-13T10:29:29+09:00";

/** The request document's root and the answer's, as the seed's XML examples spell them. */
export const REQUEST_ROOT = "TempAllowRequest";
export const RESPONSE_ROOT = "StatusResponse";

/** The 200 answer (`StatusResponse`). The seed's samples omit `sessionId`; its schema lists it. */
export interface StatusResponse {
  responseCode: string;
  responseMessage: string;
  sessionId?: string;
  status: boolean;
}

/** RFC 3339 section 5.6 `date-time`: `T`/`Z` may be lower case (its note); a space for `T` is not accepted. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export type DateTimeResult = { ok: true; epochMs: number } | { ok: false; problem: string };

const daysIn = (year: number, month: number) =>
  [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];

/**
 * Reads an RFC 3339 date-time strictly: the form, and then the calendar (no month 13, no
 * June 31st, no February 29th outside leap years, hours 00-23, minutes and seconds 00-59).
 * A leap second (:60) is refused, as java.time's offset date-time parser refuses it.
 */
export function parseDateTime(text: string): DateTimeResult {
  const m = DATE_TIME.exec(text);
  if (!m) return { ok: false, problem: "not in the form YYYY-MM-DDThh:mm:ss[.fraction](Z|+hh:mm|-hh:mm)" };
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12) return { ok: false, problem: `month ${m[2]} does not exist` };
  if (day < 1 || day > daysIn(year, month)) {
    return { ok: false, problem: `${MONTHS[month - 1]} ${year} has no day ${m[3]} (it has ${daysIn(year, month)} days)` };
  }
  if (hour > 23) return { ok: false, problem: `hour ${m[4]} does not exist (00 to 23)` };
  if (minute > 59) return { ok: false, problem: `minute ${m[5]} does not exist (00 to 59)` };
  if (second > 59) return { ok: false, problem: `second ${m[6]} is not accepted (00 to 59)` };
  let offsetMinutes = 0;
  if (!m[8]) {
    const [offsetHour, offsetMinute] = [Number(m[10]), Number(m[11])];
    if (offsetHour > 23 || offsetMinute > 59) return { ok: false, problem: `offset ${m[9]}${m[10]}:${m[11]} does not exist` };
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  }
  const millis = Number((m[7] ?? "").padEnd(3, "0").slice(0, 3));
  // Date.UTC maps years 0-99 to 1900-1999: set the year separately.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  date.setUTCFullYear(year);
  return { ok: true, epochMs: date.getTime() - offsetMinutes * 60_000 };
}
