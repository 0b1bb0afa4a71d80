import { dmParticipants, isDmRoom, type ClientMessageOf, type DmSummary } from "@duplex/protocol";
import type { Connection } from "../connection/Connection.js";
import type { ServerContext } from "../context.js";
import { userOf } from "./access.js";

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
 * `rooms` → the public directory with online counts plus the asker's DMs and saved rooms (joined on
 * any device and not left, and the one last open); the socket then receives
 * `room_update` pushes (protocol [R7]).
 */
export async function handleRooms(
  ctx: ServerContext,
  conn: Connection,
  msg: ClientMessageOf<"rooms">,
): Promise<void> {
  const user = userOf(conn);
  const [rooms, counts, saved] = await Promise.all([
    ctx.store.listRooms(),
    ctx.presence.counts(),
    ctx.store.savedRooms.list(user.id),
  ]);
  conn.send({
    type: "rooms",
    ...(msg.ref !== undefined && { ref: msg.ref }),
    rooms: rooms
      .filter((r) => !isDmRoom(r.room))
      .map((r) => ({ room: r.room, online: counts.get(r.room) ?? 0, seq: r.seq })),
    dms: await dmsOf(ctx, user.id, counts),
    joined: saved.rooms,
    ...(saved.open !== undefined && { open: saved.open }),
  });
  ctx.chat.directory.watch(conn);
}
