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
import type { StoredMessage, Turn } from "../afterCommit/AfterCommit.js";
import { replyToFailure } from "./replyToFailure.js";
import { linkReply, withMessageExtras } from "./reactions.js";
import { assertThreadSend, linkThread } from "../threads/threadSend.js";

/**
 * Persist, then ack, then fan out. The ack is only sent once the message is committed, so an acked
 * message survives a crash. A repeated `cid` is acked again with the original id/seq/ts and not re-sent.
 * The checks run and the append is submitted now, in frame order, with the message's place in its
 * room's publish order (`afterCommit.reserve`); the returned finish (`finishSend`) is run by the
 * peer's queue after the commit, in the same order, while the socket's next frames are already read
 * (FrameQueue.ts): a burst of sends from one socket then commits together with everyone else's sends
 * of that turn (store/groupCommit.ts). A refusal is answered in turn too, after the sends before it.
 */
export function handleSend(ctx: ServerContext, conn: Peer, msg: ClientMessageOf<"send">): Finish {
  let turn: Turn<StoredMessage> | undefined;
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
    turn = ctx.afterCommit.reserve(msg.room);
    const now = ctx.now();
    stored = ctx.store.append({
      room: msg.room,
      userId: user.id,
      userName: user.name,
      cid: msg.cid,
      text: msg.text,
      id: newMessageId(now),
      ts: now,
    });
  } catch (err) {
    stored = Promise.reject(err);
  }
  // Handled now: a failed commit must not count as unhandled while earlier sends finish.
  stored.catch(ignore);
  return () => finishSend(ctx, conn, msg, stored, turn);
}

function ignore(): void {}

/** Every valid text fits (see `LIMITS.maxTextBytes`); this guards the store if the schema ever drifts. */
export function assertTextBytes(text: string): void {
  if (Buffer.byteLength(text) > LIMITS.maxTextBytes) {
    throw new DuplexError(ErrorCode.TooLarge, `text over ${LIMITS.maxTextBytes} UTF-8 bytes`);
  }
}

/** After the commit: the ack, then the after-commit list with the publish in the message's turn. */
async function finishSend(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"send">,
  stored: Promise<AppendResult>,
  turn: Turn<StoredMessage> | undefined,
): Promise<void> {
  try {
    const { message, duplicate } = await stored;
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
    if (duplicate) {
      // The room's later messages must not wait for one that is not published again.
      if (turn) ctx.afterCommit.skip(turn);
      return;
    }
    // A guest author is marked (the sender's own user says so); older clients read it unmarked.
    const from = userOf(conn).guest === true ? { ...message.from, guest: true } : message.from;
    const frame = {
      type: "message" as const,
      ...message,
      from,
      ...(replyTo !== undefined && { replyTo }),
    };
    // The publish runs in the message's turn; the steps after it do not hold the room back.
    await ctx.afterCommit.run({ message, frame, ...(thread !== undefined && { thread }) }, turn);
  } catch (err) {
    // Refused or failed: the room's later messages must not wait for this one.
    if (turn) ctx.afterCommit.skip(turn);
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
