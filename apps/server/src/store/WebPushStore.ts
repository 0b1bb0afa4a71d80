/** A browser's push subscription, as the server keeps it: one per device (sign-in session). */
export interface PushSubscriptionRecord {
  /** Derived from the endpoint (see `subscriptionId`): stable, and not itself a capability URL. */
  id: string;
  userId: string;
  /** The sign-in session that registered it; revoking the session deletes it. */
  sessionId: string;
  endpoint: string;
  /** The browser's P-256 key and auth secret (base64url), for aes128gcm. */
  p256dh: string;
  auth: string;
  createdAt: number;
  /** The last push the push service accepted. */
  lastSuccessAt?: number;
}

export type NewPushSubscription = Omit<PushSubscriptionRecord, "lastSuccessAt">;

/** `full`: the user already keeps the most devices allowed (nothing stored). */
export type SaveSubscriptionResult = "created" | "updated" | "full";

/** The server's VAPID key pair (base64url, as `web-push` makes them). */
export interface VapidKeyPair {
  publicKey: string;
  privateKey: string;
}

/**
 * Web Push state: part of the {@link Store} seam (`store.webPush`), so every node signs with one key,
 * sees every device, and pushes a notification once. Every method returns a Promise and is awaited.
 */
export interface WebPushStore {
  /** The stored key pair; `candidate` is stored first if none is (the first node to ask wins). */
  vapidKeys(candidate: VapidKeyPair): Promise<VapidKeyPair>;
  /**
   * Keeps a subscription. An endpoint is one browser: registering it again (by anyone) moves it to
   * that user and session. A session holds one: its earlier endpoint (the browser renewed its
   * subscription) is replaced. `full` when the user already has `maxPerUser` other devices.
   */
  saveSubscription(sub: NewPushSubscription, maxPerUser: number): Promise<SaveSubscriptionResult>;
  /** Forgets the user's subscription with this endpoint; whether there was one. */
  removeSubscription(userId: string, endpoint: string): Promise<boolean>;
  /** Forgets a subscription the push service reported gone (404/410); whether it was there. */
  pruneSubscription(id: string): Promise<boolean>;
  /** The user's subscriptions whose session is live (not revoked, not expired), newest first. */
  subscriptionsOf(userId: string, now: number): Promise<PushSubscriptionRecord[]>;
  /** Records that the push service accepted a push for it. */
  markPushed(id: string, now: number): Promise<void>;
  /**
   * Claims the push of notification `notificationId` to `userId`: true for the first caller on any
   * node, false ever after. Forgotten by `forgetDeliveries`.
   */
  claimDelivery(notificationId: string, userId: string, now: number): Promise<boolean>;
  /** Forgets claims made before `before` (a notification is pushed right after it is stored). */
  forgetDeliveries(before: number): Promise<number>;
}
