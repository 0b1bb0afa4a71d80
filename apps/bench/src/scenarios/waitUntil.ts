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

/**
 * How long an RSS read waits for the malloc to give freed pages back: jemalloc's `dirty_decay_ms`
 * (10 s by default), over which a Duplex node on jemalloc returns what a phase freed, on its own
 * thread. glibc's malloc (the baselines, or `DUPLEX_MALLOC=system`) gives nothing back with time,
 * so for it the wait is neutral. Waited before both reads, so neither counts undecayed pages.
 */
export const MALLOC_DECAY_MS = 10_000;
