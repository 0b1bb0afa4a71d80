/** Failed-login budgets: per name from one address, and per address over all names. */
export interface LockoutLimits {
  /** Failures of one name from one address within the window before 429. @default 5 */
  perNameAndAddress: number;
  /** Failures from one address (any names) within the window before 429. @default 20 */
  perAddress: number;
  /** @default 15 minutes */
  windowMs: number;
}

export const DEFAULT_LOCKOUT: LockoutLimits = {
  perNameAndAddress: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
};

/** Most keys kept: an address spraying names cannot grow this without bound. */
const MAX_KEYS = 100_000;

/**
 * Counts failed logins in a fixed window per key. Keyed by (name, address) and by address, never by
 * name alone: an attacker elsewhere cannot lock a user out. In memory per node: with several nodes
 * each allows its own budget (an attacker spreading over N nodes gets N budgets, still bounded).
 */
export class LoginLockout {
  readonly #failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly limits: LockoutLimits = DEFAULT_LOCKOUT,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `name` may be tried from `address` again, or 0 when it may now. */
  retryAfterMs(nameKey: string, address: string): number {
    const now = this.now();
    const wait = (key: string, max: number) => {
      const entry = this.#failures.get(key);
      if (!entry || entry.until <= now) return 0;
      return entry.count >= max ? entry.until - now : 0;
    };
    return Math.max(
      wait(`${address}\n${nameKey}`, this.limits.perNameAndAddress),
      wait(address, this.limits.perAddress),
    );
  }

  /** Charges one failure to both budgets. */
  fail(nameKey: string, address: string): void {
    this.#charge(`${address}\n${nameKey}`);
    this.#charge(address);
  }

  /** A success clears that name's budget from that address (not the address's total). */
  succeed(nameKey: string, address: string): void {
    this.#failures.delete(`${address}\n${nameKey}`);
  }

  #charge(key: string): void {
    const now = this.now();
    const entry = this.#failures.get(key);
    if (entry && entry.until > now) {
      entry.count += 1;
      return;
    }
    if (this.#failures.size >= MAX_KEYS) this.#sweep(now);
    this.#failures.set(key, { count: 1, until: now + this.limits.windowMs });
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#failures) if (entry.until <= now) this.#failures.delete(key);
    // Still full: forget the oldest windows rather than grow.
    for (const key of this.#failures.keys()) {
      if (this.#failures.size < MAX_KEYS) break;
      this.#failures.delete(key);
    }
  }
}
