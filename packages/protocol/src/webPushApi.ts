import { z } from "zod";

export { WEB_PUSH_LIMITS, WEB_PUSH_PATHS } from "./httpConstants.js";
import { WEB_PUSH_LIMITS } from "./httpConstants.js";

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
