import { Capability, ErrorCode, LIMITS, type ClientMessageOf } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import { usersFor } from "../connection/guestMarks.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import { assertJoined, userOf } from "./access.js";

/** Member pages and watches are a `member_pages` feature: an older client never sends them. */
function assertMemberPages(conn: Peer): void {
  if (!conn.caps.has(Capability.MemberPages)) {
    throw new DuplexError(ErrorCode.UnknownType, "ask for the member_pages capability first");
  }
}

/**
 * `members`: one page of the room's online members in id order. Charged like `history`, by rows, to
 * the user and the address; a name query scans the room, so it keeps the whole reservation.
 */
export async function handleMembers(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"members">,
): Promise<void> {
  assertMemberPages(conn);
  assertJoined(conn, msg.room);
  const user = userOf(conn);
  const limit = msg.limit ?? LIMITS.membersPageSize;
  ctx.budgets.reserveRows(user.id, conn.address, limit, ctx.now());
  const [page, count] = await Promise.all([
    ctx.presence.page(msg.room, {
      limit,
      ...(msg.cursor !== undefined && { cursor: msg.cursor }),
      ...(msg.query !== undefined && { query: msg.query }),
    }),
    ctx.presence.count(msg.room),
  ]);
  if (msg.query === undefined) {
    ctx.budgets.refundRows(user.id, conn.address, limit - page.members.length, ctx.now());
  }
  conn.send({
    type: "members",
    ...(msg.ref !== undefined && { ref: msg.ref }),
    room: msg.room,
    members: usersFor(page.members, conn.caps.has(Capability.Accounts)),
    count,
    ...(page.next !== undefined && { next: page.next }),
  });
}

/** `watch_members` / `unwatch_members`: whether this socket hears a big room's membership changes. */
export async function handleWatchMembers(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"watch_members"> | ClientMessageOf<"unwatch_members">,
): Promise<void> {
  assertMemberPages(conn);
  assertJoined(conn, msg.room);
  const watching = msg.type === "watch_members";
  ctx.membership.watch(conn, msg.room, watching);
  conn.send({
    type: "watching_members",
    ...(msg.ref !== undefined && { ref: msg.ref }),
    room: msg.room,
    watching,
  });
}
