/**
 * Work the server carries on after it has answered, such as the notifications of a stored message:
 * each piece is tracked until it ends, so shutdown can wait for it before the store and the push
 * parts close under it (a mention of an acked message must not be lost to a routine restart).
 */
export class BackgroundWork {
  readonly #pending = new Set<Promise<unknown>>();

  /** Pieces started and not yet ended. */
  get pending(): number {
    return this.#pending.size;
  }

  /** Tracks `work` until it settles (its failure is the caller's to handle); returns it. */
  track<T>(work: Promise<T>): Promise<T> {
    this.#pending.add(work);
    const forget = () => this.#pending.delete(work);
    work.then(forget, forget);
    return work;
  }

  /**
   * Resolves once every tracked piece has ended, including pieces those started meanwhile, or after
   * `timeoutMs` (a store that stopped answering must not hold a shutdown forever); resolves with the
   * number of pieces still running then.
   */
  async drain(timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    try {
      while (this.#pending.size > 0) {
        const settled = Promise.allSettled([...this.#pending]);
        if ((await Promise.race([settled, gaveUp])) === "timeout") break;
      }
      return this.#pending.size;
    } finally {
      clearTimeout(timer);
    }
  }
}
