import type pg from "pg";
import type { NotifyLevel } from "@duplex/protocol";
import {
  DEFAULT_PREFS,
  MAX_ROOM_PREFS,
  type PrefsPatch,
  type ReadStore,
  type UserPrefs,
} from "../ReadStore.js";
import { inTransaction } from "./transaction.js";

/** {@link ReadStore} on the {@link PostgresStore}'s pool (migration 10 creates the tables). */
export class PostgresReadStore implements ReadStore {
  constructor(private readonly pool: pg.Pool) {}

  async advance(userId: string, room: string, seq: number, at: number) {
    // One statement: the cursor only moves forward, whichever node writes first.
    const { rows } = await this.pool.query<{ seq: string; moved: boolean }>(
      `WITH up AS (
         INSERT INTO read_cursors AS c (user_id, room, seq, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, room) DO UPDATE SET seq = excluded.seq, at = excluded.at
         WHERE excluded.seq > c.seq RETURNING seq)
       SELECT seq, true AS moved FROM up
       UNION ALL SELECT seq, false FROM read_cursors
         WHERE user_id = $1 AND room = $2 AND NOT EXISTS (SELECT 1 FROM up)`,
      [userId, room, seq, at],
    );
    const row = rows[0];
    return { seq: row ? Number(row.seq) : seq, moved: row?.moved ?? false };
  }

  async cursors(userId: string): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ room: string; seq: string }>(
      `SELECT room, seq FROM read_cursors WHERE user_id = $1`,
      [userId],
    );
    return new Map(rows.map((r) => [r.room, Number(r.seq)]));
  }

  async readersOf(room: string, userIds: readonly string[]): Promise<Map<string, number>> {
    if (userIds.length === 0) return new Map();
    const { rows } = await this.pool.query<{ user_id: string; seq: string }>(
      `SELECT user_id, seq FROM read_cursors WHERE room = $1 AND user_id = ANY($2)`,
      [room, [...userIds]],
    );
    return new Map(rows.map((r) => [r.user_id, Number(r.seq)]));
  }

  async unread(userId: string, room: string, seq: number, max: number): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM messages
         WHERE room = $1 AND seq > $2 AND user_id <> $3 AND NOT deleted LIMIT $4) t`,
      [room, seq, userId, max],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async prefs(userId: string): Promise<UserPrefs> {
    return this.#prefsOn(this.pool, userId);
  }

  async sharing(userIds: readonly string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const { rows } = await this.pool.query<{ user_id: string }>(
      `SELECT user_id FROM user_prefs WHERE user_id = ANY($1) AND NOT share_receipts`,
      [[...userIds]],
    );
    const off = new Set(rows.map((r) => r.user_id));
    return new Set(userIds.filter((id) => !off.has(id)));
  }

  async setPrefs(userId: string, patch: PrefsPatch): Promise<UserPrefs> {
    return inTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO user_prefs (user_id, share_receipts, dnd_until)
           VALUES ($1, COALESCE($2, true), COALESCE($3, 0))
         ON CONFLICT (user_id) DO UPDATE SET
           share_receipts = COALESCE($2, user_prefs.share_receipts),
           dnd_until = COALESCE($3, user_prefs.dnd_until)`,
        [userId, patch.shareReceipts ?? null, patch.dndUntil ?? null],
      );
      for (const { room, level } of patch.rooms ?? []) {
        await (level === "all"
          ? client.query(`DELETE FROM room_notify WHERE user_id = $1 AND room = $2`, [userId, room])
          : client.query(
              `INSERT INTO room_notify (user_id, room, level) VALUES ($1, $2, $3)
               ON CONFLICT (user_id, room) DO UPDATE SET level = excluded.level`,
              [userId, room, level],
            ));
      }
      const prefs = await this.#prefsOn(client, userId);
      if (prefs.rooms.length > MAX_ROOM_PREFS) {
        throw new RangeError(`at most ${MAX_ROOM_PREFS} rooms may have their own level`);
      }
      return prefs;
    });
  }

  async notifyState(userId: string, room: string) {
    const { rows } = await this.pool.query<{
      level: NotifyLevel | null;
      dnd_until: string | null;
    }>(
      `SELECT (SELECT level FROM room_notify WHERE user_id = $1 AND room = $2) AS level,
              (SELECT dnd_until FROM user_prefs WHERE user_id = $1) AS dnd_until`,
      [userId, room],
    );
    return { level: rows[0]?.level ?? "all", dndUntil: Number(rows[0]?.dnd_until ?? 0) };
  }

  async #prefsOn(db: pg.Pool | pg.PoolClient, userId: string): Promise<UserPrefs> {
    const [prefs, rooms] = await Promise.all([
      db.query<{ share_receipts: boolean; dnd_until: string }>(
        `SELECT share_receipts, dnd_until FROM user_prefs WHERE user_id = $1`,
        [userId],
      ),
      db.query<{ room: string; level: NotifyLevel }>(
        `SELECT room, level FROM room_notify WHERE user_id = $1 ORDER BY room`,
        [userId],
      ),
    ]);
    const row = prefs.rows[0];
    return {
      shareReceipts: row?.share_receipts ?? DEFAULT_PREFS.shareReceipts,
      dndUntil: row ? Number(row.dnd_until) : DEFAULT_PREFS.dndUntil,
      rooms: rooms.rows,
    };
  }
}
