import type pg from "pg";
import { toSavedRoomList, type SavedRoomList, type SavedRooms } from "../SavedRooms.js";

/** {@link SavedRooms} on the {@link PostgresStore}'s pool. */
export class PostgresSavedRooms implements SavedRooms {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async add(userId: string, room: string, ts: number, max: number): Promise<void> {
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
    await this.#pool.query(`DELETE FROM saved_rooms WHERE user_id = $1 AND room = $2`, [
      userId,
      room,
    ]);
  }

  async open(userId: string, room: string, ts: number): Promise<void> {
    await this.#pool.query(
      `UPDATE saved_rooms SET opened_at = $1 WHERE user_id = $2 AND room = $3`,
      [ts, userId, room],
    );
  }

  async list(userId: string): Promise<SavedRoomList> {
    const { rows } = await this.#pool.query<{ room: string; opened_at: string | null }>(
      `SELECT room, opened_at FROM saved_rooms WHERE user_id = $1 ORDER BY joined_at, room`,
      [userId],
    );
    return toSavedRoomList(rows);
  }
}
