import { isDmRoom, type ChatMessage } from "@duplex/protocol";
import type { ServerContext } from "../context.js";
import { notifyDm } from "./dmNotifications.js";
import { wantNotified } from "../receipts/notifyFilter.js";
import { notifyMentions, type Wanted } from "./mentionNotifications.js";
import { mentionCandidates } from "./mentions.js";

/**
 * The send path's one call into push, made after the message is stored, acked and fanned out:
 * counts it for the stats topic and notifies mentioned users (and a DM's other participant) in the
 * background, so a mention look-up never delays the sender's next frame.
 */
export function onMessageStored(ctx: ServerContext, message: ChatMessage): void {
  ctx.push.messageRate.record();
  const dm = isDmRoom(message.room);
  // Most messages mention nobody: keep them off the chain (no promise, no look-up) on the send path.
  const sites = message.text.includes("@") ? mentionCandidates(message.text) : [];
  if (!dm && sites.length === 0) return;
  // One chain per server: mentions are stored in message order, so a user who reconnects never gets a
  // later message's mention replayed before an earlier one's (they would otherwise race in the background).
  const previous = mentionChains.get(ctx) ?? Promise.resolve();
  // A room the user set to `none` (or `mentions`, for a plain message) makes no notification at all.
  const wanted: Wanted = (ids, kind) => wantNotified(ctx.store.reads, ids, message.room, kind);
  const next = previous
    .then(async () => {
      const mentioned =
        sites.length > 0
          ? await notifyMentions(
              ctx.push.notifier,
              message,
              () => privateMembers(ctx, message.room),
              wanted,
              sites,
            )
          : [];
      // One notification per message per user: a mention in a DM already says it.
      if (dm) await notifyDm(ctx.push.notifier, message, mentioned, wanted);
    })
    .catch((err: unknown) => {
      ctx.log.error({ err, message: message.id }, "message notifications failed");
    });
  mentionChains.set(ctx, ctx.background.track(next));
}

const mentionChains = new WeakMap<ServerContext, Promise<void>>();

/** A private room's members (only they may be mentioned in it); undefined for any other room. */
async function privateMembers(ctx: ServerContext, room: string): Promise<string[] | undefined> {
  const { access } = ctx.store;
  return (await access.privateRoom(room)) ? await access.members(room) : undefined;
}
