import { LIMITS, dmParticipants, isDmRoom, type ChatMessage } from "@duplex/protocol";
import type { ServerContext } from "../context.js";
import { shouldNotify } from "../receipts/shouldNotify.js";
import type { NewNotification } from "../store/NotificationStore.js";
import type { LinkedThread } from "../store/ThreadStore.js";

/** Derived from the reply, so a retry can never create a second one. */
export const threadNotificationId = (messageId: string) => `n_thread_${messageId}`;

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A reply notifies the thread's followers (its author, repliers, readers) as a mention does: stored,
 * pushed live, Web Push when no tab is visible. Never the author; in a DM only its participants, in a
 * private room only its members now; not a user whose preferences say no (`shouldNotify`). The link
 * points at the root, where the thread opens.
 */
export async function notifyThreadFollowers(
  ctx: ServerContext,
  message: ChatMessage,
  linked: LinkedThread,
): Promise<void> {
  let recipients = linked.result.followers.filter((id) => id !== message.from.id);
  if (isDmRoom(message.room)) {
    const people: readonly string[] = dmParticipants(message.room) ?? [];
    recipients = recipients.filter((id) => people.includes(id));
  } else if (recipients.length > 0 && (await ctx.store.access.privateRoom(message.room))) {
    const members = new Set(await ctx.store.access.members(message.room));
    recipients = recipients.filter((id) => members.has(id));
  }
  const wanted: string[] = [];
  for (const id of recipients) {
    if (await shouldNotify(ctx.store.reads, id, message.room, "mention", ctx.now()))
      wanted.push(id);
  }
  if (wanted.length === 0) return;
  const where = isDmRoom(message.room) ? "a direct message" : `#${message.room}`;
  const notification: NewNotification = {
    id: threadNotificationId(message.id),
    kind: "mention",
    title: truncate(`${message.from.name} replied in a thread in ${where}`, LIMITS.maxTitleLength),
    body: truncate(message.text, LIMITS.maxBodyLength),
    level: "info",
    ts: message.ts,
    link: { room: message.room, messageId: linked.ref.root, seq: linked.result.rootSeq },
  };
  await ctx.push.notifier.deliver(notification, wanted);
}
