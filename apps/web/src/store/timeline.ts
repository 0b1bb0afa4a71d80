import type { OutboxEntry } from "@duplex/client";
import type { ChatMessage } from "@duplex/protocol";
import { threadOnly, threadOnlyEntry } from "../threads/threadState.js";

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
  // Thread-only replies show in their thread's panel, not here.
  const items: TimelineItem[] = messages
    .filter((message) => !threadOnly(message))
    .map((message) => ({ kind: "stored", key: `m:${message.id}`, message }));
  const outgoing = outbox
    .filter((entry) => entry.room === room && !storedCids.has(entry.cid) && !threadOnlyEntry(entry))
    .sort((a, b) => a.createdAt - b.createdAt);
  for (const entry of outgoing) items.push({ kind: "outgoing", key: `c:${entry.cid}`, entry });
  return items;
}
