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
