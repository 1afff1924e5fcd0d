/**
 * A value as an error message shows it: JSON, cut short. A message names the value it refuses,
 * but a 5 MB name must not make a 5 MB error line in a pull-request comment, and a value read
 * from somewhere it should not have been read must not be printed whole.
 */

/** The most characters of a value a message shows. */
export const ECHO_LIMIT = 120;

export function echo(value: unknown): string {
  if (value === undefined) return "nothing";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length <= ECHO_LIMIT ? text : `${text.slice(0, ECHO_LIMIT)}… (${text.length.toLocaleString("en-US")} characters)`;
}
