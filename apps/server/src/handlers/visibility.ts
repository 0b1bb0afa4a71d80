import type { ClientMessageOf } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { userOf } from "./access.js";

/** `visibility {visible}`: whether this tab is on screen, shared with every node (Web Push asks). */
export async function handleVisibility(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"visibility">,
): Promise<void> {
  await ctx.webPush.tabs.set(userOf(conn).id, conn.id, msg.visible);
}
