import { TokenBucket } from "@duplex/protocol";

/** Per-address limits at the upgrade. 0 turns a limit off. */
export interface ConnectionLimits {
  /** Open WebSockets per remote address. @default 100 */
  maxPerIp: number;
  /** Open sockets in total, from every address (0: no cap). @default 0 */
  maxTotal?: number;
  /** Upgrade attempts per remote address: sustained per second. @default 10 */
  handshakesPerSecond: number;
  /** Upgrade attempts per remote address: burst. @default 50 */
  handshakeBurst: number;
}

export type Admission = { ok: true; release: () => void } | { ok: false; reason: string };

/** Above this many tracked addresses, idle (full) handshake buckets are swept. */
const SWEEP_AT = 10_000;

/**
 * Admits upgrades per remote address: a handshake token bucket (a connect storm from one address) and
 * a count of open sockets. `release` must be called once when the admitted socket closes.
 */
export class ConnectionLimiter {
  readonly #open = new Map<string, number>();
  readonly #handshakes = new Map<string, TokenBucket>();
  #total = 0;

  constructor(readonly limits: ConnectionLimits) {}

  admit(ip: string, now: number): Admission {
    if (this.limits.handshakesPerSecond > 0) {
      let bucket = this.#handshakes.get(ip);
      if (bucket === undefined) {
        if (this.#handshakes.size >= SWEEP_AT) this.#sweep(now);
        bucket = new TokenBucket(this.limits.handshakeBurst, this.limits.handshakesPerSecond, now);
        this.#handshakes.set(ip, bucket);
      }
      if (!bucket.tryTake(now)) return { ok: false, reason: "too many connection attempts" };
    }
    const open = this.#open.get(ip) ?? 0;
    if (this.limits.maxPerIp > 0 && open >= this.limits.maxPerIp) {
      return { ok: false, reason: "too many open connections from this address" };
    }
    const maxTotal = this.limits.maxTotal ?? 0;
    if (maxTotal > 0 && this.#total >= maxTotal) {
      return { ok: false, reason: "server full; try again later" };
    }
    this.#open.set(ip, open + 1);
    this.#total += 1;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.#total -= 1;
        const left = (this.#open.get(ip) ?? 1) - 1;
        if (left <= 0) this.#open.delete(ip);
        else this.#open.set(ip, left);
      },
    };
  }

  /** Open sockets admitted and not yet released, from every address. */
  get total(): number {
    return this.#total;
  }

  /** Open sockets counted for `ip`. */
  openCount(ip: string): number {
    return this.#open.get(ip) ?? 0;
  }

  // A full bucket remembers nothing, so forgetting it changes no decision; keeps memory bounded
  // when many addresses each connect once.
  #sweep(now: number): void {
    for (const [ip, bucket] of this.#handshakes) {
      if (bucket.isFull(now)) this.#handshakes.delete(ip);
    }
  }
}
