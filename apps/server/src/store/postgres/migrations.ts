import type pg from "pg";
import { nameKey } from "../../names/nameKey.js";

/**
 * Postgres schema migrations, applied in order and recorded in `migrations`. Append new ones; never
 * edit one that has shipped. Numbered on their own (not SQLite's ids): migration 1 is the shape
 * SQLite reached after its migrations 1–2, so both stores hold the same data in the same columns.
 *
 * Names and rooms are `COLLATE "C"`: byte order as in SQLite, whatever locale the cluster was created
 * with, so `listRooms` sorts alike and the DM-prefix range scan uses the primary key.
 */
export const PG_MIGRATIONS: readonly {
  id: number;
  name: string;
  sql: string;
  /** Runs in the same transaction, for data only code can compute. */
  after?: (client: pg.PoolClient) => Promise<void>;
}[] = [
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
      CREATE TABLE audit (
        seq BIGSERIAL PRIMARY KEY,
        ts BIGINT NOT NULL,
        actor_id TEXT NOT NULL,
        action TEXT NOT NULL,
        target_id TEXT NOT NULL,
        detail TEXT NOT NULL
      );
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        device TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_seen_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        revoked_at BIGINT,
        gen INTEGER NOT NULL,
        gen_at BIGINT NOT NULL,
        prev_gen_until BIGINT NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id, created_at);
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
      CREATE TABLE passkeys (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        public_key BYTEA NOT NULL,
        counter BIGINT NOT NULL,
        transports TEXT NOT NULL,
        label TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_used_at BIGINT
      );
      CREATE INDEX passkeys_user ON passkeys(user_id, created_at);
      CREATE TABLE webauthn_challenges (
        challenge TEXT PRIMARY KEY,
        purpose TEXT NOT NULL,
        user_id TEXT,
        expires_at BIGINT NOT NULL
      );
      CREATE INDEX webauthn_challenges_expiry ON webauthn_challenges(expires_at);
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
      ALTER TABLE messages ADD COLUMN attachment TEXT;
      CREATE TABLE files (
        id TEXT PRIMARY KEY,
        room TEXT COLLATE "C" NOT NULL,
        message_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        thumb_sha256 TEXT,
        name TEXT NOT NULL,
        size BIGINT NOT NULL,
        mime TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE INDEX files_sha256 ON files(sha256);
      CREATE INDEX files_thumb ON files(thumb_sha256);
      CREATE INDEX files_message ON files(message_id);
      CREATE TABLE blobs (
        sha256 TEXT NOT NULL,
        part INTEGER NOT NULL,
        data BYTEA NOT NULL,
        PRIMARY KEY (sha256, part)
      );
    `,
  },
  {
    id: 8,
    name: "web push",
    // As SQLite's migration 10: one VAPID key pair for every node, subscriptions that end with
    // their session (a trigger, whatever path revokes it), and delivery claims (push once).
    sql: `
      CREATE TABLE web_push_keys (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        public_key TEXT NOT NULL,
        private_key TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE push_subscriptions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        endpoint TEXT NOT NULL,
        p256dh TEXT NOT NULL,
        auth TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_success_at BIGINT
      );
      CREATE INDEX push_subscriptions_user ON push_subscriptions(user_id, created_at);
      CREATE INDEX push_subscriptions_session ON push_subscriptions(session_id);
      CREATE TABLE push_deliveries (
        notification_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        claimed_at BIGINT NOT NULL,
        PRIMARY KEY (notification_id, user_id)
      );
      CREATE INDEX push_deliveries_claimed ON push_deliveries(claimed_at);
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
      CREATE TABLE thread_replies (
        message_id TEXT PRIMARY KEY,
        room TEXT NOT NULL,
        root_id TEXT NOT NULL,
        seq BIGINT NOT NULL,
        user_id TEXT NOT NULL,
        ts BIGINT NOT NULL,
        also_to_room BOOLEAN NOT NULL
      );
      CREATE INDEX thread_replies_root ON thread_replies (root_id, seq);
      CREATE TABLE thread_reads (
        user_id TEXT NOT NULL,
        root_id TEXT NOT NULL,
        room TEXT NOT NULL,
        seq BIGINT NOT NULL,
        at BIGINT NOT NULL,
        PRIMARY KEY (user_id, root_id)
      );
      CREATE INDEX thread_reads_root ON thread_reads (root_id);
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
      if (m.after) await m.after(client);
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
