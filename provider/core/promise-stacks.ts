/**
 * Unmapped debug stacks for the Pulumi runtime's own promises, in the program process.
 *
 * The Node.js SDK tags every promise of a resource registration with `new Error().stack`
 * (runtime/debuggable.js `debuggablePromise`), a stack it prints only when
 * PULUMI_DEBUG_PROMISE_LEAKS is set. Its language host also installs source-map-support, so
 * each of those stacks is mapped frame by frame through source maps as it is taken. At 1,000
 * resources that is about half the wall time of a no-op `preview` (bench/TARGETS.md §3), and
 * formatting them even unmapped still costs a tenth. This replaces those stacks with a note;
 * every other error keeps its mapped stack, and nothing changes when PULUMI_DEBUG_PROMISE_LEAKS
 * is set, the one time the stacks are read.
 */

/** The SDK function whose stacks are taken for leak reports only. */
const PROMISE_TAGGER = "debuggablePromise";

type PrepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => unknown;

/** What a promise's debug stack reads instead. */
export const UNKEPT_PROMISE_STACK = "Error: stack not kept (set PULUMI_DEBUG_PROMISE_LEAKS=true to keep it)";

/** `mapped`, except for the stacks the SDK's promise tagger takes. */
export function skippingPromiseTagger(mapped: PrepareStackTrace): PrepareStackTrace {
  return function prepareStackTrace(error, frames) {
    if (frames[0]?.getFunctionName() === PROMISE_TAGGER) return UNKEPT_PROMISE_STACK;
    return mapped(error, frames);
  };
}

let installed = false;

/** Installs `skippingPromiseTagger` around the process's stack formatter, once. */
export function leavePromiseStacksUnmapped(): void {
  if (installed || process.env.PULUMI_DEBUG_PROMISE_LEAKS) return;
  installed = true;
  const mapped = Error.prepareStackTrace;
  if (mapped) Error.prepareStackTrace = skippingPromiseTagger(mapped);
}
