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

  /** Takes one token if a whole one is there at `now`. */
  tryTake(now: number): boolean {
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Milliseconds from `now` until a whole token is there (0 if one is). */
  msUntilToken(now: number): number {
    this.#refill(now);
    if (this.#tokens >= 1) return 0;
    return Math.ceil(((1 - this.#tokens) * 1000) / this.perSecond);
  }

  /** Whether the bucket is full again, i.e. holds no memory of past use and can be forgotten. */
  isFull(now: number): boolean {
    this.#refill(now);
    return this.#tokens >= this.capacity;
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
