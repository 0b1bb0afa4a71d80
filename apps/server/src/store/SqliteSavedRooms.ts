import type Database from "better-sqlite3";
import type { SqliteWrites } from "./sqliteWrites.js";
import { toSavedRoomList, type SavedRoomList, type SavedRooms } from "./SavedRooms.js";

interface Row {
  room: string;
  opened_at: number | null;
}

/** {@link SavedRooms} on the {@link SqliteStore}'s database (migration 3 creates the table). */
export class SqliteSavedRooms implements SavedRooms {
  readonly #stmt;
  readonly #add;
  readonly #writes: SqliteWrites;

  /** `writes` commits these (one per join, leave and room switch) with the other writes of the turn. */
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
    this.#add = db.transaction((userId: string, room: string, ts: number, max: number) => {
      if (
        this.#stmt.insert.run(userId, room, ts).changes > 0 &&
        this.#stmt.beyond.get(userId, max) !== undefined
      ) {
        this.#stmt.trim.run(userId, userId, max);
      }
    });
  }

  async add(userId: string, room: string, ts: number, max: number): Promise<void> {
    await this.#writes.run(() => this.#add(userId, room, ts, max));
  }

  async remove(userId: string, room: string): Promise<void> {
    await this.#writes.run(() => this.#stmt.remove.run(userId, room));
  }

  async open(userId: string, room: string, ts: number): Promise<void> {
    await this.#writes.run(() => this.#stmt.open.run(ts, userId, room));
  }

  async list(userId: string): Promise<SavedRoomList> {
    return toSavedRoomList(this.#stmt.list.all(userId));
  }
}
