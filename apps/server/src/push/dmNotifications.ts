import { Capability, LIMITS, dmParticipants, type ChatMessage } from "@duplex/protocol";
import type { NewNotification } from "../store/NotificationStore.js";
import type { Wanted } from "./mentionNotifications.js";
import type { Notifier } from "./Notifier.js";

/** The id of `message`'s DM notification: derived, so a retry can never create a second one. */
export const dmNotificationId = (messageId: string) => `n_dm_${messageId}`;

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function dmNotification(message: ChatMessage): NewNotification {
  return {
    id: dmNotificationId(message.id),
    kind: "dm",
    title: truncate(`${message.from.name} sent you a direct message`, LIMITS.maxTitleLength),
    body: truncate(message.text, LIMITS.maxBodyLength),
    level: "info",
    ts: message.ts,
    link: { room: message.room, messageId: message.id, seq: message.seq },
  };
}

/**
 * Notifies the other participant of a DM about a new message, unless a mention notification of
 * the same message already did (`alreadyNotified`). Pushed and replayed only to sockets granted
 * `dm_notifications`: a v1 client keeps getting `dm_invite` alone, as it always did.
 */
export async function notifyDm(
  notifier: Notifier,
  message: ChatMessage,
  alreadyNotified: readonly string[] = [],
  /** Those of the recipients whose notification preferences let it notify them. @default all */
  wanted: Wanted = async (ids) => [...ids],
): Promise<string[]> {
  const participants = dmParticipants(message.room);
  if (!participants) return [];
  const recipients = await wanted(
    participants.filter((id) => id !== message.from.id && !alreadyNotified.includes(id)),
    "dm",
  );
  if (recipients.length === 0) return [];
  await notifier.deliver(dmNotification(message), recipients, {
    onlyCap: Capability.DmNotifications,
  });
  return recipients;
}
