import type { SessionRecord } from "./AccountStore.js";

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
