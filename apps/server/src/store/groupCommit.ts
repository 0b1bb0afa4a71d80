import type { DurableBarrier } from "./walSync.js";

interface Waiting<I, O> {
  input: I;
  resolve(output: O): void;
  reject(err: unknown): void;
}

/**
 * Group commit for a synchronous database: every write submitted in one event-loop turn is committed
 * in one transaction when the turn's I/O is done (`setImmediate`), and each caller's promise settles
 * only after that commit, so an ack sent on it still means "durable". One commit per turn instead of
 * one per write: at 5,000 sends/s from 500 sockets that is ~25 writes per commit.
 *
 * A batch is bounded (`maxBatch`): past a few hundred rows a bigger commit saves little per row, but
 * it holds the event loop (acks, fan-out, reads) for its whole length; the rest commits on the next
 * turn, after the I/O that waited.
 *
 * With a `barrier` (walSync.ts) the commit itself does not sync: each committed batch is answered
 * once the barrier says it is durable, and the loop commits the next batches meanwhile.
 */
export class GroupCommit<I, O> {
  #waiting: Waiting<I, O>[] = [];

  /**
   * @param commitAll one transaction for all inputs, outputs in input order; all or nothing
   * @param commitOne one transaction for one input: the fallback when the batch fails, so one bad
   *   input fails alone instead of taking the others with it
   * @param failsAll whether a batch's error would fail every input alike (a full disk, a lock): then
   *   all are rejected with it at once rather than each retried and failed again
   * @param barrier what a committed batch waits on before it is answered; none: answered at once
   */
  constructor(
    private readonly commitAll: (inputs: readonly I[]) => O[],
    private readonly commitOne: (input: I) => O,
    private readonly failsAll: (err: unknown) => boolean = () => false,
    private readonly maxBatch: number = 1000,
    private readonly barrier?: DurableBarrier,
  ) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.#waiting.push({ input, resolve, reject });
      if (this.#waiting.length === 1) setImmediate(() => this.#flushTurn());
    });
  }

  /** Commits everything waiting now, in bounded batches (before the database closes). */
  flush(): void {
    while (this.#waiting.length > 0) this.#commitNext();
  }

  #flushTurn(): void {
    this.#commitNext();
    // What did not fit commits on the next turn (later submits join it: none schedules its own).
    if (this.#waiting.length > 0) setImmediate(() => this.#flushTurn());
  }

  #commitNext(): void {
    const batch =
      this.#waiting.length <= this.maxBatch
        ? this.#waiting
        : this.#waiting.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    if (batch === this.#waiting) this.#waiting = [];
    let outputs: O[] | undefined;
    try {
      outputs = batch.length === 1 ? undefined : this.commitAll(batch.map((w) => w.input));
    } catch (err) {
      if (this.failsAll(err)) {
        for (const w of batch) w.reject(err);
        return;
      }
      outputs = undefined; // rolled back as a whole: retried one by one below
    }
    if (outputs) {
      this.#answer(batch, outputs);
      return;
    }
    const committed: Waiting<I, O>[] = [];
    const committedOutputs: O[] = [];
    for (const w of batch) {
      try {
        committedOutputs.push(this.commitOne(w.input));
        committed.push(w);
      } catch (err) {
        w.reject(err); // nothing of it was committed: no need to wait for the barrier
      }
    }
    this.#answer(committed, committedOutputs);
  }

  #answer(batch: readonly Waiting<I, O>[], outputs: readonly O[]): void {
    if (batch.length === 0) return;
    const resolveAll = () => batch.forEach((w, i) => w.resolve(outputs[i] as O));
    if (this.barrier === undefined) resolveAll();
    else this.barrier.after(resolveAll, (err) => batch.forEach((w) => w.reject(err)));
  }
}
