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
 */
export class GroupCommit<I, O> {
  #waiting: Waiting<I, O>[] = [];

  /**
   * @param commitAll one transaction for all inputs, outputs in input order; all or nothing
   * @param commitOne one transaction for one input: the fallback when the batch fails, so one bad
   *   input fails alone instead of taking the others with it
   * @param failsAll whether a batch's error would fail every input alike (a full disk, a lock): then
   *   all are rejected with it at once rather than each retried and failed again
   */
  constructor(
    private readonly commitAll: (inputs: readonly I[]) => O[],
    private readonly commitOne: (input: I) => O,
    private readonly failsAll: (err: unknown) => boolean = () => false,
    private readonly maxBatch: number = 1000,
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
      batch.forEach((w, i) => w.resolve(outputs[i] as O));
      return;
    }
    for (const w of batch) {
      try {
        w.resolve(this.commitOne(w.input));
      } catch (err) {
        w.reject(err);
      }
    }
  }
}
