/**
 * Tables both engines create alike, written once so their columns cannot drift apart: each engine's
 * migration renders them with its own column types, each on a line of its own in the migration's SQL. Shipped migrations use these, so a change here
 * rewrites history — add a new migration instead (migrationTables.test.ts pins the shipped statements).
 */
export interface SqlDialect {
  /** Times, counters and sizes: SQLite's INTEGER is 64-bit, Postgres needs BIGINT. */
  int64: "INTEGER" | "BIGINT";
  /** A flag (SQLite has no boolean type: 0 or 1). */
  bool: "INTEGER" | "BOOLEAN";
  /** A flag's false. */
  falseValue: "0" | "false";
  /** A primary key the database numbers in insertion order. */
  serialKey: "INTEGER PRIMARY KEY AUTOINCREMENT" | "BIGSERIAL PRIMARY KEY";
  /** Raw bytes. */
  bytes: "BLOB" | "BYTEA";
  /** After a table read by its primary key: SQLite stores it in that key's B-tree (WITHOUT ROWID). */
  keyOnly: " WITHOUT ROWID" | "";
  /** After a room name's TEXT: Postgres sorts it by bytes, as SQLite does. */
  roomOrder: ' COLLATE "C"' | "";
}

export const SQLITE: SqlDialect = {
  int64: "INTEGER",
  bool: "INTEGER",
  falseValue: "0",
  serialKey: "INTEGER PRIMARY KEY AUTOINCREMENT",
  bytes: "BLOB",
  keyOnly: " WITHOUT ROWID",
  roomOrder: "",
};
export const POSTGRES: SqlDialect = {
  int64: "BIGINT",
  bool: "BOOLEAN",
  falseValue: "false",
  serialKey: "BIGSERIAL PRIMARY KEY",
  bytes: "BYTEA",
  keyOnly: "",
  roomOrder: ' COLLATE "C"',
};

/** Users by id (Postgres indexes their names in between, so this is a table of its own). */
export function usersTable({ int64 }: SqlDialect): string {
  return `CREATE TABLE users (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at ${int64} NOT NULL
      );`;
}

/** Rooms by name, with the last seq given and the epoch a reset draws anew. */
export function roomsTable({ int64, roomOrder }: SqlDialect): string {
  return `CREATE TABLE rooms (
        name TEXT${roomOrder} PRIMARY KEY,
        epoch TEXT NOT NULL,
        seq ${int64} NOT NULL DEFAULT 0,
        created_at ${int64} NOT NULL
      );`;
}

/** A notification's columns after its key; SQLite's first table had another key. */
export function notificationColumns({ int64, bool, falseValue }: SqlDialect): string {
  return `kind TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        level TEXT NOT NULL,
        ts ${int64} NOT NULL,
        read ${bool} NOT NULL DEFAULT ${falseValue},
        link_room TEXT,
        link_message_id TEXT,
        link_seq ${int64}`;
}

/** Notifications keyed per user: one push reaches many users under one id. */
export function notificationsTable(dialect: SqlDialect, name = "notifications"): string {
  return `CREATE TABLE ${name} (
        user_id TEXT NOT NULL REFERENCES users(id),
        id TEXT NOT NULL,
        ${notificationColumns(dialect)},
        PRIMARY KEY (user_id, id)
      )${dialect.keyOnly};`;
}

/** The moderation audit log, and the sessions tokens name (revoking the row ends every token of it). */
export function auditAndSessionTables({ int64, serialKey }: SqlDialect): string {
  return `CREATE TABLE audit (
        seq ${serialKey},
        ts ${int64} NOT NULL,
        actor_id TEXT NOT NULL,
        action TEXT NOT NULL,
        target_id TEXT NOT NULL,
        detail TEXT NOT NULL
      );
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        device TEXT NOT NULL,
        created_at ${int64} NOT NULL,
        last_seen_at ${int64} NOT NULL,
        expires_at ${int64} NOT NULL,
        revoked_at ${int64},
        gen INTEGER NOT NULL,
        gen_at ${int64} NOT NULL,
        prev_gen_until ${int64} NOT NULL
      );
      CREATE INDEX sessions_user ON sessions(user_id, created_at);`;
}

/** WebAuthn credentials of accounts, and the challenges of ceremonies under way. */
export function passkeyTables({ int64, bytes, keyOnly }: SqlDialect): string {
  return `CREATE TABLE passkeys (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        public_key ${bytes} NOT NULL,
        counter ${int64} NOT NULL,
        transports TEXT NOT NULL,
        label TEXT NOT NULL,
        created_at ${int64} NOT NULL,
        last_used_at ${int64}
      );
      CREATE INDEX passkeys_user ON passkeys(user_id, created_at);
      CREATE TABLE webauthn_challenges (
        challenge TEXT PRIMARY KEY,
        purpose TEXT NOT NULL,
        user_id TEXT,
        expires_at ${int64} NOT NULL
      )${keyOnly};
      CREATE INDEX webauthn_challenges_expiry ON webauthn_challenges(expires_at);`;
}

/** A message's attachment as it travels (JSON), and each stored file with the blobs it uses. */
export function filesTable({ int64, roomOrder }: SqlDialect): string {
  return `ALTER TABLE messages ADD COLUMN attachment TEXT;
      CREATE TABLE files (
        id TEXT PRIMARY KEY,
        room TEXT${roomOrder} NOT NULL,
        message_id TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        thumb_sha256 TEXT,
        name TEXT NOT NULL,
        size ${int64} NOT NULL,
        mime TEXT NOT NULL,
        created_at ${int64} NOT NULL
      );
      CREATE INDEX files_sha256 ON files(sha256);
      CREATE INDEX files_thumb ON files(thumb_sha256);
      CREATE INDEX files_message ON files(message_id);`;
}

/**
 * The VAPID key pair (row 1), browser subscriptions, and the delivery claims that make one node push
 * a notification once. Each engine adds its own trigger that deletes a revoked session's subscriptions.
 */
export function webPushTables({ int64, keyOnly }: SqlDialect): string {
  return `CREATE TABLE web_push_keys (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        public_key TEXT NOT NULL,
        private_key TEXT NOT NULL,
        created_at ${int64} NOT NULL
      );
      CREATE TABLE push_subscriptions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        endpoint TEXT NOT NULL,
        p256dh TEXT NOT NULL,
        auth TEXT NOT NULL,
        created_at ${int64} NOT NULL,
        last_success_at ${int64}
      );
      CREATE INDEX push_subscriptions_user ON push_subscriptions(user_id, created_at);
      CREATE INDEX push_subscriptions_session ON push_subscriptions(session_id);
      CREATE TABLE push_deliveries (
        notification_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        claimed_at ${int64} NOT NULL,
        PRIMARY KEY (notification_id, user_id)
      )${keyOnly};
      CREATE INDEX push_deliveries_claimed ON push_deliveries(claimed_at);`;
}

/** Thread replies linked to their root (a reply keeps its room seq), and each follower's read cursor. */
export function threadTables({ int64, bool, keyOnly }: SqlDialect): string {
  return `CREATE TABLE thread_replies (
        message_id TEXT PRIMARY KEY,
        room TEXT NOT NULL,
        root_id TEXT NOT NULL,
        seq ${int64} NOT NULL,
        user_id TEXT NOT NULL,
        ts ${int64} NOT NULL,
        also_to_room ${bool} NOT NULL
      )${keyOnly};
      CREATE INDEX thread_replies_root ON thread_replies(root_id, seq);
      CREATE TABLE thread_reads (
        user_id TEXT NOT NULL,
        root_id TEXT NOT NULL,
        room TEXT NOT NULL,
        seq ${int64} NOT NULL,
        at ${int64} NOT NULL,
        PRIMARY KEY (user_id, root_id)
      )${keyOnly};
      CREATE INDEX thread_reads_root ON thread_reads(root_id);`;
}
