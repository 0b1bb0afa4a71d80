import {
  Capability,
  ErrorCode,
  LIMITS,
  dmParticipants,
  isDmRoom,
  type ClientMessageOf,
  type Reader,
  type ReadState,
} from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import { receiptAudience, receiptsOf } from "../receipts/receiptsState.js";
import type { UserPrefs } from "../store/ReadStore.js";
import { assertMayAccess, joinedUser, userOf } from "./access.js";

/** Most rooms a `rooms` reply lists read state for. */
const MAX_READS_LISTED = 200;

/**
 * `read {room, seq}`: moves the user's cursor forward (never back; at most to the room's head). When
 * it moved, every socket of the user (this one too) gets `read_cursor` with the unread count left,
 * and — when the user shares receipts — the room's small audience gets a coalesced `seen`.
 */
export async function handleRead(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"read">,
): Promise<void> {
  const user = joinedUser(conn, msg.room);
  const receipts = receiptsOf(ctx);
  receipts.charge(user.id);
  const room = await ctx.store.getRoom(msg.room);
  if (!room) throw new DuplexError(ErrorCode.NotFound, `no room ${msg.room}`);
  const cursor = await ctx.store.reads.advance(
    user.id,
    msg.room,
    Math.min(msg.seq, room.seq),
    ctx.now(),
  );
  if (!cursor.moved) return;
  const unread = await ctx.store.reads.unread(user.id, msg.room, cursor.seq, LIMITS.maxUnreadCount);
  await ctx.push.users.publish(
    [user.id],
    { type: "read_cursor", room: msg.room, seq: cursor.seq, unread },
    { onlyCap: Capability.ReadReceipts },
  );
  if ((await ctx.store.reads.sharing([user.id])).has(user.id)) {
    receipts.seen.read(msg.room, user, cursor.seq);
  }
}

/** The `prefs` frame for `prefs` (with `ref` when it answers this socket's `set_prefs`). */
function prefsFrame(prefs: UserPrefs, ref?: string) {
  return { type: "prefs" as const, ...(ref !== undefined && { ref }), ...prefs };
}

/**
 * `set_prefs`: applies the change, answers `prefs`, and syncs it to the user's other sockets. A room
 * level is accepted only for a room the user may read.
 */
export async function handleSetPrefs(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"set_prefs">,
): Promise<void> {
  const user = userOf(conn);
  receiptsOf(ctx).charge(user.id);
  for (const { room } of msg.rooms ?? []) await assertMayAccess(ctx.store, user, room);
  let prefs: UserPrefs;
  try {
    prefs = await ctx.store.reads.setPrefs(user.id, {
      ...(msg.shareReceipts !== undefined && { shareReceipts: msg.shareReceipts }),
      ...(msg.dndUntil !== undefined && { dndUntil: msg.dndUntil }),
      ...(msg.rooms !== undefined && { rooms: msg.rooms }),
    });
  } catch (err) {
    if (err instanceof RangeError) throw new DuplexError(ErrorCode.InvalidMessage, err.message);
    throw err;
  }
  conn.send(prefsFrame(prefs, msg.ref));
  await ctx.push.users.publish([user.id], prefsFrame(prefs), {
    exceptConnection: conn.id,
    onlyCap: Capability.ReadReceipts,
  });
}

/** Right after `welcome`, to a socket granted `read_receipts`: the user's preferences. */
export async function sendPrefsOnWelcome(ctx: ServerContext, conn: Peer): Promise<void> {
  if (!conn.caps.has(Capability.ReadReceipts)) return;
  conn.send(prefsFrame(await ctx.store.reads.prefs(userOf(conn).id)));
}

/**
 * What `joined` adds for a socket granted `read_receipts`: the user's cursor and unread count, and —
 * when the user shares receipts and the room is small — the other members' cursors.
 */
export async function joinedReadFields(
  ctx: ServerContext,
  conn: Peer,
  room: string,
): Promise<{ read?: Omit<ReadState, "room">; readers?: Reader[] }> {
  if (!conn.caps.has(Capability.ReadReceipts)) return {};
  const user = userOf(conn);
  const seq = (await ctx.store.reads.readersOf(room, [user.id])).get(user.id) ?? 0;
  const unread = await ctx.store.reads.unread(user.id, room, seq, LIMITS.maxUnreadCount);
  if (!(await ctx.store.reads.sharing([user.id])).has(user.id)) return { read: { seq, unread } };
  const others = await receiptAudience(ctx, room, user.id);
  const readers: Reader[] = [];
  for (const [id, at] of await ctx.store.reads.readersOf(room, others)) {
    const other = await ctx.store.getUser(id);
    if (other) readers.push({ user: other, seq: at });
  }
  return { read: { seq, unread }, readers };
}

/**
 * `rooms.reads` for a socket granted `read_receipts`: the user's cursor and unread count in every
 * room they have a cursor in and in each of their DMs (a DM never opened counts all of it).
 */
export async function roomsReadStates(
  ctx: ServerContext,
  conn: Peer,
): Promise<ReadState[] | undefined> {
  if (!conn.caps.has(Capability.ReadReceipts)) return undefined;
  const user = userOf(conn);
  const cursors = await ctx.store.reads.cursors(user.id);
  for (const dm of await ctx.store.listDmRooms(user.id)) {
    if (!cursors.has(dm.room) && dmParticipants(dm.room)?.includes(user.id))
      cursors.set(dm.room, 0);
  }
  const reads: ReadState[] = [];
  for (const [room, seq] of cursors) {
    if (reads.length >= MAX_READS_LISTED) break;
    if (!isDmRoom(room) && seq === 0) continue;
    const unread = await ctx.store.reads.unread(user.id, room, seq, LIMITS.maxUnreadCount);
    reads.push({ room, seq, unread });
  }
  return reads;
}
