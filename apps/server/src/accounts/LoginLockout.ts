import { addressKey } from "../limits/addressKey.js";

/** Failed-login budgets: per name from one address, and per address over all names. */
export interface LockoutLimits {
  /** Failures of one name from one address within the window before 429. @default 5 */
  perNameAndAddress: number;
  /** Failures from one address (any names) within the window before 429. @default 20 */
  perAddress: number;
  /** @default 15 minutes */
  windowMs: number;
  /**
   * Most keys kept (name-and-address keys plus address keys): an address spraying names, or many
   * addresses, cannot grow memory without bound. @default 100_000
   */
  maxKeys: number;
  /** Expired windows are dropped at most this often, on the next failure. @default 1 minute */
  sweepEveryMs: number;
}

export const DEFAULT_LOCKOUT: LockoutLimits = {
  perNameAndAddress: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
  maxKeys: 100_000,
  sweepEveryMs: 60_000,
};

interface Window {
  count: number;
  until: number;
}

/**
 * Counts failed logins in a fixed window per key. Keyed by (name, address) and by address, never by
 * name alone: an attacker elsewhere cannot lock a user out. An IPv6 address counts as its /64 (one
 * subscriber holds a whole /64). In memory per node: with several nodes each allows its own budget
 * (an attacker spreading over N nodes gets N budgets, still bounded).
 */
export class LoginLockout {
  readonly #failures = new Map<string, Window>();
  readonly #limits: LockoutLimits;
  #nextSweep = 0;

  constructor(
    limits: Partial<LockoutLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.#limits = { ...DEFAULT_LOCKOUT, ...limits };
  }

  /** How many keys are held now (for tests and metrics). */
  get size(): number {
    return this.#failures.size;
  }

  /** Milliseconds until `name` may be tried from `address` again, or 0 when it may now. */
  retryAfterMs(nameKey: string, address: string): number {
    const now = this.now();
    const from = addressKey(address);
    const wait = (key: string, max: number) => {
      const entry = this.#failures.get(key);
      if (!entry || entry.until <= now) return 0;
      return entry.count >= max ? entry.until - now : 0;
    };
    return Math.max(
      wait(`${from}\n${nameKey}`, this.#limits.perNameAndAddress),
      wait(from, this.#limits.perAddress),
    );
  }

  /** Charges one failure to both budgets. */
  fail(nameKey: string, address: string): void {
    const now = this.now();
    if (now >= this.#nextSweep) this.#sweep(now);
    const from = addressKey(address);
    this.#charge(`${from}\n${nameKey}`, now);
    this.#charge(from, now);
  }

  /** A success clears that name's budget from that address (not the address's total). */
  succeed(nameKey: string, address: string): void {
    this.#failures.delete(`${addressKey(address)}\n${nameKey}`);
  }

  #charge(key: string, now: number): void {
    const entry = this.#failures.get(key);
    if (entry && entry.until > now) {
      entry.count += 1;
      return;
    }
    // Re-inserted, so the map's order stays oldest window first.
    this.#failures.delete(key);
    if (this.#failures.size >= this.#limits.maxKeys) this.#evict(now);
    this.#failures.set(key, { count: 1, until: now + this.#limits.windowMs });
  }

  /** Drops every expired window. */
  #sweep(now: number): void {
    this.#nextSweep = now + this.#limits.sweepEveryMs;
    for (const [key, entry] of this.#failures) if (entry.until <= now) this.#failures.delete(key);
  }

  /** Full: expired windows go first, then the oldest ones, rather than grow. */
  #evict(now: number): void {
    this.#sweep(now);
    for (const key of this.#failures.keys()) {
      if (this.#failures.size < this.#limits.maxKeys) break;
      this.#failures.delete(key);
    }
  }
}
