import { closeSync, fdatasync, fdatasyncSync, openSync } from "node:fs";

/** What a group commit waits on before it answers a committed batch (groupCommit.ts). */
export interface DurableBarrier {
  /** Calls `done` once everything committed before this call is durable, or `failed` if it cannot be. */
  after(done: () => void, failed: (err: unknown) => void): void;
}

type SyncFile = (fd: number, callback: (err: NodeJS.ErrnoException | null) => void) => void;

interface Waiter {
  done(): void;
  failed(err: unknown): void;
}

/**
 * Makes commits durable with our own `fdatasync` of SQLite's `-wal` file on libuv's threadpool, so the
 * event loop keeps committing, acking and fanning out while the disk flushes (the appends commit with
 * `synchronous = NORMAL`, which writes the WAL frames but does not sync them).
 *
 * Pipelined: at most one sync is in flight; batches committed meanwhile wait together for the next
 * one, which starts when the current one ends. A sync covers every frame written before it starts, and
 * the WAL is one append-only log, so a batch is answered only once its own frames and all earlier ones
 * are on disk. One `-wal` descriptor serves for the store's life: SQLite truncates or deletes the file
 * only at the last connection's close or on a `journal_mode` change, never while this store is open.
 *
 * A failed sync is sticky (as PostgreSQL panics on it): after an `fdatasync` error the kernel may have
 * dropped the dirty pages, so a later sync that succeeds proves nothing about the earlier frames; every
 * batch from then on fails until the process restarts and SQLite recovers the WAL.
 */
export class WalSync implements DurableBarrier {
  readonly #fd: number;
  #waiting: Waiter[] = [];
  #inFlight: Promise<void> | undefined;
  #failure: Error | undefined;
  #closed = false;
  /** Syncs issued (metrics, tests). */
  syncs = 0;

  /** @param syncFile the flush on the threadpool (tests pass one they complete by hand) */
  constructor(
    walPath: string,
    private readonly syncFile: SyncFile = fdatasync,
  ) {
    // Read-only is enough: fdatasync flushes the file's pages, whichever descriptor asks.
    this.#fd = openSync(walPath, "r");
  }

  after(done: () => void, failed: (err: unknown) => void): void {
    if (this.#failure !== undefined) {
      failed(this.#failure);
      return;
    }
    this.#waiting.push({ done, failed });
    if (this.#inFlight === undefined) this.#start();
  }

  /** Waits for the sync in flight, then syncs what is left on this thread (before the database closes). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    while (this.#inFlight !== undefined) await this.#inFlight;
    if (this.#waiting.length > 0) {
      const group = this.#take();
      try {
        fdatasyncSync(this.#fd);
        this.syncs += 1;
        for (const w of group) w.done();
      } catch (err) {
        for (const w of group) w.failed(this.#fail(err));
      }
    }
    closeSync(this.#fd);
  }

  #take(): Waiter[] {
    const group = this.#waiting;
    this.#waiting = [];
    return group;
  }

  #start(): void {
    const group = this.#take();
    this.syncs += 1;
    this.#inFlight = new Promise<void>((resolve) => {
      this.syncFile(this.#fd, (err) => {
        if (err) for (const w of group) w.failed(this.#fail(err));
        else for (const w of group) w.done();
        this.#inFlight = undefined;
        resolve();
        if (this.#waiting.length === 0 || this.#closed) return;
        if (this.#failure === undefined) this.#start();
        else for (const w of this.#take()) w.failed(this.#failure);
      });
    });
  }

  #fail(err: unknown): Error {
    this.#failure ??= Object.assign(
      new Error(`the write-ahead log could not be synced to disk: ${String(err)}`, { cause: err }),
      // Read as "the database could not write to disk" by storeErrors.ts.
      { code: "SQLITE_IOERR_FSYNC" },
    );
    return this.#failure;
  }
}
