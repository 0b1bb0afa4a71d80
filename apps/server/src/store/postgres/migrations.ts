import type pg from "pg";

/**
 * Postgres schema migrations, applied in order and recorded in `migrations`. Append new ones; never
 * edit one that has shipped. Numbered on their own (not SQLite's ids): migration 1 is the shape
 * SQLite reached after its migrations 1–2, so both stores hold the same data in the same columns.
 *
 * Names and rooms are `COLLATE "C"`: byte order as in SQLite, whatever locale the cluster was created
 * with, so `listRooms` sorts alike and the DM-prefix range scan uses the primary key.
 */
export const PG_MIGRATIONS: readonly { id: number; name: string; sql: string }[] = [
  {
    id: 1,
    name: "initial",
    sql: `
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      -- Mentions and the push API look users up by ASCII-lower-cased name (nameKey): translate(), not
      -- lower(), which would also fold non-ASCII letters and disagree with SQLite.
      CREATE INDEX users_name_key ON users
        (translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'));
      CREATE TABLE rooms (
        name TEXT COLLATE "C" PRIMARY KEY,
        epoch TEXT NOT NULL,
        seq BIGINT NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE messages (
        room TEXT COLLATE "C" NOT NULL REFERENCES rooms(name),
        seq BIGINT NOT NULL,
        id TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL REFERENCES users(id),
        cid TEXT NOT NULL,
        text TEXT NOT NULL,
        ts BIGINT NOT NULL,
        edited_at BIGINT,
        deleted BOOLEAN NOT NULL DEFAULT false,
        PRIMARY KEY (room, seq),
        CONSTRAINT messages_user_cid UNIQUE (user_id, cid)
      );
      CREATE TABLE notifications (
        user_id TEXT NOT NULL REFERENCES users(id),
        id TEXT NOT NULL,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        level TEXT NOT NULL,
        ts BIGINT NOT NULL,
        read BOOLEAN NOT NULL DEFAULT false,
        link_room TEXT,
        link_message_id TEXT,
        link_seq BIGINT,
        PRIMARY KEY (user_id, id)
      );
      CREATE INDEX notifications_user_unread ON notifications(user_id, read, ts);
    `,
  },
  {
    id: 2,
    name: "saved rooms",
    // The rooms a user joined and has not left, so they come back on any device after a disconnect.
    sql: `
      CREATE TABLE saved_rooms (
        user_id TEXT NOT NULL REFERENCES users(id),
        room TEXT COLLATE "C" NOT NULL,
        joined_at BIGINT NOT NULL,
        opened_at BIGINT,
        PRIMARY KEY (user_id, room)
      );
    `,
  },
];

// Any constant shared by every node: the advisory lock that serializes migrations between them.
const MIGRATION_LOCK = 0x6475_706c; // "dupl"

/**
 * Applies the missing migrations in one transaction under an advisory lock, so nodes starting
 * together neither race nor half-apply: the second waits, then finds everything recorded.
 * @returns the ids applied now (empty when the schema was current).
 */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
         applied_at BIGINT NOT NULL)`,
    );
    const { rows } = await client.query<{ id: number }>("SELECT id FROM migrations");
    const applied = new Set(rows.map((r) => r.id));
    const now: number[] = [];
    for (const m of PG_MIGRATIONS) {
      if (applied.has(m.id)) continue;
      await client.query(m.sql);
      await client.query("INSERT INTO migrations (id, name, applied_at) VALUES ($1, $2, $3)", [
        m.id,
        m.name,
        Date.now(),
      ]);
      now.push(m.id);
    }
    await client.query("COMMIT");
    return now;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
