import type { PushSubscriptionRecord, VapidKeyPair } from "./WebPushStore.js";

/** A `push_subscriptions` row as both stores select it (Postgres returns BIGINT as text). */
export interface PushSubscriptionRow {
  id: string;
  user_id: string;
  session_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: number | string;
  last_success_at: number | string | null;
}

export const PUSH_SUBSCRIPTION_COLUMNS =
  "p.id, p.user_id, p.session_id, p.endpoint, p.p256dh, p.auth, p.created_at, p.last_success_at";

/**
 * Saves a browser's subscription under its id (its hashed endpoint), with 7 parameters: id, user_id,
 * session_id, endpoint, p256dh, auth, created_at. The same browser saved again by its account keeps
 * its age and last success; saved by another account, it moves there as new (never pushed yet).
 * @param placeholder the engine's spelling of the n-th parameter (`?` or `$n`).
 */
export function upsertSubscriptionSql(placeholder: (n: number) => string): string {
  const values = [1, 2, 3, 4, 5, 6, 7].map(placeholder).join(", ");
  return `INSERT INTO push_subscriptions AS p
           (id, user_id, session_id, endpoint, p256dh, auth, created_at, last_success_at)
         VALUES (${values}, NULL)
         ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id,
           session_id = excluded.session_id, p256dh = excluded.p256dh, auth = excluded.auth,
           created_at = CASE WHEN p.user_id = excluded.user_id
             THEN p.created_at ELSE excluded.created_at END,
           last_success_at = CASE WHEN p.user_id = excluded.user_id
             THEN p.last_success_at END`;
}

export function toSubscription(row: PushSubscriptionRow): PushSubscriptionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    sessionId: row.session_id,
    endpoint: row.endpoint,
    p256dh: row.p256dh,
    auth: row.auth,
    createdAt: Number(row.created_at),
    ...(row.last_success_at !== null && { lastSuccessAt: Number(row.last_success_at) }),
  };
}

/** The `web_push_keys` row (there is one) as both stores select it. */
export interface VapidKeysRow {
  public_key: string;
  private_key: string;
}

/** The key pair of the row the store just inserted or found; a missing row is a broken database. */
export function toVapidKeys(row: VapidKeysRow | undefined): VapidKeyPair {
  if (!row) throw new Error("VAPID keys missing after insert");
  return { publicKey: row.public_key, privateKey: row.private_key };
}
