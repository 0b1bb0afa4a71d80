import { backfillNames } from "./backfillNames.js";
import {
  SQLITE,
  auditAndSessionTables,
  notificationColumns,
  notificationsTable,
  passkeyTables,
  roomsTable,
  usersTable,
} from "./migrationTables.js";
import type { Migration } from "./migrationsType.js";

/** Migrations 1–7: users, rooms, messages, accounts, sessions, private rooms, passkeys. */
export const CORE_MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: "initial",
    sql: `
      ${usersTable(SQLITE)}
      ${roomsTable(SQLITE)}
      CREATE TABLE messages (
        room TEXT NOT NULL REFERENCES rooms(name),
        seq INTEGER NOT NULL,
        id TEXT NOT NULL UNIQUE,
        user_id TEXT NOT NULL REFERENCES users(id),
        cid TEXT NOT NULL,
        text TEXT NOT NULL,
        ts INTEGER NOT NULL,
        edited_at INTEGER,
        deleted INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (room, seq),
        UNIQUE (user_id, cid)
      ) WITHOUT ROWID;
      -- The primary key already orders by (room, seq); this index is explicit so paging plans stay
      -- indexed even if the key changes.
      CREATE INDEX messages_room_seq ON messages(room, seq);
      -- Ready for the push issue: per-user notifications with a read flag.
      CREATE TABLE notifications (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        ${notificationColumns(SQLITE)}
      );
      CREATE INDEX notifications_user_ts ON notifications(user_id, ts);
    `,
  },
  {
    id: 2,
    name: "notifications per user",
    // One push reaches many users under one id (so its frame is encoded once): the key becomes
    // (user_id, id). Users are found by ASCII-lower-cased name for @mentions and the push API.
    sql: `
      ${notificationsTable(SQLITE, "notifications_v2")}
      INSERT INTO notifications_v2 SELECT user_id, id, kind, title, body, level, ts, read, link_room,
        link_message_id, link_seq FROM notifications;
      DROP TABLE notifications;
      ALTER TABLE notifications_v2 RENAME TO notifications;
      CREATE INDEX notifications_user_unread ON notifications(user_id, read, ts);
      CREATE INDEX users_name_lower ON users(lower(name));
    `,
  },
  {
    id: 3,
    name: "saved rooms",
    // The rooms a user joined and has not left, so they come back on any device after a disconnect.
    sql: `
      CREATE TABLE saved_rooms (
        user_id TEXT NOT NULL REFERENCES users(id),
        room TEXT NOT NULL,
        joined_at INTEGER NOT NULL,
        opened_at INTEGER,
        PRIMARY KEY (user_id, room)
      ) WITHOUT ROWID;
    `,
  },
  {
    id: 4,
    name: "authors and names",
    // A message keeps the name its author had when it was sent (a rename never rewrites history);
    // a name, compared by its key (nameKey), belongs to the first user who held it, for good.
    sql: `
      ALTER TABLE messages ADD COLUMN author_name TEXT;
      UPDATE messages SET author_name = (SELECT name FROM users WHERE users.id = messages.user_id);
      CREATE TABLE names (
        key TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        name TEXT NOT NULL,
        bound_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX names_user ON names(user_id);
    `,
    after: (db) => backfillNames(db),
  },
  {
    id: 5,
    name: "accounts and sessions",
    // A token names a session; revoking the row ends every token of it. `gen` counts refreshes: the
    // previous generation stays valid until `prev_gen_until` (tabs sharing one stored token).
    sql: `
      ALTER TABLE users ADD COLUMN guest INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE users ADD COLUMN password_hash TEXT;
      ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'member';
      ALTER TABLE users ADD COLUMN banned_at INTEGER;
      ${auditAndSessionTables(SQLITE)}
    `,
  },
  {
    id: 6,
    name: "private rooms and mutes",
    // A private room is a row of rooms plus one here; only its invited members may see it. A mute
    // with room '' holds everywhere.
    sql: `
      CREATE TABLE private_rooms (
        room TEXT PRIMARY KEY REFERENCES rooms(name),
        owner_id TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE room_members (
        room TEXT NOT NULL,
        user_id TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (room, user_id)
      ) WITHOUT ROWID;
      CREATE TABLE mutes (
        user_id TEXT NOT NULL,
        room TEXT NOT NULL,
        until INTEGER NOT NULL,
        PRIMARY KEY (user_id, room)
      ) WITHOUT ROWID;
    `,
  },
  {
    id: 7,
    name: "passkeys",
    // WebAuthn credentials of accounts, and the challenges of ceremonies under way: in the database,
    // not in memory, so a challenge issued by one node verifies on another.
    sql: `
      ${passkeyTables(SQLITE)}
    `,
  },
];
