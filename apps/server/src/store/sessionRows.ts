import type { SessionRecord, StoredUser } from "./AccountStore.js";
import { toStoredUser } from "./userRows.js";

/** A `sessions` row as both stores select it. */
export interface SessionRow {
  id: string;
  user_id: string;
  device: string;
  created_at: number | string;
  last_seen_at: number | string;
  expires_at: number | string;
  revoked_at: number | string | null;
  gen: number | string;
  gen_at: number | string;
  prev_gen_until: number | string;
}

export const SESSION_COLUMNS = `id, user_id, device, created_at, last_seen_at, expires_at, revoked_at,
  gen, gen_at, prev_gen_until`;

// Postgres returns BIGINT as a string unless a parser is set; Number() is exact below 2^53.
export function toSession(row: SessionRow): SessionRecord {
  const session: SessionRecord = {
    id: row.id,
    userId: row.user_id,
    device: row.device,
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_seen_at),
    expiresAt: Number(row.expires_at),
    gen: Number(row.gen),
    genAt: Number(row.gen_at),
    prevGenUntil: Number(row.prev_gen_until),
  };
  if (row.revoked_at !== null) session.revokedAt = Number(row.revoked_at);
  return session;
}

/** A session row and its user's columns (prefixed `u_`), read in one statement. */
export type SessionUserRow = SessionRow & {
  u_id: string | null;
  u_name: string;
  u_guest: boolean | number;
  u_role: string;
  u_banned_at: number | string | null;
};

/**
 * The session and its user in one read (`?` is the placeholder: `$1` for Postgres): on SQLite each
 * read transaction is a lock round on the WAL index before any work, and `hello` needs both rows.
 */
export function sessionWithUserSql(placeholder: string): string {
  const columns = SESSION_COLUMNS.split(",").map((c) => `s.${c.trim()}`);
  return `SELECT ${columns.join(", ")}, u.id AS u_id, u.name AS u_name, u.guest AS u_guest,
    u.role AS u_role, u.banned_at AS u_banned_at
    FROM sessions s LEFT JOIN users u ON u.id = s.user_id WHERE s.id = ${placeholder}`;
}

export function toSessionWithUser(row: SessionUserRow): {
  session: SessionRecord;
  user?: StoredUser;
} {
  const session = toSession(row);
  if (row.u_id === null) return { session };
  const user = toStoredUser({
    id: row.u_id,
    name: row.u_name,
    guest: row.u_guest,
    role: row.u_role,
    banned_at: row.u_banned_at,
  });
  return { session, user };
}
