/**
 * Messages stored per second, measured between two consecutive reads: the ticker reads once per tick,
 * so each sample covers exactly the messages of its own interval (a fixed one-second window would
 * drop messages that land right after a tick). O(1) per message, no buffer however high the rate.
 */
export class MessageRate {
  #count = 0;
  #since: number;

  constructor(private readonly now: () => number = Date.now) {
    this.#since = now();
  }

  record(): void {
    this.#count += 1;
  }

  /** Starts a fresh interval (e.g. when the ticker starts after a quiet period). */
  reset(): void {
    this.#count = 0;
    this.#since = this.now();
  }

  /** The rate since the previous read (or reset), then starts the next interval. */
  read(): number {
    const now = this.now();
    const seconds = Math.max(now - this.#since, 1) / 1000;
    const rate = this.#count / seconds;
    this.#count = 0;
    this.#since = now;
    return Math.round(rate * 100) / 100;
  }
}
