import {
  Capability,
  LIMITS,
  dmParticipants,
  type ClientMessageOf,
  type DmSummary,
} from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { userOf } from "./access.js";
import { roomsReadStates } from "./reads.js";

/** The asker's DM rooms, each with the other participant (as last seen by the store). */
async function dmsOf(ctx: ServerContext, userId: string, counts: Map<string, number>) {
  const rooms = await ctx.store.listDmRooms(userId);
  const dms: DmSummary[] = [];
  for (const r of rooms) {
    const otherId = dmParticipants(r.room)?.find((id) => id !== userId) ?? userId;
    const other = await ctx.store.getUser(otherId);
    if (!other) continue;
    dms.push({ room: r.room, user: other, online: counts.get(r.room) ?? 0, seq: r.seq });
  }
  return dms;
}

/**
 * One page of the directory (public rooms and the private rooms the asker is a member of), and the
 * name to continue after when more follow.
 */
async function publicRooms(ctx: ServerContext, conn: Peer, msg: ClientMessageOf<"rooms">) {
  const viewer = userOf(conn).id;
  if (!conn.caps.has(Capability.RoomsPaged)) {
    // A v1 client reads the reply as the whole directory: give it all, which the total cap bounds.
    const all = await ctx.store.listPublicRooms({ limit: roomCap(ctx), viewer });
    return { rooms: all, next: undefined };
  }
  const limit = msg.limit ?? LIMITS.roomsPageSize;
  const page = await ctx.store.listPublicRooms({
    ...(msg.after !== undefined && { after: msg.after }),
    ...(msg.query !== undefined && msg.query.trim() !== "" && { query: msg.query.trim() }),
    limit: limit + 1,
    viewer,
  });
  const more = page.length > limit;
  const rooms = more ? page.slice(0, limit) : page;
  return { rooms, next: more ? rooms.at(-1)?.room : undefined };
}

function roomCap(ctx: ServerContext): number {
  const cap = ctx.config.limits.rooms.maxTotal;
  return cap > 0 ? cap : Number.MAX_SAFE_INTEGER;
}

/**
 * `rooms` → the public directory with online counts plus the asker's DMs and saved rooms (joined on
 * any device and not left, and the one last open, with `saved_rooms`); the socket then receives `room_update` pushes
 * (protocol [R7]). With `rooms_paged`, one page (DMs and saved rooms on the first only).
 */
export async function handleRooms(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"rooms">,
): Promise<void> {
  const user = userOf(conn);
  const [{ rooms, next }, counts] = await Promise.all([
    publicRooms(ctx, conn, msg),
    ctx.presence.counts(),
  ]);
  const firstPage = msg.after === undefined || !conn.caps.has(Capability.RoomsPaged);
  // `joined`/`open` are outside a v1 reader's strict `rooms`: only sockets that asked get them.
  const wantsSaved = firstPage && conn.caps.has(Capability.SavedRooms);
  const saved = wantsSaved ? await ctx.store.savedRooms.list(user.id) : undefined;
  const reads = firstPage ? await roomsReadStates(ctx, conn) : undefined;
  conn.send({
    type: "rooms",
    ...(msg.ref !== undefined && { ref: msg.ref }),
    rooms: rooms.map((r) => ({ room: r.room, online: counts.get(r.room) ?? 0, seq: r.seq })),
    ...(firstPage && { dms: await dmsOf(ctx, user.id, counts) }),
    ...(saved && { joined: saved.rooms }),
    ...(saved?.open !== undefined && { open: saved.open }),
    ...(next !== undefined && { next }),
    ...(reads && { reads }),
  });
  ctx.chat.directory.watch(conn);
}
