import type { ClientMessageOf } from "@duplex/protocol";
import type { Connection } from "../connection/Connection.js";
import type { ServerContext } from "../context.js";

/** `subscribe {topic}` → `subscribed`, then `data` on the topic's timer. Idempotent. */
export async function handleSubscribe(
  ctx: ServerContext,
  conn: Connection,
  msg: ClientMessageOf<"subscribe">,
): Promise<void> {
  // `stats` is the only topic (the protocol's `Topic` enum); a new one fails the build here.
  const topic: "stats" = msg.topic;
  conn.send({ type: "subscribed", ...(msg.ref !== undefined && { ref: msg.ref }), topic });
  await ctx.push.stats.subscribe(conn);
}

/** `unsubscribe {topic}` → `unsubscribed`; no more `data` on it. Idempotent. */
export async function handleUnsubscribe(
  ctx: ServerContext,
  conn: Connection,
  msg: ClientMessageOf<"unsubscribe">,
): Promise<void> {
  const topic: "stats" = msg.topic;
  await ctx.push.stats.unsubscribe(conn);
  conn.send({ type: "unsubscribed", ...(msg.ref !== undefined && { ref: msg.ref }), topic });
}
