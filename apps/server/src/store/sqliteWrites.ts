import type Database from "better-sqlite3";
import { GroupCommit } from "./groupCommit.js";
import { sqliteUnavailableReason } from "./storeErrors.js";

type Write = () => unknown;

/**
 * Group commit for the small writes around messages (a guest's user row, name and session; saved
 * rooms): every write submitted in one event-loop turn runs in one transaction, so a connect storm
 * of N guests costs a few WAL syncs per turn instead of ~4 × N (each a `fdatasync` under
 * `synchronous = FULL`). A caller's promise settles only after its commit, so "written" still
 * means "durable"; each write runs in submission order inside that transaction.
 */
export class SqliteWrites {
  readonly #commits: GroupCommit<Write, unknown>;

  constructor(db: Database.Database) {
    const one = db.transaction((write: Write) => write());
    const all = db.transaction((writes: readonly Write[]) => writes.map((write) => write()));
    this.#commits = new GroupCommit(
      (writes) => all.immediate(writes),
      (write) => one.immediate(write),
      // A full disk or a lock fails every write alike: one by one would only repeat the wait.
      (err) => sqliteUnavailableReason(err) !== undefined,
    );
  }

  /** Runs `write` in this turn's shared transaction; resolves with its result once committed. */
  run<T>(write: () => T): Promise<T> {
    return this.#commits.submit(write) as Promise<T>;
  }

  /** Commits what is waiting now (before the database closes). */
  flush(): void {
    this.#commits.flush();
  }
}
