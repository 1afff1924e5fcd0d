/**
 * After a create whose answer never came (a timeout, a connection lost after the request went
 * out), the object may still appear: the server can commit after the client gave up waiting.
 * One look right away would miss it, and the next run would then trip over "already exists".
 * So the provider keeps looking, with growing pauses, for a window that covers a slow commit.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { secondsSetting } from "./settings";

/** `CONTACT_CENTER_LATE_COMMIT_SECONDS`, else 60 s: how long to keep looking for a create whose answer was lost. */
export function lateCommitWindowMs(env: NodeJS.ProcessEnv = process.env): number {
  return secondsSetting("CONTACT_CENTER_LATE_COMMIT_SECONDS", 60, { env });
}

/**
 * What `lookup` finds within the window, asked at once and then after pauses of 0.5, 1, 2, 4,
 * then 5 s; undefined when nothing appeared. `what` names the object for the line that says
 * the run is waiting (standard error, which the Pulumi CLI shows).
 */
export async function findLateCommit<T>(what: string, lookup: () => Promise<T | undefined>, windowMs = lateCommitWindowMs()): Promise<T | undefined> {
  const deadline = Date.now() + windowMs;
  let announced = false;
  for (let pause = 500; ; pause = Math.min(pause * 2, 5_000)) {
    const found = await lookup();
    if (found !== undefined) return found;
    if (Date.now() + pause > deadline) return undefined;
    if (!announced) {
      process.stderr.write(`${what}: the create's answer was lost; looking for it for up to ${Math.round(windowMs / 1000)} s in case the server commits it late\n`);
      announced = true;
    }
    await sleep(pause);
  }
}

/** The end of a create's error when the object never appeared: what may still happen, and what to do then. */
export function notFoundAfterLostAnswer(windowMs = lateCommitWindowMs()): string {
  return (
    `. It did not appear within ${Math.round(windowMs / 1000)} s, but the server may still commit it: run \`pulumi up\` again later, ` +
    "and if it then says the object already exists, set adopt: true to take it over (CONTACT_CENTER_LATE_COMMIT_SECONDS sets how long to look)"
  );
}
