import type { ChatMessage } from "@duplex/protocol";
import type { ServerContext } from "../context.js";
import { notifyMentions } from "./mentionNotifications.js";

/**
 * The send path's one call into push, made after the message is stored, acked and fanned out:
 * counts it for the stats topic and notifies mentioned users in the background, so a mention
 * look-up never delays the sender's next frame.
 */
export function onMessageStored(ctx: ServerContext, message: ChatMessage): void {
  ctx.push.messageRate.record();
  // Most messages mention nobody: keep them off the chain (no promise, no look-up) on the send path.
  if (!message.text.includes("@")) return;
  // One chain per server: mentions are stored in message order, so a user who reconnects never gets a
  // later message's mention replayed before an earlier one's (they would otherwise race in the background).
  const previous = mentionChains.get(ctx) ?? Promise.resolve();
  const next = previous
    .then(async () => {
      const { access } = ctx.store;
      const members = (await access.privateRoom(message.room))
        ? await access.members(message.room)
        : undefined;
      await notifyMentions(ctx.push.notifier, message, members);
    })
    .catch((err: unknown) => {
      ctx.log.error({ err, message: message.id }, "mention notifications failed");
    });
  mentionChains.set(ctx, next);
}

const mentionChains = new WeakMap<ServerContext, Promise<void>>();
