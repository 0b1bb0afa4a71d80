import { Capability, type ChatMessage } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { userOf } from "../handlers/access.js";

/**
 * Messages as a socket granted `threads` reads them: replies carry `thread`, roots with replies
 * carry `threadSummary` (with the user's own `following` and `unread`). Others get them as they are.
 */
export async function withThreadExtras(
  ctx: ServerContext,
  conn: Peer,
  messages: ChatMessage[],
): Promise<ChatMessage[]> {
  if (messages.length === 0 || !conn.caps.has(Capability.Threads)) return messages;
  const ids = messages.map((m) => m.id);
  const [refs, summaries] = await Promise.all([
    ctx.store.threads.threadRefs(ids),
    ctx.store.threads.summaries(ids, userOf(conn).id),
  ]);
  if (refs.size === 0 && summaries.size === 0) return messages;
  return messages.map((m) => {
    const ref = refs.get(m.id);
    const summary = summaries.get(m.id);
    if (!ref && !summary) return m;
    return {
      ...m,
      ...(ref !== undefined && {
        thread: { root: ref.root, ...(ref.alsoToRoom && { alsoToRoom: true as const }) },
      }),
      ...(summary !== undefined && { threadSummary: summary }),
    };
  });
}
