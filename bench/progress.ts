import type { EngineEvent } from "@pulumi/pulumi/automation";

/**
 * Prints a line every 30 seconds while a step runs, with the resources the engine has finished:
 * the only sign of life of a step that takes hours, and the points its growth is fitted through.
 */
export function watchProgress(label: string, expected: number, log: (message: string) => void) {
  const started = Date.now();
  let done = 0;
  const timer = setInterval(() => log(`  ${label}: ${done}/${expected} resources, ${Math.round((Date.now() - started) / 1000)} s`), 30_000);
  return {
    onEvent: (event: EngineEvent) => {
      if (event.resOutputsEvent || event.resOpFailedEvent) done++;
    },
    stop: () => clearInterval(timer),
  };
}
