import {
  Capability,
  ErrorCode,
  LIMITS,
  dmParticipants,
  isDmRoom,
  type ChatMessage,
  type ClientMessageOf,
  type StreamPosition,
  type User,
} from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { sendJoined } from "../connection/joinedFrame.js";
import { DuplexError } from "../errors.js";
import type { MessagePage, RoomState } from "../store/Store.js";
import { assertMayAccess, joinedUser, userOf, withGuestAuthors } from "./access.js";
import { changesOwed, sendReplay } from "./changeReplay.js";
import type { ChangeRow } from "../store/changeLog.js";
import { joinedReadFields } from "./reads.js";
import { withMessageExtras } from "./reactions.js";

type Catchup = MessagePage & { recovered?: boolean };

/**
 * What `joined` carries. With `since` in the room's current epoch and at most `maxResumeGap` behind:
 * exactly the messages after it (`recovered: true`). Otherwise the latest page, and `recovered: false`
 * tells a resuming client to drop what it holds for the room.
 */
async function catchup(
  ctx: ServerContext,
  room: RoomState,
  since: StreamPosition | undefined,
): Promise<Catchup> {
  if (since === undefined) return latestPage(ctx, room);
  const gap = room.seq - since.seq;
  if (since.epoch === room.epoch && gap >= 0 && gap <= LIMITS.maxResumeGap) {
    const messages =
      gap === 0 ? [] : await ctx.store.after(room.room, since.seq, LIMITS.maxResumeGap);
    return { messages, hasMore: since.seq > 0, recovered: true };
  }
  return { ...(await latestPage(ctx, room)), recovered: false };
}

/**
 * The room's latest page. A room whose `seq` is 0 never stored a message (seqs only grow, in the
 * append's transaction), so its page is empty without a query: in a join storm on a new room that
 * read was a tenth of the join's store time.
 */
function latestPage(ctx: ServerContext, room: RoomState): Promise<MessagePage> | MessagePage {
  if (room.seq === 0) return { messages: [], hasMore: false };
  return ctx.store.page(room.room, LIMITS.joinedPageSize);
}

/**
 * Who `joined` lists. A v1 socket: every member, as v1 promised. A `member_pages` socket: the count and
 * one page, most useful first — the joiner, their DM partners, the authors of the page's messages
 * (newest first), then the latest joiners — so a join costs O(page), not O(room) ([R11]). `dms`: the
 * user's DM rooms (read with the room, `JoinReads`).
 */
async function memberList(
  ctx: ServerContext,
  conn: Peer,
  room: string,
  messages: readonly ChatMessage[],
  dms: readonly RoomState[],
): Promise<{ members: User[]; memberCount?: number }> {
  if (!conn.caps.has(Capability.MemberPages)) {
    return { members: await ctx.presence.members(room) };
  }
  const user = userOf(conn);
  const prefer = [user.id];
  for (const dm of dms) {
    const other = dmParticipants(dm.room)?.find((id) => id !== user.id);
    if (other !== undefined) prefer.push(other);
  }
  for (let i = messages.length - 1; i >= 0; i--) prefer.push((messages[i] as ChatMessage).from.id);
  const [members, memberCount] = await Promise.all([
    ctx.presence.firstPage(room, prefer, LIMITS.membersPageSize),
    ctx.presence.count(room),
  ]);
  return { members, memberCount };
}

/** The room, created if it does not exist yet: a creation is charged to the user and the address. */
async function openRoom(ctx: ServerContext, conn: Peer, name: string): Promise<RoomState> {
  const existing = await ctx.store.getRoom(name);
  if (existing) return existing;
  await ctx.budgets.rooms.charge(userOf(conn).id, conn.address, ctx.now(), () =>
    ctx.store.countRooms(),
  );
  return ctx.store.ensureRoom(name);
}

export async function handleJoin(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"join">,
): Promise<void> {
  const user = userOf(conn);
  await assertMayAccess(ctx.store, user, msg.room);
  // A room with sockets on this node exists (the janitor keeps every room someone is in), so only the
  // re-read below reads it: in a join storm, every join but the first skips a read.
  const opened = ctx.fanout.hasLocal(msg.room) ? undefined : await openRoom(ctx, conn, msg.room);
  // Subscribed before the page is read, so nothing appended in between is missed.
  const entry = await ctx.membership.enter(conn, user, msg.room);
  // Remembered until an explicit `leave`, so the room comes back on the user's next connect anywhere;
  // DMs are listed from their own table (`rooms.dms`). Not awaited: `joined` does not depend on it
  // (a failed write is logged, never refused), and the store orders the user's later `leave`,
  // `open` and `rooms` after it, so a join storm's rows can share commits (SqliteSavedRooms).
  if (entry.entered && !isDmRoom(msg.room)) {
    void rememberBestEffort(conn, () =>
      ctx.store.savedRooms.add(user.id, msg.room, ctx.now(), LIMITS.maxSavedRooms),
    );
  }
  // Re-read: `seq` must cover every message the page can hold. A `member_pages` socket's DM
  // partners lead its page: its DM rooms come in the same statement (one read lock, one round trip).
  const pages = conn.caps.has(Capability.MemberPages);
  const reread = pages
    ? await ctx.store.joinReads.roomAndDms(msg.room, user.id)
    : { room: await ctx.store.getRoom(msg.room), dms: [] };
  // Gone meanwhile (collected between the janitor's presence read and its delete): it existed when
  // this join began, so it is restored, not charged as a new room (a refusal now would leave the
  // peer entered in a room it was never told it joined).
  const current = reread.room ?? opened ?? (await ctx.store.ensureRoom(msg.room));
  // Read before the page: a change made in between is both in the page and replayed (idempotent).
  const withChanges = conn.caps.has(Capability.Changes);
  const changeSeq = withChanges ? await ctx.store.changes.head(msg.room) : undefined;
  let { messages, hasMore, recovered } = await catchup(ctx, current, msg.since);
  let replay: ChangeRow[] = [];
  if (recovered === true && msg.since !== undefined) {
    const since = withChanges ? msg.changesSince : undefined;
    const owed = await changesOwed(ctx, msg.room, msg.since, since);
    if (owed === "too_many") {
      ({ messages, hasMore } = await ctx.store.page(msg.room, LIMITS.joinedPageSize));
      recovered = false;
    } else replay = owed;
  }
  const { members, memberCount } = await memberList(ctx, conn, msg.room, messages, reread.dms);
  // Members spliced in as each user's cached JSON (joinedFrame.ts): the same text as encoding them here.
  sendJoined(
    conn,
    {
      type: "joined",
      ...(msg.ref !== undefined && { ref: msg.ref }),
      room: msg.room,
      members: [],
      ...(memberCount !== undefined && { memberCount }),
      messages: await withMessageExtras(ctx, conn, await withGuestAuthors(ctx, conn, messages)),
      seq: Math.max(current.seq, messages.at(-1)?.seq ?? 0),
      epoch: current.epoch,
      hasMore,
      ...(recovered !== undefined && { recovered }),
      ...(await joinedReadFields(ctx, conn, msg.room)),
      ...(changeSeq !== undefined && { changeSeq }),
    },
    members,
  );
  // After `joined`, before the live frames buffered while joining.
  sendReplay(conn, replay);
  ctx.membership.joined(conn, user, entry);
}

/**
 * Saved rooms are a convenience: a store that cannot write (full disk, database down) must not turn a
 * join or leave that happened into an error, so the write is logged and skipped.
 */
async function rememberBestEffort(conn: Peer, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    conn.log.warn(
      { err: err instanceof Error ? err.message : String(err) },
      "saved rooms not updated",
    );
  }
}

/** A removed member's socket: out of the room, and told so with an unasked `left`. */
export async function evictFromRoom(ctx: ServerContext, conn: Peer, room: string): Promise<void> {
  await ctx.membership.leave(conn, userOf(conn), room);
  conn.send({ type: "left", room });
}

export async function handleLeave(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"leave">,
): Promise<void> {
  if (!conn.rooms.has(msg.room)) {
    throw new DuplexError(ErrorCode.NotJoined, `${msg.room} was not joined`);
  }
  await ctx.membership.leave(conn, userOf(conn), msg.room);
  await rememberBestEffort(conn, () => ctx.store.savedRooms.remove(userOf(conn).id, msg.room));
  conn.send({ type: "left", ...(msg.ref !== undefined && { ref: msg.ref }), room: msg.room });
}

/** `open`: remembers the room on screen, so the user's next `rooms` (on any device) names it. */
export async function handleOpen(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"open">,
): Promise<void> {
  await ctx.store.savedRooms.open(joinedUser(conn, msg.room).id, msg.room, ctx.now());
}

/** Relayed to the other members only; volatile, never stored; throttled per user and room. */
export async function handleTyping(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"typing">,
): Promise<void> {
  const user = joinedUser(conn, msg.room);
  // A muted user's typing would announce words nobody will see.
  if (ctx.moderation.mutes.mutedUntil(user.id, msg.room) !== undefined) return;
  if (!ctx.chat.typing.allow(user.id, msg.room)) return;
  await ctx.fanout.publish(
    msg.room,
    { type: "typing", room: msg.room, user },
    { exceptUser: user.id, volatile: true },
  );
}
