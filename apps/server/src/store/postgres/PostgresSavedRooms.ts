import type pg from "pg";
import { toSavedRoomList, type SavedRoomList, type SavedRooms } from "../SavedRooms.js";

/** {@link SavedRooms} on the {@link PostgresStore}'s pool. */
export class PostgresSavedRooms implements SavedRooms {
  readonly #pool: pg.Pool;
  /**
   * Adds not yet answered, by user: a join does not wait for its row, so this node's next `leave`,
   * `open` or `rooms` of that user waits for it (the pool could otherwise run them first).
   */
  readonly #adding = new Map<string, Promise<unknown>>();

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  add(userId: string, room: string, ts: number, max: number): Promise<void> {
    const added = this.#after(userId).then(() => this.#insert(userId, room, ts, max));
    const settled = added.catch(() => undefined);
    this.#adding.set(userId, settled);
    void settled.then(() => {
      if (this.#adding.get(userId) === settled) this.#adding.delete(userId);
    });
    return added;
  }

  /** Settles once the user's adds issued so far have (a failed add is the join's to log). */
  async #after(userId: string): Promise<void> {
    await this.#adding.get(userId);
  }

  async #insert(userId: string, room: string, ts: number, max: number): Promise<void> {
    // One statement: insert, then trim the user's list to `max` if the insert added a row.
    await this.#pool.query(
      `WITH added AS (
         INSERT INTO saved_rooms (user_id, room, joined_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, room) DO NOTHING RETURNING room)
       DELETE FROM saved_rooms WHERE user_id = $1 AND EXISTS (SELECT 1 FROM added)
         AND room NOT IN (SELECT room FROM saved_rooms WHERE user_id = $1
           ORDER BY joined_at DESC, room DESC LIMIT ($4::int - 1))
         AND room <> $2`,
      [userId, room, ts, max],
    );
  }

  async remove(userId: string, room: string): Promise<void> {
    await this.#after(userId);
    await this.#pool.query(`DELETE FROM saved_rooms WHERE user_id = $1 AND room = $2`, [
      userId,
      room,
    ]);
  }

  async open(userId: string, room: string, ts: number): Promise<void> {
    await this.#after(userId);
    await this.#pool.query(
      `UPDATE saved_rooms SET opened_at = $1 WHERE user_id = $2 AND room = $3`,
      [ts, userId, room],
    );
  }

  async list(userId: string): Promise<SavedRoomList> {
    await this.#after(userId);
    const { rows } = await this.#pool.query<{ room: string; opened_at: string | null }>(
      `SELECT room, opened_at FROM saved_rooms WHERE user_id = $1 ORDER BY joined_at, room`,
      [userId],
    );
    return toSavedRoomList(rows);
  }
}
