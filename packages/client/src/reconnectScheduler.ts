import { CloseCode } from "@duplex/protocol";
import type { BackoffOptions } from "./backoff.js";
import type { Timers } from "./types.js";
import { backoffDelay } from "./backoff.js";

/** After a deploy (1001) every client lost the server at once: start from a wider jitter window. */
export const GOING_AWAY_MIN_ATTEMPT = 2;

export interface ReconnectSchedulerOptions {
  timers: Timers;
  backoff: BackoffOptions;
  random: () => number;
  /** A connection open this long resets the attempt counter. */
  stableAfterMs: number;
}

/**
 * When to try again: the attempt counter behind the backoff, the one pending retry timer, and the
 * "stable connection" timer that forgives past failures. A connection that opens and drops at once
 * keeps climbing the backoff instead of hammering the server every `baseMs`.
 */
export class ReconnectScheduler {
  #attempt = 0;
  #retryTimer: unknown;
  #stableTimer: unknown;

  constructor(private readonly options: ReconnectSchedulerOptions) {}

  /** Attempts since the last stable connection. */
  get attempt(): number {
    return this.#attempt;
  }

  /** A fresh start (`connect()` by the app). */
  reset(): void {
    this.cancel();
    this.#attempt = 0;
  }

  /** Counts a failed or lost connection; returns the attempt number it starts. */
  recordFailure(closeCode: number): number {
    this.#clearStable();
    const floor = closeCode === CloseCode.GoingAway ? GOING_AWAY_MIN_ATTEMPT : 0;
    this.#attempt = Math.max(this.#attempt, floor) + 1;
    return this.#attempt;
  }

  /** Runs `retry` after the jittered delay for the current attempt; returns when (ms since epoch). */
  schedule(retry: () => void): number {
    this.cancelRetry();
    const { timers, backoff, random } = this.options;
    const delay = backoffDelay(this.#attempt - 1, backoff, random);
    this.#retryTimer = timers.setTimeout(() => {
      this.#retryTimer = undefined;
      retry();
    }, delay);
    return timers.now() + delay;
  }

  cancelRetry(): void {
    if (this.#retryTimer !== undefined) this.options.timers.clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }

  /** The session is up (welcome): after `stableAfterMs` the backoff starts over. */
  markOpen(): void {
    this.#clearStable();
    this.#stableTimer = this.options.timers.setTimeout(() => {
      this.#stableTimer = undefined;
      this.#attempt = 0;
    }, this.options.stableAfterMs);
  }

  cancel(): void {
    this.cancelRetry();
    this.#clearStable();
  }

  #clearStable(): void {
    if (this.#stableTimer !== undefined) this.options.timers.clearTimeout(this.#stableTimer);
    this.#stableTimer = undefined;
  }
}
