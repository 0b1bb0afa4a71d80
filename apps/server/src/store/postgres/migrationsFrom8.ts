import type { PgMigration } from "./migrations1to7.js";
import { POSTGRES, threadTables, webPushTables } from "../migrationTables.js";

/** Migrations 8 on: append new ones here. */
export const PG_MIGRATIONS_FROM_8: readonly PgMigration[] = [
  {
    id: 8,
    name: "web push",
    // As SQLite's migration 10: one VAPID key pair for every node, subscriptions that end with
    // their session (a trigger, whatever path revokes it), and delivery claims (push once).
    sql: `
      ${webPushTables(POSTGRES)}
      CREATE FUNCTION push_subscriptions_session_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM push_subscriptions WHERE session_id = NEW.id;
        RETURN NEW;
      END $$;
      CREATE TRIGGER push_subscriptions_session_revoked AFTER UPDATE OF revoked_at ON sessions
        FOR EACH ROW WHEN (NEW.revoked_at IS NOT NULL)
        EXECUTE FUNCTION push_subscriptions_session_revoked();
    `,
  },
  {
    id: 9,
    name: "reactions and replies",
    // As SQLite's migration 11: one row per (message, user, emoji); reply links in their own table;
    // retention's delete of a message takes both with it.
    sql: `
      CREATE TABLE message_reactions (
        room TEXT COLLATE "C" NOT NULL,
        message_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        emoji TEXT NOT NULL,
        at BIGINT NOT NULL,
        PRIMARY KEY (message_id, user_id, emoji)
      );
      CREATE TABLE message_replies (
        message_id TEXT PRIMARY KEY,
        room TEXT COLLATE "C" NOT NULL,
        reply_to TEXT NOT NULL
      );
      CREATE FUNCTION messages_reactions_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM message_reactions WHERE message_id = OLD.id;
        DELETE FROM message_replies WHERE message_id = OLD.id;
        RETURN OLD;
      END $$;
      CREATE TRIGGER messages_reactions_delete AFTER DELETE ON messages
        FOR EACH ROW EXECUTE FUNCTION messages_reactions_delete();
    `,
  },
  {
    id: 10,
    name: "read receipts, change log, notification preferences",
    // The change seq is bumped on the room row (under its lock, like the message seq), so change
    // seqs are gap-free and in commit order across nodes. A message's changes go with it.
    sql: `
      ALTER TABLE rooms ADD COLUMN change_seq BIGINT NOT NULL DEFAULT 0;
      CREATE TABLE changes (
        room TEXT NOT NULL,
        change_seq BIGINT NOT NULL,
        kind TEXT NOT NULL,
        message_id TEXT NOT NULL,
        message_seq BIGINT NOT NULL,
        payload JSONB NOT NULL,
        at BIGINT NOT NULL,
        PRIMARY KEY (room, change_seq)
      );
      CREATE INDEX changes_message ON changes (room, message_id);
      CREATE INDEX changes_at ON changes (room, at);
      CREATE FUNCTION changes_forget() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          DELETE FROM changes WHERE room = OLD.room AND message_id = OLD.id;
          RETURN NULL;
        END $$;
      CREATE TRIGGER messages_changes_delete AFTER DELETE ON messages
        FOR EACH ROW EXECUTE FUNCTION changes_forget();
      CREATE TABLE read_cursors (
        user_id TEXT NOT NULL,
        room TEXT NOT NULL,
        seq BIGINT NOT NULL,
        at BIGINT NOT NULL,
        PRIMARY KEY (user_id, room)
      );
      CREATE INDEX read_cursors_room ON read_cursors (room, user_id);
      CREATE TABLE user_prefs (
        user_id TEXT PRIMARY KEY,
        share_receipts BOOLEAN NOT NULL DEFAULT true,
        dnd_until BIGINT NOT NULL DEFAULT 0
      );
      CREATE TABLE room_notify (
        user_id TEXT NOT NULL,
        room TEXT NOT NULL,
        level TEXT NOT NULL,
        PRIMARY KEY (user_id, room)
      );
    `,
  },
  {
    id: 11,
    name: "threads",
    // A thread reply keeps its room seq; this links it to its root. A cursor row per user and thread
    // is what "following" means (the author, repliers and readers of a thread).
    sql: `
      ${threadTables(POSTGRES)}
      CREATE FUNCTION threads_forget() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          DELETE FROM thread_replies WHERE message_id = OLD.id OR root_id = OLD.id;
          DELETE FROM thread_reads WHERE root_id = OLD.id;
          RETURN NULL;
        END $$;
      CREATE TRIGGER messages_threads_delete AFTER DELETE ON messages
        FOR EACH ROW EXECUTE FUNCTION threads_forget();
    `,
  },
  {
    id: 12,
    name: "name bindings notified",
    // Each node keeps every bound name in memory for mentions (nameIndex.ts): a binding on any node
    // reaches the others after its commit. Names are never unbound, so inserts are all there is.
    sql: `
      CREATE FUNCTION names_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('duplex_names', NEW.key || E'\\t' || NEW.user_id);
          RETURN NULL;
        END $$;
      CREATE TRIGGER names_notify AFTER INSERT ON names
        FOR EACH ROW EXECUTE FUNCTION names_notify();
    `,
  },
];
