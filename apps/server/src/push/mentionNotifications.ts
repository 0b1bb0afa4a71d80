import {
  LIMITS,
  dmParticipants,
  isDmRoom,
  type ChatMessage,
  type NotifyKind,
  type User,
} from "@duplex/protocol";
import type { NewNotification } from "../store/NotificationStore.js";
import { mentionCandidates, pickMentions } from "./mentions.js";
import type { Notifier } from "./Notifier.js";

/** Filters recipients by their notification preferences for a notification of `kind`. */
export type Wanted = (userIds: readonly string[], kind: NotifyKind) => Promise<string[]>;

/** The id of `message`'s mention notification: derived, so a retry can never create a second one. */
export const mentionNotificationId = (messageId: string) => `n_mention_${messageId}`;

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Who may be notified: in a DM only its participants, in a private room only its `members` (a mention
 * must not leak a private text).
 */
function mayBeNotified(
  user: User,
  message: ChatMessage,
  members: readonly string[] | undefined,
): boolean {
  if (user.id === message.from.id) return false;
  if (members !== undefined && !members.includes(user.id)) return false;
  if (!isDmRoom(message.room)) return true;
  return dmParticipants(message.room)?.includes(user.id) ?? false;
}

export function mentionNotification(message: ChatMessage): NewNotification {
  const where = isDmRoom(message.room) ? "a direct message" : `#${message.room}`;
  return {
    id: mentionNotificationId(message.id),
    kind: "mention",
    title: truncate(`${message.from.name} mentioned you in ${where}`, LIMITS.maxTitleLength),
    body: truncate(message.text, LIMITS.maxBodyLength),
    level: "info",
    ts: message.ts,
    link: { room: message.room, messageId: message.id, seq: message.seq },
  };
}

/**
 * Notifies every user `@mentioned` in a stored message (rule in `mentions.ts`), once per message
 * per user, never the author, in a DM only the other participant, and in a private room only its
 * `members`. Returns who was notified.
 */
export async function notifyMentions(
  notifier: Notifier,
  message: ChatMessage,
  /** A private room's members, asked only once someone is mentioned (most texts name nobody). */
  members: () => Promise<readonly string[] | undefined> = async () => undefined,
  /** Those of the recipients whose notification preferences let it notify them. @default all */
  wanted: Wanted = async (ids) => [...ids],
  /** `mentionCandidates(message.text)`, when the caller has it already. */
  sites: readonly string[][] = mentionCandidates(message.text),
): Promise<string[]> {
  if (sites.length === 0) return [];
  const known = await notifier.usersByNameKeys(sites.flat());
  const mentioned = pickMentions(message.text, known, sites);
  if (mentioned.length === 0) return [];
  const allowed = await members();
  const recipients = await wanted(
    mentioned.filter((user) => mayBeNotified(user, message, allowed)).map((user) => user.id),
    "mention",
  );
  if (recipients.length === 0) return [];
  await notifier.deliver(mentionNotification(message), recipients);
  return recipients;
}
