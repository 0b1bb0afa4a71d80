/** One way to undo a part of the server that started. */
export interface Disposal {
  name: string;
  dispose(): void | Promise<void>;
}

/**
 * What the server started, undone in reverse order: the same list serves a graceful shutdown and a
 * start that failed half-way (everything started so far is stopped, nothing else). A step that fails
 * is reported and the rest still run; `dispose` then rejects with the first failure.
 * (`AsyncDisposableStack` would do this, but Node 20 does not have it.)
 */
export class Disposals {
  readonly #steps: Disposal[] = [];
  #disposing: Promise<void> | undefined;

  constructor(private readonly onError: (name: string, err: unknown) => void) {}

  /** Registers how to undo something that just started; it is undone before everything added earlier. */
  add(name: string, dispose: () => void | Promise<void>): void {
    if (this.#disposing) throw new Error(`cannot add ${name}: already disposing`);
    this.#steps.push({ name, dispose });
  }

  /** The registered names, in the order `dispose` runs them (tests, logs). */
  get order(): string[] {
    return this.#steps.map((s) => s.name).reverse();
  }

  /** Runs every step, last added first, each after the one before finished. Idempotent. */
  dispose(): Promise<void> {
    this.#disposing ??= this.#run();
    return this.#disposing;
  }

  async #run(): Promise<void> {
    let first: { err: unknown } | undefined;
    for (const step of [...this.#steps].reverse()) {
      try {
        await step.dispose();
      } catch (err) {
        this.onError(step.name, err);
        first ??= { err };
      }
    }
    if (first) throw first.err;
  }
}
