/**
 * A token bucket: holds up to `capacity` tokens, refilled at `perSecond`. Each action takes one.
 * Time is passed in (milliseconds) so the bucket is pure and tests need no clock.
 */
export class TokenBucket {
  #tokens: number;
  #updatedAt: number;

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    now: number,
  ) {
    this.#tokens = capacity;
    this.#updatedAt = now;
  }

  #refill(now: number): void {
    const elapsed = Math.max(0, now - this.#updatedAt);
    this.#tokens = Math.min(this.capacity, this.#tokens + (elapsed * this.perSecond) / 1000);
    this.#updatedAt = now;
  }

  /** Takes one token if there is one. */
  tryTake(now: number): boolean {
    this.#refill(now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Milliseconds until one token is available (0 when one is available now). */
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
}
