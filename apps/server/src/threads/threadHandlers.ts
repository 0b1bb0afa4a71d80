import { Capability, ErrorCode, LIMITS, type ClientMessageOf, type User } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import { assertMayAccess, userOf, withGuestAuthors } from "../handlers/access.js";
import { withMessageExtras } from "../handlers/reactions.js";
import { receiptsOf } from "../receipts/receiptsState.js";

/** The user asking about a thread in `msg.room`: granted `threads`, and a reader of the room. */
async function threadReader(
  ctx: ServerContext,
  conn: Peer,
  msg: { type: string; room: string },
): Promise<User> {
  if (!conn.caps.has(Capability.Threads)) {
    throw new DuplexError(ErrorCode.InvalidMessage, `${msg.type} needs the threads capability`);
  }
  const user = userOf(conn);
  await assertMayAccess(ctx.store, user, msg.room);
  return user;
}

/**
 * `thread` → one page of a thread. Readable wherever `history` is (public rooms without joining,
 * DMs and private rooms only to their people), and charged to the same read budget by the rows
 * it returns.
 */
export async function handleThread(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"thread">,
): Promise<void> {
  const user = await threadReader(ctx, conn, msg);
  const limit = msg.limit ?? LIMITS.joinedPageSize;
  const rows = limit + 1;
  ctx.budgets.reserveRows(user.id, conn.address, rows, ctx.now());
  const root = await ctx.store.threads.root(msg.room, msg.root);
  if (!root) {
    ctx.budgets.refundRows(user.id, conn.address, rows, ctx.now());
    throw new DuplexError(ErrorCode.NotFound, `no message ${msg.root} in ${msg.room}`);
  }
  const page = await ctx.store.threads.replies(msg.root, limit, msg.before);
  ctx.budgets.refundRows(user.id, conn.address, limit - page.messages.length, ctx.now());
  const read = await ctx.store.threads.readState(user.id, msg.root);
  const [first, ...replies] = await withMessageExtras(
    ctx,
    conn,
    await withGuestAuthors(ctx, conn, [root, ...page.messages]),
  );
  conn.send({
    type: "thread",
    ...(msg.ref !== undefined && { ref: msg.ref }),
    room: msg.room,
    root: first ?? root,
    replies,
    hasMore: page.hasMore,
    read: { seq: read.seq, unread: read.unread },
  });
}

/**
 * `thread_read {room, root, seq}`: moves the user's thread cursor forward (at most to the room's
 * head); the first one follows the thread. When it moved, every socket of the user granted `threads`
 * (this one too) gets `thread_read` with what is left unread. Charged like `read`.
 */
export async function handleThreadRead(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"thread_read">,
): Promise<void> {
  const user = await threadReader(ctx, conn, msg);
  receiptsOf(ctx).charge(user.id);
  const [room, root] = await Promise.all([
    ctx.store.getRoom(msg.room),
    ctx.store.threads.root(msg.room, msg.root),
  ]);
  if (!room || !root) throw new DuplexError(ErrorCode.NotFound, `no message ${msg.root}`);
  const seq = Math.min(msg.seq, room.seq);
  if (!(await ctx.store.threads.advance(user.id, msg.room, msg.root, seq, ctx.now()))) return;
  const state = await ctx.store.threads.readState(user.id, msg.root);
  await ctx.push.users.publish(
    [user.id],
    { type: "thread_read", room: msg.room, root: msg.root, seq: state.seq, unread: state.unread },
    { onlyCap: Capability.Threads },
  );
}
