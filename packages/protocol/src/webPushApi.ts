import { z } from "zod";

/**
 * The Web Push HTTP API (JSON bodies; documented in the protocol README). The browser asks for the
 * server's VAPID public key, subscribes with its push service, and hands the subscription over with
 * its session's Bearer token; the server then pushes a user's notifications to each of their devices
 * while no tab of theirs is visible.
 */
export const WEB_PUSH_PATHS = {
  /** GET: `{publicKey}` (no token needed: the key is public). */
  vapid: "/api/push/vapid",
  /** POST (Bearer) a `PushSubscription.toJSON()` → 201; DELETE (Bearer) `{endpoint}` → 204. */
  subscriptions: "/api/push/subscriptions",
  /** GET `/api/admin/push-devices/:userId` (Bearer, owner or admin): a user's devices. */
  adminDevices: "/api/admin/push-devices/*",
} as const;

/** Bounds on what a client can make the server keep and send. */
export const WEB_PUSH_LIMITS = {
  /** Devices (subscriptions) one user may keep; registering one more answers 409. */
  maxSubscriptionsPerUser: 10,
  /** Longest endpoint URL (FCM's are ~190 chars, Mozilla's ~250, Apple's ~200). */
  maxEndpointLength: 1024,
  /** The client's P-256 public key: 65 bytes → 87 base64url characters (a little room for padding). */
  maxP256dhLength: 100,
  /** The 16-byte auth secret → 22 base64url characters. */
  maxAuthLength: 44,
  /** Largest payload the server sends (the push services' common limit is 4096 bytes, encrypted). */
  maxPayloadBytes: 3072,
} as const;

const b64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+=*$/, "must be base64url");

/**
 * The browser's `PushSubscription.toJSON()`. Tolerant of fields browsers may add later; the server
 * checks the endpoint's scheme and host (https only) when it stores it.
 */
export const PushSubscriptionJson = z.object({
  endpoint: z.url().max(WEB_PUSH_LIMITS.maxEndpointLength),
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: b64url(WEB_PUSH_LIMITS.maxP256dhLength),
    auth: b64url(WEB_PUSH_LIMITS.maxAuthLength),
  }),
});
export type PushSubscriptionJson = z.infer<typeof PushSubscriptionJson>;

/** Body of `DELETE /api/push/subscriptions`: the device to forget (the caller's own). */
export const PushUnsubscribeRequest = z.object({
  endpoint: z.string().min(1).max(WEB_PUSH_LIMITS.maxEndpointLength),
});
export type PushUnsubscribeRequest = z.infer<typeof PushUnsubscribeRequest>;

/** Answer of `GET /api/push/vapid`: the application server key for `pushManager.subscribe`. */
export const VapidKeyResponse = z.object({
  /** The uncompressed P-256 public key, base64url (pass it as `applicationServerKey`). */
  publicKey: z.string(),
});
export type VapidKeyResponse = z.infer<typeof VapidKeyResponse>;

/** A device that receives a user's pushes, as the owner and admins see it (never the keys). */
export const PushDevice = z.object({
  /** Stable id of the subscription (derived from its endpoint). */
  id: z.string(),
  /** The push service's origin (`https://fcm.googleapis.com`), not the full endpoint (a capability URL). */
  origin: z.string(),
  /** When it was registered (ms since epoch). */
  createdAt: z.number(),
  /** The last push the push service accepted (ms since epoch); absent before the first. */
  lastSuccessAt: z.number().optional(),
});
export type PushDevice = z.infer<typeof PushDevice>;

/** Answer of `POST /api/push/subscriptions` (201; 200 when the device was already registered). */
export const PushSubscribedResponse = z.object({ device: PushDevice });
export type PushSubscribedResponse = z.infer<typeof PushSubscribedResponse>;

/** Answer of `GET /api/admin/push-devices/:userId`: newest first. */
export const PushDevicesResponse = z.object({ devices: z.array(PushDevice) });
export type PushDevicesResponse = z.infer<typeof PushDevicesResponse>;

/**
 * What the service worker receives in a push event (JSON, decrypted by the browser): a stored
 * notification, enough to show it and to open the right room and message on click.
 */
export const WebPushPayload = z.object({
  /** The notification's id (mark it read with it). */
  id: z.string(),
  /** `mention`, `dm`, `system`, … (open set: show unknown kinds like `system`). */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** The room to open, when the notification points at a message. */
  room: z.string().optional(),
  messageId: z.string().optional(),
  ts: z.number(),
});
export type WebPushPayload = z.infer<typeof WebPushPayload>;
