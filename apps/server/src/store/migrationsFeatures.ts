import { SQLITE, filesTable, threadTables, webPushTables } from "./migrationTables.js";
import type { Migration } from "./migrationsType.js";

/**
 * Migrations 8–14: search, files, web push, reactions, read receipts and change log, threads, search
 * indexed after the commit.
 */
export const FEATURE_MIGRATIONS: readonly Migration[] = [
  {
    id: 8,
    name: "message search",
    // Full-text search that reads any script: FTS5's trigram tokenizer needs no word segmentation
    // (Chinese has no spaces). Messages are WITHOUT ROWID, so search_rows gives each an integer id in
    // the order stored (the FTS rowid, and newest-first order); triggers keep both in step with
    // inserts, edits, deletes and retention. Existing messages are numbered by time.
    sql: `
      CREATE TABLE search_rows (
        id INTEGER PRIMARY KEY,
        room TEXT NOT NULL,
        seq INTEGER NOT NULL,
        UNIQUE (room, seq)
      );
      CREATE VIRTUAL TABLE message_fts USING fts5(
        text, content = '', contentless_delete = 1, tokenize = 'trigram'
      );
      INSERT INTO search_rows (room, seq) SELECT room, seq FROM messages ORDER BY ts, room, seq;
      INSERT INTO message_fts (rowid, text) SELECT r.id, m.text FROM search_rows r
        JOIN messages m ON m.room = r.room AND m.seq = r.seq WHERE m.deleted = 0;
      CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO search_rows (room, seq) VALUES (new.room, new.seq);
        INSERT INTO message_fts (rowid, text) SELECT id, new.text FROM search_rows
          WHERE room = new.room AND seq = new.seq AND new.deleted = 0;
      END;
      CREATE TRIGGER messages_search_update AFTER UPDATE OF text, deleted ON messages BEGIN
        DELETE FROM message_fts WHERE rowid =
          (SELECT id FROM search_rows WHERE room = old.room AND seq = old.seq);
        INSERT INTO message_fts (rowid, text) SELECT id, new.text FROM search_rows
          WHERE room = new.room AND seq = new.seq AND new.deleted = 0;
      END;
      CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_fts WHERE rowid =
          (SELECT id FROM search_rows WHERE room = old.room AND seq = old.seq);
        DELETE FROM search_rows WHERE room = old.room AND seq = old.seq;
      END;
    `,
  },
  {
    id: 9,
    name: "files",
    // A message's attachment as it travels (JSON), and each stored file: the room that may read it
    // and the content-addressed blobs (file and thumbnail) it uses, so a blob goes with its last file.
    sql: `
      ${filesTable(SQLITE)}
    `,
  },
  {
    id: 10,
    name: "web push",
    // One VAPID key pair for every node (row 1, inserted if absent). A subscription is one browser
    // (its endpoint, hashed into the id) and belongs to the session that registered it: revoking
    // the session (sign-out, ban, revoke) deletes it in the same statement, whatever path revokes.
    // A delivery row is the claim that makes one node, once, push a notification to a user.
    sql: `
      ${webPushTables(SQLITE)}
      CREATE TRIGGER push_subscriptions_session_revoked AFTER UPDATE OF revoked_at ON sessions
        WHEN new.revoked_at IS NOT NULL
      BEGIN
        DELETE FROM push_subscriptions WHERE session_id = new.id;
      END;
    `,
  },
  {
    id: 11,
    name: "reactions and replies",
    // One row per (message, user, emoji): a repeated reaction is the same row. Replies link a message
    // to the one it answers in a table of their own, so message rows and their queries are unchanged.
    // Retention removes both with the message.
    sql: `
      CREATE TABLE message_reactions (
        room TEXT NOT NULL,
        message_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        emoji TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (message_id, user_id, emoji)
      ) WITHOUT ROWID;
      CREATE TABLE message_replies (
        message_id TEXT PRIMARY KEY,
        room TEXT NOT NULL,
        reply_to TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TRIGGER messages_reactions_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_reactions WHERE message_id = old.id;
        DELETE FROM message_replies WHERE message_id = old.id;
      END;
    `,
  },
  {
    id: 12,
    name: "read receipts, change log, notification preferences",
    // A per-room change sequence beside the message seq: edits and deletes are numbered in the
    // transaction that makes them, so a resume replays them. A message's changes go with it.
    sql: `
      ALTER TABLE rooms ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE changes (
        room TEXT NOT NULL,
        change_seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        message_id TEXT NOT NULL,
        message_seq INTEGER NOT NULL,
        payload TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (room, change_seq)
      ) WITHOUT ROWID;
      CREATE INDEX changes_message ON changes(room, message_id);
      CREATE INDEX changes_at ON changes(room, at);
      CREATE TRIGGER messages_changes_delete AFTER DELETE ON messages BEGIN
        DELETE FROM changes WHERE room = old.room AND message_id = old.id;
      END;
      CREATE TABLE read_cursors (
        user_id TEXT NOT NULL,
        room TEXT NOT NULL,
        seq INTEGER NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (user_id, room)
      ) WITHOUT ROWID;
      CREATE INDEX read_cursors_room ON read_cursors(room, user_id);
      CREATE TABLE user_prefs (
        user_id TEXT PRIMARY KEY,
        share_receipts INTEGER NOT NULL DEFAULT 1,
        dnd_until INTEGER NOT NULL DEFAULT 0
      ) WITHOUT ROWID;
      CREATE TABLE room_notify (
        user_id TEXT NOT NULL,
        room TEXT NOT NULL,
        level TEXT NOT NULL,
        PRIMARY KEY (user_id, room)
      ) WITHOUT ROWID;
    `,
  },
  {
    id: 13,
    name: "threads",
    // A thread reply keeps its room seq; this links it to its root. A cursor row per user and thread
    // is what "following" means (the author, repliers and readers of a thread).
    sql: `
      ${threadTables(SQLITE)}
      CREATE TRIGGER messages_threads_delete AFTER DELETE ON messages BEGIN
        DELETE FROM thread_replies WHERE message_id = old.id OR root_id = old.id;
        DELETE FROM thread_reads WHERE root_id = old.id;
      END;
    `,
  },
  {
    id: 14,
    name: "search indexed after the commit",
    // The FTS insert was half of every append's cost: an append now only numbers its message in
    // search_rows, and sqliteSearchIndexer.ts indexes rows above `indexed_to` in batches. A new number
    // is always above `indexed_to` (never reused after retention empties the table); edits and
    // deletes touch the FTS only for rows already indexed (the indexer reads the current text).
    sql: `
      CREATE TABLE search_index (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        indexed_to INTEGER NOT NULL
      );
      INSERT INTO search_index (id, indexed_to) SELECT 1, coalesce(max(id), 0) FROM search_rows;
      DROP TRIGGER messages_search_insert;
      CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO search_rows (id, room, seq) VALUES (
          max(coalesce((SELECT max(id) FROM search_rows), 0),
            (SELECT indexed_to FROM search_index WHERE id = 1)) + 1,
          new.room, new.seq);
      END;
      DROP TRIGGER messages_search_update;
      CREATE TRIGGER messages_search_update AFTER UPDATE OF text, deleted ON messages BEGIN
        DELETE FROM message_fts WHERE rowid =
          (SELECT id FROM search_rows WHERE room = old.room AND seq = old.seq)
          AND rowid <= (SELECT indexed_to FROM search_index WHERE id = 1);
        INSERT INTO message_fts (rowid, text) SELECT id, new.text FROM search_rows
          WHERE room = new.room AND seq = new.seq AND new.deleted = 0
          AND id <= (SELECT indexed_to FROM search_index WHERE id = 1);
      END;
      DROP TRIGGER messages_search_delete;
      CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
        DELETE FROM message_fts WHERE rowid =
          (SELECT id FROM search_rows WHERE room = old.room AND seq = old.seq)
          AND rowid <= (SELECT indexed_to FROM search_index WHERE id = 1);
        DELETE FROM search_rows WHERE room = old.room AND seq = old.seq;
      END;
    `,
  },
  {
    id: 15,
    name: "no second (room, seq) index on messages",
    // Same key as the primary key of a WITHOUT ROWID table (the table is that B-tree): every query
    // on (room, seq) uses the primary key, and each append wrote this copy for nothing.
    sql: `DROP INDEX IF EXISTS messages_room_seq;`,
  },
];
