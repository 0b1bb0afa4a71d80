import type Database from "better-sqlite3";
import {
  PUSH_SUBSCRIPTION_COLUMNS,
  toSubscription,
  toVapidKeys,
  upsertSubscriptionSql,
  type PushSubscriptionRow,
  type VapidKeysRow,
} from "./webPushRows.js";
import type {
  NewPushSubscription,
  PushSubscriptionRecord,
  SaveSubscriptionResult,
  VapidKeyPair,
  WebPushStore,
} from "./WebPushStore.js";

/** {@link WebPushStore} on the {@link SqliteStore}'s database (migration 10). */
export class SqliteWebPushStore implements WebPushStore {
  readonly #stmt;

  constructor(private readonly db: Database.Database) {
    this.#stmt = {
      putKeys: db.prepare(
        `INSERT INTO web_push_keys (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?)
         ON CONFLICT(id) DO NOTHING`,
      ),
      keys: db.prepare<[], VapidKeysRow>(
        `SELECT public_key, private_key FROM web_push_keys WHERE id = 1`,
      ),
      existing: db.prepare<[string], { user_id: string }>(
        `SELECT user_id FROM push_subscriptions WHERE id = ?`,
      ),
      others: db.prepare<[string, string, string], { n: number }>(
        `SELECT count(*) AS n FROM push_subscriptions
         WHERE user_id = ? AND id <> ? AND session_id <> ?`,
      ),
      dropSession: db.prepare(`DELETE FROM push_subscriptions WHERE session_id = ? AND id <> ?`),
      upsert: db.prepare(upsertSubscriptionSql(() => "?")),
      remove: db.prepare(`DELETE FROM push_subscriptions WHERE user_id = ? AND endpoint = ?`),
      prune: db.prepare(`DELETE FROM push_subscriptions WHERE id = ?`),
      of: db.prepare<[string, number], PushSubscriptionRow>(
        `SELECT ${PUSH_SUBSCRIPTION_COLUMNS} FROM push_subscriptions p
         JOIN sessions s ON s.id = p.session_id
         WHERE p.user_id = ? AND s.revoked_at IS NULL AND s.expires_at > ?
         ORDER BY p.created_at DESC, p.id`,
      ),
      pushed: db.prepare(`UPDATE push_subscriptions SET last_success_at = ? WHERE id = ?`),
      claim: db.prepare(
        `INSERT INTO push_deliveries (notification_id, user_id, claimed_at) VALUES (?, ?, ?)
         ON CONFLICT DO NOTHING`,
      ),
      forget: db.prepare(`DELETE FROM push_deliveries WHERE claimed_at < ?`),
    };
  }

  async vapidKeys(candidate: VapidKeyPair): Promise<VapidKeyPair> {
    this.#stmt.putKeys.run(candidate.publicKey, candidate.privateKey, Date.now());
    return toVapidKeys(this.#stmt.keys.get());
  }

  async saveSubscription(
    sub: NewPushSubscription,
    maxPerUser: number,
  ): Promise<SaveSubscriptionResult> {
    return this.db.transaction((): SaveSubscriptionResult => {
      const existing = this.#stmt.existing.get(sub.id);
      const others = this.#stmt.others.get(sub.userId, sub.id, sub.sessionId)?.n ?? 0;
      if (others >= maxPerUser) return "full";
      this.#stmt.dropSession.run(sub.sessionId, sub.id);
      this.#stmt.upsert.run(
        sub.id,
        sub.userId,
        sub.sessionId,
        sub.endpoint,
        sub.p256dh,
        sub.auth,
        sub.createdAt,
      );
      return existing?.user_id === sub.userId ? "updated" : "created";
    })();
  }

  async removeSubscription(userId: string, endpoint: string): Promise<boolean> {
    return this.#stmt.remove.run(userId, endpoint).changes > 0;
  }

  async pruneSubscription(id: string): Promise<boolean> {
    return this.#stmt.prune.run(id).changes > 0;
  }

  async subscriptionsOf(userId: string, now: number): Promise<PushSubscriptionRecord[]> {
    return this.#stmt.of.all(userId, now).map(toSubscription);
  }

  async markPushed(id: string, now: number): Promise<void> {
    this.#stmt.pushed.run(now, id);
  }

  async claimDelivery(notificationId: string, userId: string, now: number): Promise<boolean> {
    return this.#stmt.claim.run(notificationId, userId, now).changes > 0;
  }

  async forgetDeliveries(before: number): Promise<number> {
    return this.#stmt.forget.run(before).changes;
  }
}
