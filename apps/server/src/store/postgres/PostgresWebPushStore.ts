import type pg from "pg";
import {
  PUSH_SUBSCRIPTION_COLUMNS,
  toSubscription,
  toVapidKeys,
  upsertSubscriptionSql,
  type PushSubscriptionRow,
  type VapidKeysRow,
} from "../webPushRows.js";
import type {
  NewPushSubscription,
  PushSubscriptionRecord,
  SaveSubscriptionResult,
  VapidKeyPair,
  WebPushStore,
} from "../WebPushStore.js";
import { inTransaction } from "./transaction.js";
import { touchesAnyRow } from "./touchesAnyRow.js";

/** {@link WebPushStore} on the {@link PostgresStore}'s pool (its migration 8). */
export class PostgresWebPushStore implements WebPushStore {
  constructor(private readonly pool: pg.Pool) {}

  async vapidKeys(candidate: VapidKeyPair): Promise<VapidKeyPair> {
    // Nodes starting together: one insert wins, every node reads the winner's pair.
    await this.pool.query(
      `INSERT INTO web_push_keys (id, public_key, private_key, created_at) VALUES (1, $1, $2, $3)
       ON CONFLICT (id) DO NOTHING`,
      [candidate.publicKey, candidate.privateKey, Date.now()],
    );
    const { rows } = await this.pool.query<VapidKeysRow>(
      `SELECT public_key, private_key FROM web_push_keys WHERE id = 1`,
    );
    return toVapidKeys(rows[0]);
  }

  async saveSubscription(
    sub: NewPushSubscription,
    maxPerUser: number,
  ): Promise<SaveSubscriptionResult> {
    return inTransaction(this.pool, async (client) => {
      // The user's row is the lock: two registrations racing cannot both pass the bound.
      await client.query(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [sub.userId]);
      const existing = await client.query<{ user_id: string }>(
        `SELECT user_id FROM push_subscriptions WHERE id = $1`,
        [sub.id],
      );
      const others = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM push_subscriptions
         WHERE user_id = $1 AND id <> $2 AND session_id <> $3`,
        [sub.userId, sub.id, sub.sessionId],
      );
      if (Number(others.rows[0]?.n ?? 0) >= maxPerUser) {
        return "full";
      }
      await client.query(`DELETE FROM push_subscriptions WHERE session_id = $1 AND id <> $2`, [
        sub.sessionId,
        sub.id,
      ]);
      await client.query(
        upsertSubscriptionSql((n) => `$${n}`),
        [sub.id, sub.userId, sub.sessionId, sub.endpoint, sub.p256dh, sub.auth, sub.createdAt],
      );
      return existing.rows[0]?.user_id === sub.userId ? "updated" : "created";
    });
  }

  async removeSubscription(userId: string, endpoint: string): Promise<boolean> {
    return touchesAnyRow(
      this.pool,
      `DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2`,
      [userId, endpoint],
    );
  }

  async pruneSubscription(id: string): Promise<boolean> {
    return touchesAnyRow(this.pool, `DELETE FROM push_subscriptions WHERE id = $1`, [id]);
  }

  async subscriptionsOf(userId: string, now: number): Promise<PushSubscriptionRecord[]> {
    const { rows } = await this.pool.query<PushSubscriptionRow>(
      `SELECT ${PUSH_SUBSCRIPTION_COLUMNS} FROM push_subscriptions p
       JOIN sessions s ON s.id = p.session_id
       WHERE p.user_id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2
       ORDER BY p.created_at DESC, p.id`,
      [userId, now],
    );
    return rows.map(toSubscription);
  }

  async markPushed(id: string, now: number): Promise<void> {
    await this.pool.query(`UPDATE push_subscriptions SET last_success_at = $1 WHERE id = $2`, [
      now,
      id,
    ]);
  }

  async claimDelivery(notificationId: string, userId: string, now: number): Promise<boolean> {
    return touchesAnyRow(
      this.pool,
      `INSERT INTO push_deliveries (notification_id, user_id, claimed_at) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [notificationId, userId, now],
    );
  }

  async forgetDeliveries(before: number): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM push_deliveries WHERE claimed_at < $1`,
      [before],
    );
    return rowCount ?? 0;
  }
}
