/** What one attempt of a job came to. */
export type AttemptResult = { done: true } | { done: false; retryAfterMs?: number };

export interface RetryQueueOptions {
  /** Jobs held at once (waiting, running, or waiting to retry); more are refused. */
  maxJobs: number;
  /** Attempts running at once. */
  concurrency: number;
  /** Attempts per job, the first included; then it is given up. */
  maxAttempts: number;
  /** Backoff before the 2nd attempt (full jitter: a random delay up to this, doubling each time). */
  baseDelayMs: number;
  /** No wait is longer than this, even when the service asks for more (`Retry-After`). */
  maxDelayMs: number;
  /** @default Math.random */
  random?: () => number;
  /** @default the global timers */
  timers?: {
    setTimeout(fn: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
  };
}

export interface RetryQueueHooks<T> {
  /** A job was given up: its attempts ran out, or the queue was full or closed when it came. */
  onGivenUp?(job: T, why: "attempts" | "full" | "closed"): void;
  /** An attempt threw (a bug, or the store failing): counted as one attempt that may retry. */
  onError?(job: T, err: unknown): void;
}

/**
 * A bounded work queue with retries: at most `concurrency` attempts run at once, failed attempts
 * come back after a full-jitter exponential backoff (or the service's `Retry-After`, capped), and
 * at most `maxJobs` jobs are held in all. Nothing waits on it: `push` returns at once.
 */
export class RetryQueue<T> {
  readonly #waiting: { job: T; attempt: number }[] = [];
  readonly #retrying = new Map<unknown, T>();
  readonly #idle = new Set<() => void>();
  readonly #o: Required<RetryQueueOptions>;
  #running = 0;
  #held = 0;
  #closed = false;

  constructor(
    private readonly attempt: (job: T, attempt: number) => Promise<AttemptResult>,
    options: RetryQueueOptions,
    private readonly hooks: RetryQueueHooks<T> = {},
  ) {
    this.#o = {
      random: Math.random,
      timers: {
        setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
        clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
      },
      ...options,
    };
  }

  /** Jobs held now (waiting, running, or waiting to retry). */
  get size(): number {
    return this.#held;
  }

  /** Queues `job`; false (and `onGivenUp(job, "full")`) when `maxJobs` are already held. */
  push(job: T): boolean {
    if (this.#closed || this.#held >= this.#o.maxJobs) {
      this.hooks.onGivenUp?.(job, this.#closed ? "closed" : "full");
      return false;
    }
    this.#held += 1;
    this.#waiting.push({ job, attempt: 1 });
    this.#pump();
    return true;
  }

  /** The wait before attempt `next` (2, 3, …): full jitter, at least what the service asked. */
  delayFor(next: number, retryAfterMs?: number): number {
    const ceiling = Math.min(this.#o.maxDelayMs, this.#o.baseDelayMs * 2 ** (next - 2));
    const jittered = Math.floor(this.#o.random() * ceiling);
    return Math.min(this.#o.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
  }

  /** Resolves once nothing is waiting or running (retries scheduled later count as held). */
  idle(): Promise<void> {
    if (this.#held === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.add(resolve));
  }

  /**
   * Stops taking jobs, gives up the ones waiting or waiting to retry, and waits for the running
   * attempts to end.
   */
  async close(): Promise<void> {
    this.#closed = true;
    for (const [handle, job] of this.#retrying) {
      this.#o.timers.clearTimeout(handle);
      this.#release(job, "closed");
    }
    this.#retrying.clear();
    for (const { job } of this.#waiting.splice(0)) this.#release(job, "closed");
    await this.idle();
  }

  #pump(): void {
    while (this.#running < this.#o.concurrency) {
      const next = this.#waiting.shift();
      if (!next) return;
      this.#running += 1;
      void this.#run(next.job, next.attempt);
    }
  }

  async #run(job: T, attempt: number): Promise<void> {
    let result: AttemptResult;
    try {
      result = await this.attempt(job, attempt);
    } catch (err) {
      this.hooks.onError?.(job, err);
      result = { done: false };
    }
    this.#running -= 1;
    if (result.done) this.#release(job);
    else if (attempt >= this.#o.maxAttempts || this.#closed) {
      this.#release(job, this.#closed ? "closed" : "attempts");
    } else {
      const handle = this.#o.timers.setTimeout(
        () => {
          this.#retrying.delete(handle);
          this.#waiting.push({ job, attempt: attempt + 1 });
          this.#pump();
        },
        this.delayFor(attempt + 1, result.retryAfterMs),
      );
      this.#retrying.set(handle, job);
    }
    this.#pump();
  }

  #release(job: T, givenUp?: "attempts" | "closed"): void {
    this.#held -= 1;
    if (givenUp) this.hooks.onGivenUp?.(job, givenUp);
    if (this.#held === 0) {
      for (const resolve of this.#idle) resolve();
      this.#idle.clear();
    }
  }
}
