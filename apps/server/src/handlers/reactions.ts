import {
  Capability,
  ErrorCode,
  type ChatMessage,
  type ClientMessageOf,
  type ServerMessageOf,
} from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import { assertMayAccess, assertMaySpeak, userOf } from "./access.js";
import { withThreadExtras } from "../threads/threadExtras.js";

/**
 * `react` → `reaction`. Any message the user may read (as `history`: public rooms without joining,
 * DMs and private rooms only to their people); a muted user may not react, since a reaction is seen
 * by the whole room like a message. Idempotent: a repeat answers the same count and is not broadcast.
 * The frame is charged to the user's write budget (rateLimiter `PERSISTING`); a new reaction also to
 * the storage budget.
 */
export async function handleReact(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"react">,
): Promise<void> {
  if (!conn.caps.has(Capability.Reactions)) {
    throw new DuplexError(ErrorCode.InvalidMessage, "react needs the reactions capability");
  }
  const user = userOf(conn);
  await assertMayAccess(ctx.store, user, msg.room);
  assertMaySpeak(ctx, conn, msg.room);
  if (msg.on) ctx.budgets.chargeStorage(user.id, conn.address, msg.emoji, ctx.now());
  const result = await ctx.store.reactions.toggleReaction({
    room: msg.room,
    messageId: msg.messageId,
    userId: user.id,
    emoji: msg.emoji,
    on: msg.on,
    at: ctx.now(),
    user,
  });
  if (result.status === "not_found") {
    throw new DuplexError(ErrorCode.NotFound, `no message ${msg.messageId} in ${msg.room}`);
  }
  if (result.status === "too_many") {
    throw new DuplexError(ErrorCode.TooLarge, "too many reactions on this message");
  }
  const event: ServerMessageOf<"reaction"> = {
    type: "reaction",
    room: msg.room,
    messageId: msg.messageId,
    emoji: msg.emoji,
    user,
    on: msg.on,
    count: result.count,
  };
  // Sockets granted `changes` keep a change cursor: theirs carries the change's seq.
  const { changeSeq } = result;
  const logged = changeSeq === undefined ? event : { ...event, changeSeq };
  const mine = conn.caps.has(Capability.Changes) ? logged : event;
  conn.send({ ...mine, ...(msg.ref !== undefined && { ref: msg.ref }) });
  if (!result.changed) return;
  const others = { exceptConnection: conn.id, onlyCap: Capability.Reactions };
  if (changeSeq === undefined) {
    await ctx.fanout.publish(msg.room, event, others);
    return;
  }
  await ctx.fanout.publish(msg.room, logged, { ...others, alsoCap: Capability.Changes });
  await ctx.fanout.publish(msg.room, event, { ...others, exceptCap: Capability.Changes });
}

/**
 * Messages as `conn` may read them: with their reactions for a socket granted `reactions`, and with
 * the quoted original for one granted `replies`. Others get the messages as they are.
 */
export async function withMessageExtras(
  ctx: ServerContext,
  conn: Peer,
  messages: ChatMessage[],
): Promise<ChatMessage[]> {
  return withThreadExtras(ctx, conn, await withReactionsAndReplies(ctx, conn, messages));
}

async function withReactionsAndReplies(
  ctx: ServerContext,
  conn: Peer,
  messages: ChatMessage[],
): Promise<ChatMessage[]> {
  const wantsReactions = conn.caps.has(Capability.Reactions);
  const wantsReplies = conn.caps.has(Capability.Replies);
  if (messages.length === 0 || (!wantsReactions && !wantsReplies)) return messages;
  const ids = messages.map((m) => m.id);
  const [reactions, replies] = await Promise.all([
    wantsReactions ? ctx.store.reactions.reactionSummaries(ids, userOf(conn).id) : undefined,
    wantsReplies ? ctx.store.replies.replyRefs(ids) : undefined,
  ]);
  return messages.map((m) => {
    const summary = reactions?.get(m.id);
    const replyTo = replies?.get(m.id);
    if (!summary && !replyTo) return m;
    return {
      ...m,
      ...(summary !== undefined && { reactions: summary }),
      ...(replyTo !== undefined && { replyTo }),
    };
  });
}
