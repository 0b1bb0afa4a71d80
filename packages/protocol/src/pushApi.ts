import { z } from "zod";
import { NotificationBody, NotificationLevel, NotificationTitle } from "./fields.js";
import { Name, RoomId } from "./names.js";

/**
 * Body of `POST /api/notifications`: push a notification from another backend. `to.user` is a user id
 * or a name (the user holding that name for good, compared case- and look-alike-insensitively).
 */
export const PushNotificationRequest = z.strictObject({
  to: z.union([z.literal("all"), z.strictObject({ user: Name }), z.strictObject({ room: RoomId })]),
  title: NotificationTitle,
  body: NotificationBody.default(""),
  level: NotificationLevel.default("info"),
});
export type PushNotificationRequest = z.infer<typeof PushNotificationRequest>;

/** Answer of `POST /api/notifications` (202): the notification id and how many users it reached. */
export const PushNotificationResponse = z.object({
  id: z.string(),
  recipients: z.number().int().nonnegative(),
});
export type PushNotificationResponse = z.infer<typeof PushNotificationResponse>;
