import { ErrorCode, type ClientMessageOf } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";

/**
 * With `statsTopic: "admins"` (production), only an owner or admin account may watch the server's
 * figures (process memory, connection and message counts are enough to watch activity).
 * @throws unauthorized
 */
async function mayWatchStats(ctx: ServerContext, conn: Peer): Promise<void> {
  if (ctx.config.statsTopic === "everyone") return;
  const stored = conn.user && (await ctx.store.accounts.getUser(conn.user.id));
  const admin =
    stored !== undefined &&
    !stored.guest &&
    stored.bannedAt === undefined &&
    (stored.role === "owner" || stored.role === "admin");
  if (!admin)
    throw new DuplexError(ErrorCode.Unauthorized, "the stats topic is for owners and admins");
}

/** `subscribe {topic}` → `subscribed`, then `data` on the topic's timer. Idempotent. */
export async function handleSubscribe(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"subscribe">,
): Promise<void> {
  // `stats` is the only topic (the protocol's `Topic` enum); a new one fails the build here.
  const topic: "stats" = msg.topic;
  await mayWatchStats(ctx, conn);
  conn.send({ type: "subscribed", ...(msg.ref !== undefined && { ref: msg.ref }), topic });
  await ctx.push.stats.subscribe(conn);
}

/** `unsubscribe {topic}` → `unsubscribed`; no more `data` on it. Idempotent. */
export async function handleUnsubscribe(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"unsubscribe">,
): Promise<void> {
  const topic: "stats" = msg.topic;
  await ctx.push.stats.unsubscribe(conn);
  conn.send({ type: "unsubscribed", ...(msg.ref !== undefined && { ref: msg.ref }), topic });
}
