/**
 * Resources declared without the source position and stack trace the Node.js SDK records in the
 * state for each of them (`sourcePosition`, `stackTrace`: about 240 bytes of a resource's 2.2 KB).
 *
 * The SDK takes them from `new Error().stack` in `Resource.callsites()`. For a YAML declaration
 * every frame is this package's own code (the resource class and config/program.ts), which tells
 * the state's reader nothing about the declaration, and the bytes are written again at every
 * checkpoint. `withoutSourcePositions` gives those stacks no frames while it runs; every other
 * stack is formatted as before. TypeScript programs that construct resources themselves keep
 * their positions.
 */
import { leavePromiseStacksUnmapped } from "./promise-stacks";

type PrepareStackTrace = (error: Error, frames: NodeJS.CallSite[]) => unknown;

/** A stack as `callsites()` parses it: its first line, no frame with a position. */
const NO_FRAMES = "Error";

/** Whether a stack is the SDK's capture of a resource's source position. */
function isPositionCapture(frames: NodeJS.CallSite[]): boolean {
  const first = frames[0];
  return first?.getFunctionName() === "callsites" && /[\\/]@pulumi[\\/]pulumi[\\/]/.test(first.getFileName() ?? "");
}

export function withoutSourcePositions<T>(declare: () => T): T {
  // Installed first, so that restoring the formatter below does not undo it.
  leavePromiseStacksUnmapped();
  const formatter = Error as { prepareStackTrace?: PrepareStackTrace };
  const previous = formatter.prepareStackTrace;
  formatter.prepareStackTrace = (error, frames) => {
    if (isPositionCapture(frames)) return NO_FRAMES;
    return previous ? previous(error, frames) : `${String(error)}${frames.map((frame) => `\n    at ${frame}`).join("")}`;
  };
  try {
    return declare();
  } finally {
    formatter.prepareStackTrace = previous;
  }
}
