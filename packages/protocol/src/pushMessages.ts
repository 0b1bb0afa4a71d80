import { z } from "zod";
import { Notification, Ref, StatsSample, Timestamp, Topic } from "./fields.js";

// Server push: notifications to a user, and the topics (live stats) a socket subscribes to.

export const NotificationMessage = z.strictObject({
  type: z.literal("notification"),
  notification: Notification,
});

export const NotificationsReadMessage = z.strictObject({
  type: z.literal("notifications_read"),
  ref: Ref.optional(),
  /** Ids now read (in every tab of this user); `all: true` means every one. */
  ids: z.array(z.string()),
  all: z.boolean().optional(),
});

export const SubscribedMessage = z.strictObject({
  type: z.literal("subscribed"),
  ref: Ref.optional(),
  topic: Topic,
});

export const UnsubscribedMessage = z.strictObject({
  type: z.literal("unsubscribed"),
  ref: Ref.optional(),
  topic: Topic,
});

export const DataMessage = z.strictObject({
  type: z.literal("data"),
  topic: Topic,
  ts: Timestamp,
  value: StatsSample,
});
