import { Capability, ErrorCode, LIMITS, type ClientMessageOf } from "@duplex/protocol";
import type { Finish } from "../connection/FrameQueue.js";
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
import { replyToFailure } from "./replyToFailure.js";
import { withMessageExtras } from "./reactions.js";
import { assertThreadSend, linkedThread } from "../threads/threadSend.js";

/**
 * Persist, then ack, then fan out. The ack is only sent once the message is committed, so an acked
 * message survives a crash. A repeated `cid` is acked again with the original id/seq/ts and not re-sent.
 * The checks run and the append is submitted now, in frame order (with the reply and thread links it
 * asks for: the store writes them with it); the returned finish (`finishSend`) is run by the peer's
 * queue after the commit, in the same order, while the socket's next frames are already read
 * (FrameQueue.ts): a burst of sends from one socket then commits together with everyone else's sends
 * of that turn (store/groupCommit.ts). A refusal is answered in turn too, after the sends before it.
 */
export function handleSend(ctx: ServerContext, conn: Peer, msg: ClientMessageOf<"send">): Finish {
  let stored: Promise<AppendResult>;
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
    const now = ctx.now();
    stored = ctx.store.append({
      room: msg.room,
      userId: user.id,
      userName: user.name,
      cid: msg.cid,
      text: msg.text,
      id: newMessageId(now),
      ts: now,
      ...(msg.replyTo !== undefined && { replyTo: msg.replyTo }),
      ...(msg.thread !== undefined && {
        thread: { rootId: msg.thread, alsoToRoom: msg.alsoToRoom === true },
      }),
    });
  } catch (err) {
    stored = Promise.reject(err);
  }
  // Handled now: a failed commit must not count as unhandled while earlier sends finish.
  stored.catch(ignore);
  return () => finishSend(ctx, conn, msg, stored);
}

function ignore(): void {}

/** Every valid text fits (see `LIMITS.maxTextBytes`); this guards the store if the schema ever drifts. */
export function assertTextBytes(text: string): void {
  if (Buffer.byteLength(text) > LIMITS.maxTextBytes) {
    throw new DuplexError(ErrorCode.TooLarge, `text over ${LIMITS.maxTextBytes} UTF-8 bytes`);
  }
}

/**
 * After the commit: the ack, then the after-commit list (the publish first). Peers finish on their
 * own queues, so one room's publishes can leave a few microtasks out of seq order; the room's
 * sequencer puts them back in order as it does across nodes (fanout/roomSequencer.ts), without a
 * store read.
 */
async function finishSend(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"send">,
  stored: Promise<AppendResult>,
): Promise<void> {
  try {
    const { message, duplicate, replyTo, thread } = await stored;
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
    const linked = linkedThread(thread, msg);
    await ctx.afterCommit.run({ message, frame, ...(linked !== undefined && { thread: linked }) });
  } catch (err) {
    replyToFailure(conn, msg, err);
  }
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
