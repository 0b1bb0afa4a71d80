/** Polls `done` every few ms until it is true or `timeoutMs` passes; resolves with whether it became true. */
export async function waitUntil(
  done: () => boolean,
  timeoutMs: number,
  everyMs = 10,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return true;
}

/** A deliberate pause in a measurement (let allocations settle before reading RSS), not a wait for an event. */
export function settle(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
