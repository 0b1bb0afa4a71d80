import type Database from "better-sqlite3";
import type { SqliteWrites } from "./sqliteWrites.js";
import { toSavedRoomList, type SavedRoomList, type SavedRooms } from "./SavedRooms.js";

interface Row {
  room: string;
  opened_at: number | null;
}

interface Add {
  userId: string;
  room: string;
  ts: number;
  max: number;
}

/**
 * How long a join's saved-room row may wait to share a commit with the joins after it. A join storm
 * brings one join per event-loop turn, so the turn's group commit held one row: one transaction per
 * member. The join does not wait for this write (saved rooms are best effort: a failed write is
 * logged, not refused), so the window costs no one latency.
 */
const ADD_WINDOW_MS = 10;
/** A window's rows commit at once past this many. */
const ADD_BATCH = 500;

/** {@link SavedRooms} on the {@link SqliteStore}'s database (migration 3 creates the table). */
export class SqliteSavedRooms implements SavedRooms {
  readonly #stmt;
  readonly #add;
  readonly #writes: SqliteWrites;
  /** Adds waiting for their window's commit, in order; every other call of this store goes after them. */
  #pending: { add: Add; resolve(): void; reject(err: unknown): void }[] = [];
  #timer: NodeJS.Timeout | undefined;
  /** Windows handed to the group commit and not yet committed. */
  #committing = 0;

  /** `writes` commits these (leaves and room switches, and each window of joins) with the turn's writes. */
  constructor(db: Database.Database, writes: SqliteWrites) {
    this.#writes = writes;
    this.#stmt = {
      insert: db.prepare(
        `INSERT INTO saved_rooms (user_id, room, joined_at) VALUES (?, ?, ?)
         ON CONFLICT (user_id, room) DO NOTHING`,
      ),
      trim: db.prepare(
        `DELETE FROM saved_rooms WHERE user_id = ? AND room NOT IN (
           SELECT room FROM saved_rooms WHERE user_id = ? ORDER BY joined_at DESC, room DESC LIMIT ?)`,
      ),
      // Whether the user has more than `max` saved rooms: a probe on the key, no sort (the trim sorts).
      beyond: db.prepare<[string, number], { one: number }>(
        `SELECT 1 AS one FROM saved_rooms WHERE user_id = ? LIMIT 1 OFFSET ?`,
      ),
      remove: db.prepare(`DELETE FROM saved_rooms WHERE user_id = ? AND room = ?`),
      open: db.prepare(`UPDATE saved_rooms SET opened_at = ? WHERE user_id = ? AND room = ?`),
      list: db.prepare<[string], Row>(
        `SELECT room, opened_at FROM saved_rooms WHERE user_id = ? ORDER BY joined_at, room`,
      ),
    };
    // A savepoint each: one row that fails (a user deleted meanwhile) fails alone, not its window.
    this.#add = db.transaction(({ userId, room, ts, max }: Add): void => {
      if (
        this.#stmt.insert.run(userId, room, ts).changes > 0 &&
        this.#stmt.beyond.get(userId, max) !== undefined
      ) {
        this.#stmt.trim.run(userId, userId, max);
      }
    });
  }

  /** Resolves once the row is committed, with the other joins of its window (≤ 10 ms later). */
  add(userId: string, room: string, ts: number, max: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ add: { userId, room, ts, max }, resolve, reject });
      if (this.#pending.length >= ADD_BATCH) this.flush();
      else this.#timer ??= setTimeout(() => this.flush(), ADD_WINDOW_MS);
    });
  }

  async remove(userId: string, room: string): Promise<void> {
    this.flush();
    await this.#writes.run(() => this.#stmt.remove.run(userId, room));
  }

  async open(userId: string, room: string, ts: number): Promise<void> {
    this.flush();
    await this.#writes.run(() => this.#stmt.open.run(ts, userId, room));
  }

  async list(userId: string): Promise<SavedRoomList> {
    // A join just answered may still be in its window: its row is read back, committed first.
    if (this.#pending.length > 0 || this.#committing > 0) {
      this.flush();
      this.#writes.flush();
    }
    return toSavedRoomList(this.#stmt.list.all(userId));
  }

  /**
   * Hands the window's adds to this turn's group commit (ahead of any write submitted after this
   * call, so a `leave` or `open` lands on the row its join wrote). The database's close calls it too.
   */
  flush(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    this.#committing++;
    this.#writes
      .run(() =>
        batch.map(({ add }): unknown => {
          try {
            this.#add(add);
            return undefined;
          } catch (err) {
            return err ?? new Error("saved room not written");
          }
        }),
      )
      .then(
        (failures) =>
          batch.forEach((p, i) =>
            failures[i] === undefined ? p.resolve() : p.reject(failures[i]),
          ),
        (err: unknown) => batch.forEach((p) => p.reject(err)),
      )
      .finally(() => this.#committing--);
  }
}
