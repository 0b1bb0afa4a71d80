import { TokenBucket } from "@duplex/protocol";

/** Above this many keys, full buckets (which remember nothing) are swept. */
const SWEEP_AT = 10_000;

/**
 * One token bucket per key (a user id, an address group), shared by every socket of that key, so a
 * budget cannot be multiplied by opening more sockets. A rate of 0 admits everything.
 */
export class KeyedBuckets {
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(
    readonly capacity: number,
    readonly perSecond: number,
  ) {}

  get enabled(): boolean {
    return this.perSecond > 0;
  }

  /** Takes `count` tokens of `key`'s bucket; returns 0 if it did, else the ms until they are there. */
  take(key: string, now: number, count = 1): number {
    if (!this.enabled) return 0;
    const bucket = this.#bucket(key, now);
    return bucket.tryTake(now, count) ? 0 : Math.max(1, bucket.msUntilToken(now, count));
  }

  /** Ms until `key` has `count` tokens (at most a full bucket), taking none. */
  wait(key: string, now: number, count = 1): number {
    if (!this.enabled) return 0;
    return this.#buckets.get(key)?.msUntilToken(now, count) ?? 0;
  }

  /** Charges `count` tokens to `key` after the fact, into debt if need be. */
  spend(key: string, now: number, count: number): void {
    if (this.enabled && count > 0) this.#bucket(key, now).spend(now, count);
  }

  /** Gives back `count` tokens spent too early (never above a full bucket). */
  refund(key: string, now: number, count: number): void {
    if (this.enabled && count > 0) this.#buckets.get(key)?.refund(now, count);
  }

  /** Keys held (for tests and metrics). */
  get size(): number {
    return this.#buckets.size;
  }

  #bucket(key: string, now: number): TokenBucket {
    let bucket = this.#buckets.get(key);
    if (bucket === undefined) {
      if (this.#buckets.size >= SWEEP_AT) this.#sweep(now);
      bucket = new TokenBucket(this.capacity, this.perSecond, now);
      this.#buckets.set(key, bucket);
    }
    return bucket;
  }

  #sweep(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.isFull(now)) this.#buckets.delete(key);
    }
  }
}
