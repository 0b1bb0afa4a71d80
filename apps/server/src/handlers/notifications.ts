import { ErrorCode, type ClientMessageOf } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import { userOf } from "./access.js";

/**
 * `mark_read {ids}` or `{all: true}`: persisted for the authenticated user only (ids of other users'
 * notifications are ignored), then `notifications_read` to every socket of the user.
 */
export async function handleMarkRead(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"mark_read">,
): Promise<void> {
  const user = userOf(conn);
  if (msg.all !== true && msg.ids === undefined) {
    throw new DuplexError(ErrorCode.InvalidMessage, "mark_read needs ids or all: true");
  }
  const ids = msg.all === true ? undefined : msg.ids;
  await ctx.push.notifier.markRead(conn, user.id, ids, msg.ref);
}
