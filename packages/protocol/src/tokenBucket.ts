/**
 * A token bucket with time passed in (no timers, no clock): `capacity` tokens at most, refilled at
 * `perSecond`. One implementation for both sides: the server rate-limits with it, and the client paces
 * its writes with it under the server's announced limits (`welcome.limits`).
 */
export class TokenBucket {
  #tokens: number;
  #at: number;

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    now: number,
  ) {
    this.#tokens = capacity;
    this.#at = now;
  }

  /** Takes `count` tokens (one by default: a message; more: rows, bytes) if they are there at `now`. */
  tryTake(now: number, count = 1): boolean {
    this.#refill(now);
    if (this.#tokens < count) return false;
    this.#tokens -= count;
    return true;
  }

  /** Milliseconds from `now` until `count` whole tokens are there (0 if they are; at most a full bucket). */
  msUntilToken(now: number, count = 1): number {
    this.#refill(now);
    const wanted = Math.min(count, this.capacity);
    if (this.#tokens >= wanted) return 0;
    return Math.ceil(((wanted - this.#tokens) * 1000) / this.perSecond);
  }

  /** Whether the bucket is full again, i.e. holds no memory of past use and can be forgotten. */
  isFull(now: number): boolean {
    this.#refill(now);
    return this.#tokens >= this.capacity;
  }

  /**
   * Takes `count` tokens whatever is there, going into debt: for costs known only afterwards (rows a
   * query returned), so the next request waits until the debt is paid back.
   */
  spend(now: number, count: number): void {
    this.#refill(now);
    this.#tokens -= count;
  }

  /** Gives back `count` tokens taken too early (a reservation larger than the cost), up to full. */
  refund(now: number, count: number): void {
    this.#refill(now);
    this.#tokens = Math.min(this.capacity, this.#tokens + count);
  }

  /** Empties the bucket: after a refusal, go on at the sustained rate rather than in a burst. */
  drain(now: number): void {
    this.#refill(now);
    this.#tokens = 0;
  }

  #refill(now: number): void {
    // A clock that steps back must not mint tokens or push the refill into the future.
    const elapsed = Math.max(0, now - this.#at);
    this.#tokens = Math.min(this.capacity, this.#tokens + (elapsed * this.perSecond) / 1000);
    this.#at = Math.max(this.#at, now);
  }
}
