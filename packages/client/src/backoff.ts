/** Reconnect delay bounds. */
export interface BackoffOptions {
  /** First retry window, in ms. @default 500 */
  baseMs: number;
  /** Largest window, in ms. @default 30000 */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000 };

/**
 * Delay before reconnect attempt `attempt` (0-based), with FULL jitter: uniform in
 * `[0, min(cap, base * 2^attempt))`. Full rather than "equal" jitter spreads a crowd of clients that lost
 * the same server at the same instant across the whole window (AWS architecture blog, "Exponential
 * Backoff And Jitter"; centrifuge-js `backoff()`).
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number,
): number {
  const exponent = Math.min(Math.max(attempt, 0), 30); // 2^30 already exceeds any sane cap
  const window = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  return Math.floor(random() * window);
}
