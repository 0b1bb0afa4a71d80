import { Capability, ErrorCode, LIMITS, type ClientMessageOf } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import { newMessageId } from "../ids/messageId.js";
import type { AppendResult } from "../store/Store.js";
import {
  assertJoined,
  assertMayAccess,
  assertMaySpeak,
  userOf,
  withGuestAuthors,
} from "./access.js";
import { CommitOrder, type Turn } from "./commitOrder.js";
import { replyToFailure } from "./replyToFailure.js";
import { linkReply, withMessageExtras } from "./reactions.js";
import { assertThreadSend, linkThread } from "../threads/threadSend.js";

/**
 * Persist, then ack, then fan out. The ack is only sent once the message is committed, so an acked
 * message survives a crash. A repeated `cid` is acked again with the original id/seq/ts and not re-sent.
 * The append is submitted now, in frame order; the rest runs after the commit, in the same order, while
 * the socket's next frames are already read (FrameQueue.finish): a burst of sends from one socket
 * then commits together with everyone else's sends of that turn (store/groupCommit.ts).
 */
export async function handleSend(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"send">,
): Promise<void> {
  const order = commitOrderOf(ctx);
  let turn: Turn | undefined;
  const stored = submitSend(ctx, conn, msg, () => (turn = order.reserve(msg.room)));
  // Handled now: a failed commit must not count as unhandled while earlier sends finish.
  stored.catch(() => undefined);
  conn.frames.finish(async () => {
    try {
      await finishSend(ctx, conn, msg, await stored, (publish) =>
        turn ? order.publish(msg.room, turn, publish) : publish(),
      );
    } catch (err) {
      replyToFailure(conn, msg, err);
    } finally {
      // Refused, failed or a duplicate: the room's later messages must not wait for this one.
      if (turn) order.skip(msg.room, turn);
    }
  });
}

const commitOrders = new WeakMap<ServerContext, CommitOrder>();

function commitOrderOf(ctx: ServerContext): CommitOrder {
  let order = commitOrders.get(ctx);
  if (!order) {
    order = new CommitOrder();
    commitOrders.set(ctx, order);
  }
  return order;
}

/** Every valid text fits (see `LIMITS.maxTextBytes`); this guards the store if the schema ever drifts. */
export function assertTextBytes(text: string): void {
  if (Buffer.byteLength(text) > LIMITS.maxTextBytes) {
    throw new DuplexError(ErrorCode.TooLarge, `text over ${LIMITS.maxTextBytes} UTF-8 bytes`);
  }
}

/** Checks and submits the append; a refusal too is answered in turn, after the sends before it. */
function submitSend(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"send">,
  /** Called right before the append is submitted: the message's place in its room's order. */
  reserve: () => void,
): Promise<AppendResult> {
  try {
    const user = userOf(conn);
    assertJoined(conn, msg.room);
    assertMaySpeak(ctx, conn, msg.room);
    assertTextBytes(msg.text);
    if (msg.replyTo !== undefined && !conn.caps.has(Capability.Replies)) {
      throw new DuplexError(ErrorCode.InvalidMessage, "replyTo needs the replies capability");
    }
    assertThreadSend(conn, msg);
    ctx.budgets.chargeStorage(user.id, conn.address, msg.text, ctx.now());
    reserve();
    const now = ctx.now();
    return ctx.store.append({
      room: msg.room,
      userId: user.id,
      userName: user.name,
      cid: msg.cid,
      text: msg.text,
      id: newMessageId(now),
      ts: now,
    });
  } catch (err) {
    return Promise.reject(err);
  }
}

async function finishSend(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"send">,
  { message, duplicate }: AppendResult,
  /** Runs the fan-out in the message's commit order (see commitOrder.ts). */
  inOrder: (publish: () => Promise<void>) => Promise<void>,
): Promise<void> {
  // Linked before the ack (again on a re-send: a no-op), so an acked reply keeps its quote.
  const replyTo =
    msg.replyTo === undefined ? undefined : await linkReply(ctx, message, msg.replyTo);
  const thread =
    msg.thread === undefined
      ? undefined
      : await linkThread(ctx, message, msg.thread, msg.alsoToRoom === true);
  conn.send({
    type: "ack",
    ...(msg.ref !== undefined && { ref: msg.ref }),
    room: message.room,
    cid: message.cid,
    id: message.id,
    seq: message.seq,
    ts: message.ts,
  });
  if (duplicate) return;
  // A guest author is marked (the sender's own user says so); older clients read it unmarked.
  const from = userOf(conn).guest === true ? { ...message.from, guest: true } : message.from;
  const frame = {
    type: "message" as const,
    ...message,
    from,
    ...(replyTo !== undefined && { replyTo }),
  };
  // The publish runs in the message's commit order; the steps after it do not hold the room back.
  await ctx.afterCommit.run({ message, frame, ...(thread !== undefined && { thread }) }, inOrder);
}

/**
 * Older pages for scroll-back. Public rooms are readable without joining; DMs only by participants,
 * private rooms only by members.
 */
export async function handleHistory(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"history">,
): Promise<void> {
  const user = userOf(conn);
  await assertMayAccess(ctx.store, user, msg.room);
  const limit = msg.limit ?? LIMITS.joinedPageSize;
  // Charged by the rows it returns, to the user and the address: pages of long messages are the
  // costliest read there is, and many sockets must not multiply it.
  ctx.budgets.reserveRows(user.id, conn.address, limit, ctx.now());
  const page = await ctx.store.page(msg.room, limit, msg.before);
  ctx.budgets.refundRows(user.id, conn.address, limit - page.messages.length, ctx.now());
  conn.send({
    type: "history",
    ...(msg.ref !== undefined && { ref: msg.ref }),
    room: msg.room,
    messages: await withMessageExtras(ctx, conn, await withGuestAuthors(ctx, conn, page.messages)),
    hasMore: page.hasMore,
  });
}
