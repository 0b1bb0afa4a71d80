import type { OutboxEntry } from "@duplex/client";
import type { ChatMessage } from "@duplex/protocol";

/** One row of a room's message list: a stored message, or one of ours still in the outbox. */
export type TimelineItem =
  | { kind: "stored"; key: string; message: ChatMessage }
  | { kind: "outgoing"; key: string; entry: OutboxEntry };

/**
 * A room as the user sees it: stored messages in `seq` order, then our outgoing ones in the order we
 * wrote them. An outbox entry disappears once its stored copy (same `cid`) has arrived.
 */
export function roomTimeline(
  room: string,
  messages: readonly ChatMessage[],
  outbox: readonly OutboxEntry[],
): TimelineItem[] {
  const storedCids = new Set(messages.map((m) => m.cid));
  const items: TimelineItem[] = messages.map((message) => ({
    kind: "stored",
    key: `m:${message.id}`,
    message,
  }));
  const outgoing = outbox
    .filter((entry) => entry.room === room && !storedCids.has(entry.cid))
    .sort((a, b) => a.createdAt - b.createdAt);
  for (const entry of outgoing) items.push({ kind: "outgoing", key: `c:${entry.cid}`, entry });
  return items;
}
