import type { Notification } from "@duplex/protocol";
import type Database from "better-sqlite3";
import type { NewNotification, NotificationStore } from "./NotificationStore.js";
import { notificationValues, toNotification, type NotificationRow } from "./rows.js";

// SQLite caps bound parameters (32766 since 3.32); chunk long id lists well below that.
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

// Users a probe found with nothing unread, remembered up to this many (then forgotten at once).
const MAX_NONE_UNREAD = 100_000;

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

// Lists this short (a message's mentions, a page of read ids) reuse their prepared statement:
// preparing one per call was ~3 % of the server's time when every message had an `@`.
const CACHED_LIST_LENGTH = 32;

/** One statement per list length for a query with an `IN (?, ?, …)` list. */
class ListStatements<P extends unknown[], R> {
  readonly #bySize = new Map<number, Database.Statement<P, R>>();

  constructor(
    private readonly db: Database.Database,
    private readonly sql: (list: string) => string,
  ) {}

  for(length: number): Database.Statement<P, R> {
    const cached = this.#bySize.get(length);
    if (cached) return cached;
    const statement = this.db.prepare<P, R>(this.sql(placeholders(length)));
    if (length <= CACHED_LIST_LENGTH) this.#bySize.set(length, statement);
    return statement;
  }
}

/** {@link NotificationStore} on the {@link SqliteStore}'s database (migration 2 shapes the table). */
export class SqliteNotificationStore implements NotificationStore {
  readonly #stmt;
  readonly #addTx;
  // Users a probe found with nothing unread, until a notification is stored for them: this process
  // is the only writer of the file and every insert goes through `add`, which forgets them first, so
  // `welcome` (every socket's) skips a read transaction (~13 µs of WAL locking) and stays exact.
  readonly #noneUnread = new Set<string>();

  constructor(private readonly db: Database.Database) {
    this.#stmt = {
      insert: db.prepare(
        `INSERT INTO notifications (user_id, id, kind, title, body, level, ts, read, link_room,
           link_message_id, link_seq) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)
         ON CONFLICT(user_id, id) DO NOTHING`,
      ),
      allUsers: db.prepare<[], { id: string }>(`SELECT id FROM users`),
      // The latest `limit`, newest first; `unread` reverses them (same-millisecond mentions replay in
      // message order: ts, then the linked message's seq). Reversing in SQL cost a second sort.
      unread: db.prepare<[string, number], NotificationRow>(
        `SELECT id, kind, title, body, level, ts, read, link_room, link_message_id, link_seq
           FROM notifications WHERE user_id = ? AND read = 0
           ORDER BY ts DESC, link_seq DESC NULLS LAST, id DESC LIMIT ?`,
      ),
      // Every socket's `welcome` asks; most users have nothing unread, which one index probe tells.
      anyUnread: db.prepare<[string], { one: number }>(
        `SELECT 1 AS one FROM notifications WHERE user_id = ? AND read = 0 LIMIT 1`,
      ),
      markAll: db.prepare(`UPDATE notifications SET read = 1 WHERE user_id = ? AND read = 0`),
      roomAuthors: db.prepare<[string], { user_id: string }>(
        `SELECT DISTINCT user_id FROM messages WHERE room = ?`,
      ),
      markSome: new ListStatements<string[], { id: string }>(
        db,
        (list) =>
          `UPDATE notifications SET read = 1 WHERE user_id = ? AND id IN (${list}) RETURNING id`,
      ),
    };
    this.#addTx = db.transaction((n: NewNotification, userIds: readonly string[]): string[] => {
      const values = notificationValues(n);
      const created: string[] = [];
      for (const userId of userIds) {
        const { changes } = this.#stmt.insert.run(userId, ...values);
        if (changes > 0) created.push(userId);
      }
      return created;
    });
  }

  async add(notification: NewNotification, to: readonly string[] | "all"): Promise<string[]> {
    if (to === "all") this.#noneUnread.clear();
    else for (const userId of to) this.#noneUnread.delete(userId);
    // Reading the user list inside the transaction keeps "all" consistent with what is stored.
    const run = this.db.transaction(() => {
      const userIds = to === "all" ? this.#stmt.allUsers.all().map((r) => r.id) : [...new Set(to)];
      return this.#addTx(notification, userIds);
    });
    return run.immediate();
  }

  async unread(userId: string, limit: number): Promise<Notification[]> {
    if (this.#noneUnread.has(userId)) return [];
    if (this.#stmt.anyUnread.get(userId) === undefined) {
      if (this.#noneUnread.size >= MAX_NONE_UNREAD) this.#noneUnread.clear();
      this.#noneUnread.add(userId);
      return [];
    }
    return this.#stmt.unread.all(userId, limit).reverse().map(toNotification);
  }

  async markRead(userId: string, ids?: readonly string[]): Promise<string[]> {
    if (ids === undefined) {
      this.#stmt.markAll.run(userId);
      return [];
    }
    const run = this.db.transaction(() => {
      const owned: string[] = [];
      for (const part of chunks([...new Set(ids)])) {
        const rows = this.#stmt.markSome.for(part.length).all(userId, ...part);
        owned.push(...rows.map((r) => r.id));
      }
      return owned;
    });
    return run.immediate();
  }

  async roomAuthors(room: string): Promise<string[]> {
    return this.#stmt.roomAuthors.all(room).map((r) => r.user_id);
  }
}
