import type pg from "pg";
import type { AppendInput, AppendResult } from "../Store.js";
import { appendBatch } from "./appendBatch.js";

interface Pending {
  input: AppendInput;
  resolve: (result: AppendResult) => void;
  reject: (err: unknown) => void;
}

/** Options of {@link GroupCommit}. */
export interface GroupCommitOptions {
  /** Appends per transaction at most. @default 500 */
  maxBatch?: number;
  /** Appends in flight one by one before the next ones wait for a batch (0: always batch). @default 8 */
  directLimit?: number;
  /** Fewer appends than this go as parallel single-statement transactions instead. @default 2 */
  minBatch?: number;
  /**
   * Transactions in flight at once. Batches on different rooms commit in parallel (and Postgres
   * flushes their commits together); on the same rooms they queue on the counter rows in name
   * order, so they cannot deadlock. Keep it below the pool size, leaving connections for reads.
   * @default 1
   */
  maxInFlight?: number;
}

/**
 * Group commit behind `append`: appends that arrive while a transaction is in flight (or in the same
 * tick) are stored together in the next one, so many sends share one WAL flush instead of paying
 * one each. A few batches in flight per store: under load batches grow, alone an append goes at once.
 * Any batch failure falls back to `single` per append, so each caller gets its own answer.
 */
export class GroupCommit {
  readonly #pool: pg.Pool;
  readonly #single: (input: AppendInput) => Promise<AppendResult>;
  readonly #newEpoch: () => string;
  readonly #maxBatch: number;
  readonly #maxInFlight: number;
  readonly #minBatch: number;
  #queue: Pending[] = [];
  #inFlight = 0;
  #direct = 0;
  readonly #directLimit: number;
  #scheduled = false;

  constructor(
    pool: pg.Pool,
    single: (input: AppendInput) => Promise<AppendResult>,
    newEpoch: () => string,
    options: GroupCommitOptions = {},
  ) {
    this.#pool = pool;
    this.#single = single;
    this.#newEpoch = newEpoch;
    this.#maxBatch = options.maxBatch ?? 500;
    this.#maxInFlight = options.maxInFlight ?? 1;
    this.#minBatch = options.minBatch ?? 2;
    this.#directLimit = options.directLimit ?? 8;
  }

  append(input: AppendInput): Promise<AppendResult> {
    // Light load: straight through, one round trip, no wait for a batch (Postgres still flushes
    // concurrent commits together). Heavy load: the excess queues for the next batch.
    if (this.#direct < this.#directLimit && this.#inFlight === 0 && this.#queue.length === 0) {
      this.#direct += 1;
      return this.#single(input).finally(() => {
        this.#direct -= 1;
      });
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ input, resolve, reject });
      this.#schedule();
    });
  }

  // After this tick, so the appends of one burst of frames (or of the callers just answered) share
  // the next transaction.
  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= this.#maxInFlight) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    while (this.#inFlight < this.#maxInFlight && this.#queue.length > 0) {
      this.#inFlight += 1;
      void this.#run(this.#queue.splice(0, this.#maxBatch)).finally(() => {
        this.#inFlight -= 1;
        if (this.#queue.length > 0) this.#schedule();
      });
    }
  }

  async #run(batch: Pending[]): Promise<void> {
    if (batch.length < this.#minBatch) {
      await Promise.all(batch.map((p) => this.#single(p.input).then(p.resolve, p.reject)));
      return;
    }
    try {
      const results = await appendBatch(
        this.#pool,
        batch.map((p) => p.input),
        this.#newEpoch,
      );
      batch.forEach((p, i) => {
        const result = results[i];
        if (result) p.resolve(result);
        else p.reject(new Error("batched append lost its result"));
      });
    } catch {
      // A cid stored before (a resend, another node), a deadlock, one bad input: nothing of the batch
      // was stored; each append on its own, in order, gets its own answer.
      for (const p of batch) await this.#single(p.input).then(p.resolve, p.reject);
    }
  }
}
