import type Database from "better-sqlite3";

export interface SearchIndexerOptions {
  /** Rows indexed per transaction. @default 1000 */
  batchRows?: number;
  /**
   * How long after a commit the indexer runs, so one batch gathers many commits. Short: each batch
   * holds the event loop, and FTS5's merges make a batch of ~500 rows cost up to ~20 ms. @default 10
   */
  delayMs?: number;
  /** How long a batch that failed (disk full, database locked) waits before it is tried again. @default 1000 */
  retryMs?: number;
}

/** Pages merged after even a small batch: enough to keep up with 100-row batches of chat text. */
const MERGE_PAGES_MIN = 16;

/**
 * Brings `message_fts` up to the newest `search_rows` number (migration 14), off the append's
 * transaction: one transaction per batch, with `synchronous = NORMAL` for it alone (the index is
 * derived data; the next FULL commit syncs its WAL frames anyway, and after a crash the high-water
 * mark `indexed_to` is as old as the index, so startup simply catches up from it).
 */
export class SqliteSearchIndexer {
  readonly #db: Database.Database;
  readonly #batchRows: number;
  readonly #delayMs: number;
  readonly #retryMs: number;
  readonly #stmt;
  readonly #commit: Database.Transaction<(from: number, upTo: number) => void>;
  #timer: NodeJS.Timeout | undefined;

  constructor(db: Database.Database, options: SearchIndexerOptions = {}) {
    this.#db = db;
    this.#batchRows = options.batchRows ?? 1000;
    this.#delayMs = options.delayMs ?? 10;
    this.#retryMs = options.retryMs ?? 1000;
    this.#stmt = {
      indexedTo: db.prepare<[], { indexed_to: number }>(
        `SELECT indexed_to FROM search_index WHERE id = 1`,
      ),
      top: db.prepare<[], { top: number | null }>(`SELECT max(id) AS top FROM search_rows`),
      upTo: db.prepare<[number, number], { upTo: number | null }>(
        `SELECT max(id) AS upTo FROM (SELECT id FROM search_rows WHERE id > ? ORDER BY id LIMIT ?)`,
      ),
      // The text as it is now: an edit or delete before indexing leaves nothing stale behind.
      index: db.prepare<[number, number]>(
        `INSERT INTO message_fts (rowid, text) SELECT r.id, m.text FROM search_rows r
         JOIN messages m ON m.room = r.room AND m.seq = r.seq
         WHERE r.id > ? AND r.id <= ? AND m.deleted = 0`,
      ),
      setIndexedTo: db.prepare<[number]>(`UPDATE search_index SET indexed_to = ? WHERE id = 1`),
      // Up to N pages of segment merging (levels of at least `usermerge` = 4 segments only).
      merge: db.prepare<[number]>(
        `INSERT INTO message_fts (message_fts, rank) VALUES ('merge', ?)`,
      ),
    };
    this.#commit = db.transaction((from: number, upTo: number) => {
      const { changes } = this.#stmt.index.run(from, upTo);
      this.#stmt.setIndexedTo.run(upTo);
      // Automatic merging is off (migration 17): each batch merges in proportion to what it added,
      // so no single insert pays for a whole level's merge (≤ ~10 ms instead of 20–30 at 100 rows).
      if (changes > 0) this.#stmt.merge.run(Math.max(MERGE_PAGES_MIN, Math.ceil(changes / 6)));
    });
  }

  /** Rows numbered but not yet in the full-text index. */
  behind(): number {
    const top = this.#stmt.top.get()?.top ?? 0;
    return Math.max(0, top - (this.#stmt.indexedTo.get()?.indexed_to ?? 0));
  }

  /** Runs soon (once per delay however many commits ask), then on until caught up. */
  schedule(delayMs = this.#delayMs): void {
    if (this.#timer !== undefined || !this.#db.open) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (!this.#db.open) return;
      const covered = this.#tryBatch();
      if (covered === undefined) this.schedule(this.#retryMs);
      else if (covered === this.#batchRows) this.schedule(0);
    }, delayMs);
    this.#timer.unref();
  }

  /**
   * Indexes synchronously until caught up or about `maxRows` are done; returns the rows covered. A
   * batch that cannot be written (disk full, locked) ends the catch-up: a search then reads the index
   * as it is rather than fail, and the timer tries again later.
   */
  catchUp(maxRows = Number.POSITIVE_INFINITY): number {
    let done = 0;
    while (done < maxRows) {
      const covered = this.#tryBatch();
      if (covered === undefined) {
        // A pending run would fail alike: the retry replaces it.
        this.stop();
        this.schedule(this.#retryMs);
        break;
      }
      done += covered;
      if (covered < this.#batchRows) break;
    }
    return done;
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /**
   * One batch, or undefined if SQLite refused the write. The index is derived data: a failed batch
   * loses nothing (the mark did not move), so it is retried, never thrown out of a timer (which would
   * end the process).
   */
  #tryBatch(): number | undefined {
    try {
      return this.#batch();
    } catch {
      return undefined;
    }
  }

  /** One transaction: the next numbers above the mark, and the mark moved past them. */
  #batch(): number {
    const from = this.#stmt.indexedTo.get()?.indexed_to ?? 0;
    const upTo = this.#stmt.upTo.get(from, this.#batchRows)?.upTo;
    if (upTo === null || upTo === undefined) return 0;
    const level = this.#db.pragma("synchronous", { simple: true });
    this.#db.pragma("synchronous = NORMAL");
    try {
      this.#commit.immediate(from, upTo);
    } finally {
      this.#db.pragma(`synchronous = ${Number(level)}`);
    }
    // Numbers are dense in practice; a gap only makes a batch cover fewer rows than asked.
    return Math.min(this.#batchRows, upTo - from);
  }
}
