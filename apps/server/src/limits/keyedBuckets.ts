import { TokenBucket } from "@duplex/protocol";

/** Above this many keys, full buckets (which remember nothing) are swept. */
const SWEEP_AT = 10_000;
/**
 * Most keys kept. A bucket of an hour or a day stays part-empty long after its user left, so sweeping
 * full ones alone does not bound the map under churn (every new user of the day is a new key).
 */
export const MAX_BUCKET_KEYS = 100_000;
/** Share of `maxKeys` kept when the least recently used keys must be forgotten. */
const KEEP_AFTER_EVICTION = 0.9;

/**
 * One token bucket per key (a user id, an address group), shared by every socket of that key, so a
 * budget cannot be multiplied by opening more sockets. A rate of 0 admits everything.
 */
export class KeyedBuckets {
  // In least recently used order: a key is moved to the end each time it is charged.
  readonly #buckets = new Map<string, TokenBucket>();
  #sweepAt: number;

  /**
   * @param maxKeys most keys held; past it the least recently charged are forgotten (their debt
   *   is forgiven: the price of a bound) @default MAX_BUCKET_KEYS
   */
  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    readonly maxKeys: number = MAX_BUCKET_KEYS,
  ) {
    this.#sweepAt = Math.min(SWEEP_AT, maxKeys);
  }

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
      if (this.#buckets.size >= this.#sweepAt) this.#sweep(now);
      bucket = new TokenBucket(this.capacity, this.perSecond, now);
    } else {
      this.#buckets.delete(key);
    }
    this.#buckets.set(key, bucket);
    return bucket;
  }

  #sweep(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.isFull(now)) this.#buckets.delete(key);
    }
    if (this.#buckets.size >= this.maxKeys) {
      let excess = this.#buckets.size - Math.floor(this.maxKeys * KEEP_AFTER_EVICTION);
      for (const key of this.#buckets.keys()) {
        if (excess-- <= 0) break;
        this.#buckets.delete(key);
      }
    }
    // The next sweep waits for as many new keys as are left: O(1) a key on average, not O(n).
    this.#sweepAt = Math.min(this.maxKeys, Math.max(SWEEP_AT, 2 * this.#buckets.size));
  }
}
