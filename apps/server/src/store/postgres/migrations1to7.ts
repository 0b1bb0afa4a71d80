import type pg from "pg";
import { nameKey } from "../../names/nameKey.js";
import {
  POSTGRES,
  auditAndSessionTables,
  filesTable,
  notificationsTable,
  passkeyTables,
  roomsTable,
  usersTable,
} from "../migrationTables.js";

/** One Postgres migration (see migrations.ts): shipped ones are never edited. */
export interface PgMigration {
  id: number;
  name: string;
  sql: string;
  /** Runs in the same transaction, for data only code can compute. */
  after?: (client: pg.PoolClient) => Promise<void>;
}

/** Migrations 1–7 (shipped: never edit). */
export const PG_MIGRATIONS_1_TO_7: readonly PgMigration[] = [
  {
    id: 1,
    name: "initial",
    sql: `
      ${usersTable(POSTGRES)}
      -- Mentions and the push API look users up by ASCII-lower-cased name (nameKey): translate(), not
      -- lower(), which would also fold non-ASCII letters and disagree with SQLite.
      CREATE INDEX users_name_key ON users
        (translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'));
      ${roomsTable(POSTGRES)}
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
      ${notificationsTable(POSTGRES)}
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
  {
    id: 3,
    name: "authors, names, accounts and sessions",
    // SQLite's migrations 4 and 5: a message keeps its author's name as sent; a name (by its key)
    // belongs to the first user who held it, for good; tokens name a revocable session.
    sql: `
      ALTER TABLE messages ADD COLUMN author_name TEXT;
      UPDATE messages m SET author_name = u.name FROM users u WHERE u.id = m.user_id;
      CREATE TABLE names (
        key TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        name TEXT NOT NULL,
        bound_at BIGINT NOT NULL
      );
      CREATE INDEX names_user ON names(user_id);
      ALTER TABLE users ADD COLUMN guest BOOLEAN NOT NULL DEFAULT true;
      ALTER TABLE users ADD COLUMN password_hash TEXT;
      ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'member';
      ALTER TABLE users ADD COLUMN banned_at BIGINT;
      ${auditAndSessionTables(POSTGRES)}
    `,
    after: async (client) => {
      const { rows } = await client.query<{ id: string; name: string }>(
        `SELECT id, name FROM users ORDER BY created_at DESC`,
      );
      const now = Date.now();
      for (const user of rows) {
        await client.query(
          `INSERT INTO names (key, user_id, name, bound_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING`,
          [nameKey(user.name), user.id, user.name, now],
        );
      }
    },
  },
  {
    id: 4,
    name: "private rooms and mutes",
    // SQLite's migration 6: a private room is a row of rooms plus one here; a mute with room '' holds
    // everywhere.
    sql: `
      CREATE TABLE private_rooms (
        room TEXT COLLATE "C" PRIMARY KEY REFERENCES rooms(name),
        owner_id TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE room_members (
        room TEXT COLLATE "C" NOT NULL,
        user_id TEXT NOT NULL,
        added_at BIGINT NOT NULL,
        PRIMARY KEY (room, user_id)
      );
      CREATE TABLE mutes (
        user_id TEXT NOT NULL,
        room TEXT COLLATE "C" NOT NULL,
        until BIGINT NOT NULL,
        PRIMARY KEY (user_id, room)
      );
    `,
  },
  {
    id: 5,
    name: "passkeys",
    // SQLite's migration 7: WebAuthn credentials, and ceremony challenges shared by every node.
    sql: `
      ${passkeyTables(POSTGRES)}
    `,
  },
  {
    id: 6,
    name: "message search",
    // Search by ILIKE per term, answered by a pg_trgm GIN index for terms of 3+ characters (any script,
    // given a UTF-8 ctype: in the C locale pg_trgm extracts no trigrams from Chinese). Newest first by
    // (ts, room, seq), which also bounds the scan of shorter terms.
    sql: `
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE INDEX messages_text_trgm ON messages USING gin (text gin_trgm_ops);
      CREATE INDEX messages_ts ON messages (ts, room, seq);
    `,
  },
  {
    id: 7,
    name: "files",
    // As SQLite's migration 9, plus the blobs themselves in 256 KiB bytea parts, so every node
    // serves every file.
    sql: `
      ${filesTable(POSTGRES)}
      CREATE TABLE blobs (
        sha256 TEXT NOT NULL,
        part INTEGER NOT NULL,
        data BYTEA NOT NULL,
        PRIMARY KEY (sha256, part)
      );
    `,
  },
];
