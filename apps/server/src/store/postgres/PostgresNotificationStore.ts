import type { Notification } from "@duplex/protocol";
import type pg from "pg";
import type { NewNotification, NotificationStore } from "../NotificationStore.js";
import { notificationValues, toNotification, type NotificationRow } from "../rows.js";

// Recipients come from an array parameter or from `users` itself ("all"): one statement either way,
// so "all" is consistent with the users stored when it runs, and a repeated (user, id) is skipped.
const insertFrom = (recipients: string) => `
  INSERT INTO notifications (user_id, id, kind, title, body, level, ts, read, link_room,
    link_message_id, link_seq)
  SELECT r.user_id, $1, $2, $3, $4, $5, $6, false, $7, $8, $9 FROM ${recipients}
  ON CONFLICT (user_id, id) DO NOTHING
  RETURNING user_id`;

const ADD_TO_USERS_SQL = insertFrom("unnest($10::text[]) AS r(user_id)");
const ADD_TO_ALL_SQL = insertFrom("(SELECT id AS user_id FROM users) AS r");

// Same-millisecond mentions replay in message order: ts, then the linked message's seq.
const UNREAD_SQL = `SELECT * FROM (SELECT id, kind, title, body, level, ts, read, link_room,
    link_message_id, link_seq FROM notifications WHERE user_id = $1 AND NOT read
    ORDER BY ts DESC, link_seq DESC NULLS LAST, id DESC LIMIT $2) latest
  ORDER BY ts ASC, link_seq ASC NULLS FIRST, id ASC`;

/** {@link NotificationStore} on the {@link PostgresStore}'s pool. */
export class PostgresNotificationStore implements NotificationStore {
  constructor(private readonly pool: pg.Pool) {}

  async add(n: NewNotification, to: readonly string[] | "all"): Promise<string[]> {
    const values = notificationValues(n);
    if (to === "all") {
      const { rows } = await this.pool.query<{ user_id: string }>(ADD_TO_ALL_SQL, values);
      return rows.map((r) => r.user_id);
    }
    const recipients = [...new Set(to)];
    if (recipients.length === 0) return [];
    const { rows } = await this.pool.query<{ user_id: string }>(ADD_TO_USERS_SQL, [
      ...values,
      recipients,
    ]);
    // RETURNING has no guaranteed order: answer in the caller's order, as SQLite does.
    const created = new Set(rows.map((r) => r.user_id));
    return recipients.filter((id) => created.has(id));
  }

  async unread(userId: string, limit: number): Promise<Notification[]> {
    const { rows } = await this.pool.query<NotificationRow>(UNREAD_SQL, [userId, limit]);
    return rows.map(toNotification);
  }

  async markRead(userId: string, ids?: readonly string[]): Promise<string[]> {
    if (ids === undefined) {
      await this.pool.query(
        `UPDATE notifications SET read = true WHERE user_id = $1 AND NOT read`,
        [userId],
      );
      return [];
    }
    const wanted = [...new Set(ids)];
    if (wanted.length === 0) return [];
    const { rows } = await this.pool.query<{ id: string }>(
      `UPDATE notifications SET read = true WHERE user_id = $1 AND id = ANY($2::text[]) RETURNING id`,
      [userId, wanted],
    );
    const owned = new Set(rows.map((r) => r.id));
    return wanted.filter((id) => owned.has(id));
  }

  async roomAuthors(room: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ user_id: string }>(
      `SELECT DISTINCT user_id FROM messages WHERE room = $1`,
      [room],
    );
    return rows.map((r) => r.user_id);
  }
}
