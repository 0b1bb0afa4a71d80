/**
 * Messages per second over a sliding one-second window, in ten 100 ms buckets: O(1) per message and
 * bounded memory however high the rate.
 */
export class MessageRate {
  static readonly BUCKET_MS = 100;
  static readonly BUCKETS = 10;
  readonly #counts = new Array<number>(MessageRate.BUCKETS).fill(0);
  /** The bucket index (time / BUCKET_MS) each slot last counted for. */
  readonly #slots = new Array<number>(MessageRate.BUCKETS).fill(-1);

  constructor(private readonly now: () => number = Date.now) {}

  record(): void {
    const bucket = Math.floor(this.now() / MessageRate.BUCKET_MS);
    const i = bucket % MessageRate.BUCKETS;
    if (this.#slots[i] !== bucket) {
      this.#slots[i] = bucket;
      this.#counts[i] = 0;
    }
    this.#counts[i] = (this.#counts[i] ?? 0) + 1;
  }

  /** Messages recorded during the last second. */
  perSecond(): number {
    const current = Math.floor(this.now() / MessageRate.BUCKET_MS);
    let total = 0;
    for (let i = 0; i < MessageRate.BUCKETS; i++) {
      const slot = this.#slots[i] ?? -1;
      if (current - slot < MessageRate.BUCKETS) total += this.#counts[i] ?? 0;
    }
    return total;
  }
}
