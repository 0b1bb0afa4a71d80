import type Database from "better-sqlite3";
import type { Mute, PrivateRoom, RoomAccess, RoomAccessLevel } from "./RoomAccess.js";

/** How many names {@link SqliteRoomAccess} remembers as public before it starts over. */
const PUBLIC_NAMES = 10_000;

/** {@link RoomAccess} on the {@link SqliteStore}'s database (migration 6 creates the tables). */
export class SqliteRoomAccess implements RoomAccess {
  readonly #stmt;
  readonly #create;
  /**
   * Names `level` found public. A name turns private only through {@link createPrivate} on this
   * connection (a room that exists cannot; one deleted and made again as private goes through it),
   * which forgets it here: every join of a public room checked its access with a store read.
   */
  readonly #public = new Set<string>();

  constructor(db: Database.Database) {
    this.#stmt = {
      insertRoom: db.prepare(
        `INSERT INTO rooms (name, epoch, seq, created_at) VALUES (?, ?, 0, ?)
         ON CONFLICT(name) DO NOTHING`,
      ),
      insertPrivate: db.prepare(
        `INSERT INTO private_rooms (room, owner_id, created_at) VALUES (?, ?, ?)`,
      ),
      privateRoom: db.prepare<[string], { room: string; owner_id: string }>(
        `SELECT room, owner_id FROM private_rooms WHERE room = ?`,
      ),
      level: db.prepare<[string, string], { member: string | null }>(
        `SELECT m.user_id AS member FROM private_rooms p
         LEFT JOIN room_members m ON m.room = p.room AND m.user_id = ? WHERE p.room = ?`,
      ),
      addMember: db.prepare(
        `INSERT INTO room_members (room, user_id, added_at) VALUES (?, ?, ?)
         ON CONFLICT (room, user_id) DO NOTHING`,
      ),
      removeMember: db.prepare(`DELETE FROM room_members WHERE room = ? AND user_id = ?`),
      members: db.prepare<[string], { user_id: string }>(
        `SELECT user_id FROM room_members WHERE room = ? ORDER BY added_at, user_id`,
      ),
      mute: db.prepare(
        `INSERT INTO mutes (user_id, room, until) VALUES (?, ?, ?)
         ON CONFLICT (user_id, room) DO UPDATE SET until = excluded.until`,
      ),
      unmute: db.prepare(`DELETE FROM mutes WHERE user_id = ? AND room = ?`),
      active: db.prepare<[number], { user_id: string; room: string; until: number }>(
        `SELECT user_id, room, until FROM mutes WHERE until > ?`,
      ),
    };
    this.#create = db.transaction(
      (room: string, ownerId: string, epoch: string, now: number): boolean => {
        if (this.#stmt.insertRoom.run(room, epoch, now).changes === 0) return false;
        this.#stmt.insertPrivate.run(room, ownerId, now);
        this.#stmt.addMember.run(room, ownerId, now);
        return true;
      },
    );
  }

  async createPrivate(room: string, ownerId: string, epoch: string, now: number): Promise<boolean> {
    this.#public.delete(room);
    return this.#create.immediate(room, ownerId, epoch, now);
  }

  async privateRoom(room: string): Promise<PrivateRoom | undefined> {
    const row = this.#stmt.privateRoom.get(room);
    return row && { room: row.room, ownerId: row.owner_id };
  }

  async level(room: string, userId: string): Promise<RoomAccessLevel> {
    if (this.#public.has(room)) return "public";
    const row = this.#stmt.level.get(userId, room);
    if (!row) {
      if (this.#public.size >= PUBLIC_NAMES) this.#public.clear();
      this.#public.add(room);
      return "public";
    }
    return row.member === null ? "outsider" : "member";
  }

  async addMember(room: string, userId: string, now: number): Promise<void> {
    this.#stmt.addMember.run(room, userId, now);
  }

  async removeMember(room: string, userId: string): Promise<boolean> {
    return this.#stmt.removeMember.run(room, userId).changes > 0;
  }

  async members(room: string): Promise<string[]> {
    return this.#stmt.members.all(room).map((r) => r.user_id);
  }

  async mute({ userId, room, until }: Mute): Promise<void> {
    this.#stmt.mute.run(userId, room, until);
  }

  async unmute(userId: string, room: string): Promise<boolean> {
    return this.#stmt.unmute.run(userId, room).changes > 0;
  }

  async activeMutes(now: number): Promise<Mute[]> {
    return this.#stmt.active
      .all(now)
      .map((r) => ({ userId: r.user_id, room: r.room, until: r.until }));
  }
}
