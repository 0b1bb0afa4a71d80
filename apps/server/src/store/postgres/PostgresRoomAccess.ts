import type pg from "pg";
import type { Mute, PrivateRoom, RoomAccess, RoomAccessLevel } from "../RoomAccess.js";
import { touchesAnyRow } from "./touchesAnyRow.js";

/** {@link RoomAccess} on the {@link PostgresStore}'s pool. */
export class PostgresRoomAccess implements RoomAccess {
  constructor(private readonly pool: pg.Pool) {}

  async createPrivate(room: string, ownerId: string, epoch: string, now: number): Promise<boolean> {
    // One statement: the room row only if the name is free, and the rest only if it was inserted.
    const { rows } = await this.pool.query<{ room: string }>(
      `WITH created AS (
         INSERT INTO rooms (name, epoch, seq, created_at) VALUES ($1, $3, 0, $4)
         ON CONFLICT (name) DO NOTHING RETURNING name),
       owned AS (
         INSERT INTO private_rooms (room, owner_id, created_at)
         SELECT name, $2, $4 FROM created RETURNING room)
       INSERT INTO room_members (room, user_id, added_at)
       SELECT room, $2, $4 FROM owned RETURNING room`,
      [room, ownerId, epoch, now],
    );
    return rows.length > 0;
  }

  async privateRoom(room: string): Promise<PrivateRoom | undefined> {
    const { rows } = await this.pool.query<{ room: string; owner_id: string }>(
      `SELECT room, owner_id FROM private_rooms WHERE room = $1`,
      [room],
    );
    const row = rows[0];
    return row && { room: row.room, ownerId: row.owner_id };
  }

  async level(room: string, userId: string): Promise<RoomAccessLevel> {
    const { rows } = await this.pool.query<{ member: string | null }>({
      name: "duplex_room_access_level",
      text: `SELECT m.user_id AS member FROM private_rooms p
             LEFT JOIN room_members m ON m.room = p.room AND m.user_id = $1 WHERE p.room = $2`,
      values: [userId, room],
    });
    const row = rows[0];
    if (!row) return "public";
    return row.member === null ? "outsider" : "member";
  }

  async addMember(room: string, userId: string, now: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO room_members (room, user_id, added_at) VALUES ($1, $2, $3)
       ON CONFLICT (room, user_id) DO NOTHING`,
      [room, userId, now],
    );
  }

  async removeMember(room: string, userId: string): Promise<boolean> {
    return touchesAnyRow(this.pool, `DELETE FROM room_members WHERE room = $1 AND user_id = $2`, [
      room,
      userId,
    ]);
  }

  async members(room: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ user_id: string }>(
      `SELECT user_id FROM room_members WHERE room = $1 ORDER BY added_at, user_id`,
      [room],
    );
    return rows.map((r) => r.user_id);
  }

  async mute({ userId, room, until }: Mute): Promise<void> {
    await this.pool.query(
      `INSERT INTO mutes (user_id, room, until) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, room) DO UPDATE SET until = excluded.until`,
      [userId, room, until],
    );
  }

  async unmute(userId: string, room: string): Promise<boolean> {
    return touchesAnyRow(this.pool, `DELETE FROM mutes WHERE user_id = $1 AND room = $2`, [
      userId,
      room,
    ]);
  }

  async activeMutes(now: number): Promise<Mute[]> {
    const { rows } = await this.pool.query<{ user_id: string; room: string; until: string }>(
      `SELECT user_id, room, until FROM mutes WHERE until > $1`,
      [now],
    );
    return rows.map((r) => ({ userId: r.user_id, room: r.room, until: Number(r.until) }));
  }
}
