/**
 * Runs `sweep` every `everyMs` without keeping the process alive. Runs are chained, never
 * overlapping: a slow one delays the next. A failed run goes to `onError` and the next goes ahead.
 * `stop()` clears the timer and waits for the run in progress.
 */
export function startPeriodicSweep(
  sweep: () => Promise<void>,
  everyMs: number,
  onError: (err: unknown) => void,
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(sweep).catch(onError);
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
