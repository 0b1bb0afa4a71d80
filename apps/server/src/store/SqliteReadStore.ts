import type Database from "better-sqlite3";
import type { NotifyLevel } from "@duplex/protocol";
import type { SqliteWrites } from "./sqliteWrites.js";
import {
  DEFAULT_PREFS,
  MAX_ROOM_PREFS,
  type PrefsPatch,
  type ReadStore,
  type UserPrefs,
} from "./ReadStore.js";

interface PrefsRow {
  share_receipts: number;
  dnd_until: number;
}

/** {@link ReadStore} on the {@link SqliteStore}'s database (migration 12 creates the tables). */
export class SqliteReadStore implements ReadStore {
  readonly #writes: SqliteWrites;
  readonly #stmt;
  readonly #setPrefs;

  constructor(db: Database.Database, writes: SqliteWrites) {
    this.#writes = writes;
    this.#stmt = {
      advance: db.prepare(
        `INSERT INTO read_cursors (user_id, room, seq, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, room) DO UPDATE SET seq = excluded.seq, at = excluded.at
         WHERE excluded.seq > read_cursors.seq`,
      ),
      cursor: db.prepare<[string, string], { seq: number }>(
        `SELECT seq FROM read_cursors WHERE user_id = ? AND room = ?`,
      ),
      cursors: db.prepare<[string], { room: string; seq: number }>(
        `SELECT room, seq FROM read_cursors WHERE user_id = ?`,
      ),
      unread: db.prepare<[string, number, string, number], { n: number }>(
        `SELECT count(*) AS n FROM (SELECT 1 FROM messages
           WHERE room = ? AND seq > ? AND user_id <> ? AND deleted = 0 LIMIT ?)`,
      ),
      prefs: db.prepare<[string], PrefsRow>(
        `SELECT share_receipts, dnd_until FROM user_prefs WHERE user_id = ?`,
      ),
      roomPrefs: db.prepare<[string], { room: string; level: NotifyLevel }>(
        `SELECT room, level FROM room_notify WHERE user_id = ? ORDER BY room`,
      ),
      roomPref: db.prepare<[string, string], { level: NotifyLevel }>(
        `SELECT level FROM room_notify WHERE user_id = ? AND room = ?`,
      ),
      upsertPrefs: db.prepare(
        `INSERT INTO user_prefs (user_id, share_receipts, dnd_until) VALUES (?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET share_receipts = excluded.share_receipts,
           dnd_until = excluded.dnd_until`,
      ),
      setRoom: db.prepare(
        `INSERT INTO room_notify (user_id, room, level) VALUES (?, ?, ?)
         ON CONFLICT (user_id, room) DO UPDATE SET level = excluded.level`,
      ),
      clearRoom: db.prepare(`DELETE FROM room_notify WHERE user_id = ? AND room = ?`),
      countRooms: db.prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM room_notify WHERE user_id = ?`,
      ),
    };
    this.#setPrefs = db.transaction((userId: string, patch: PrefsPatch): UserPrefs => {
      const now = this.#prefsNow(userId);
      this.#stmt.upsertPrefs.run(
        userId,
        (patch.shareReceipts ?? now.shareReceipts) ? 1 : 0,
        patch.dndUntil ?? now.dndUntil,
      );
      for (const { room, level } of patch.rooms ?? []) {
        if (level === "all") this.#stmt.clearRoom.run(userId, room);
        else this.#stmt.setRoom.run(userId, room, level);
      }
      if ((this.#stmt.countRooms.get(userId)?.n ?? 0) > MAX_ROOM_PREFS) {
        throw new RangeError(`at most ${MAX_ROOM_PREFS} rooms may have their own level`);
      }
      return this.#prefsNow(userId);
    });
  }

  async advance(userId: string, room: string, seq: number, at: number) {
    const moved = await this.#writes.run(
      () => this.#stmt.advance.run(userId, room, seq, at).changes > 0,
    );
    return { seq: this.#stmt.cursor.get(userId, room)?.seq ?? seq, moved };
  }

  async cursors(userId: string): Promise<Map<string, number>> {
    return new Map(this.#stmt.cursors.all(userId).map((r) => [r.room, r.seq]));
  }

  async readersOf(room: string, userIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const id of userIds) {
      const row = this.#stmt.cursor.get(id, room);
      if (row) out.set(id, row.seq);
    }
    return out;
  }

  async unread(userId: string, room: string, seq: number, max: number): Promise<number> {
    return this.#stmt.unread.get(room, seq, userId, max)?.n ?? 0;
  }

  async prefs(userId: string): Promise<UserPrefs> {
    return this.#prefsNow(userId);
  }

  async sharing(userIds: readonly string[]): Promise<Set<string>> {
    return new Set(userIds.filter((id) => (this.#stmt.prefs.get(id)?.share_receipts ?? 1) === 1));
  }

  async setPrefs(userId: string, patch: PrefsPatch): Promise<UserPrefs> {
    return this.#writes.run(() => this.#setPrefs(userId, patch));
  }

  async notifyState(userId: string, room: string) {
    return {
      level: this.#stmt.roomPref.get(userId, room)?.level ?? "all",
      dndUntil: this.#stmt.prefs.get(userId)?.dnd_until ?? 0,
    };
  }

  #prefsNow(userId: string): UserPrefs {
    const row = this.#stmt.prefs.get(userId);
    return {
      shareReceipts: row ? row.share_receipts === 1 : DEFAULT_PREFS.shareReceipts,
      dndUntil: row?.dnd_until ?? DEFAULT_PREFS.dndUntil,
      rooms: this.#stmt.roomPrefs.all(userId),
    };
  }
}
