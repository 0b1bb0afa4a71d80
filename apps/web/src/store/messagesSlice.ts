import type { OutboxEntry } from "@duplex/client";
import type { ChatMessage } from "@duplex/protocol";

export interface MessagesSlice {
  /** Stored messages per room, ordered by `seq`, each once. */
  byRoom: Readonly<Record<string, readonly ChatMessage[]>>;
  /** The client's outbox: our messages not yet confirmed (and recently confirmed ones). */
  outbox: readonly OutboxEntry[];
}

/**
 * Folds a batch from the client's `roomMessages` event into a room. `reset` replaces the room (first
 * join or a stale epoch); otherwise messages merge by `seq`, so a replay never shows a duplicate.
 */
export function mergeRoomMessages(
  existing: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
  reset: boolean,
): readonly ChatMessage[] {
  const bySeq = new Map<number, ChatMessage>();
  if (!reset) for (const message of existing) bySeq.set(message.seq, message);
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * The client drops an entry right after reporting it acked, but the stored copy arrives in the next
 * frame (the server acks, then fans out). Keep acked entries until their `cid` is in the room, so a
 * message never blinks out of the list between the two.
 */
export function reconcileOutbox(
  previous: readonly OutboxEntry[],
  next: readonly OutboxEntry[],
  byRoom: MessagesSlice["byRoom"],
): readonly OutboxEntry[] {
  const nextCids = new Set(next.map((e) => e.cid));
  const kept = previous.filter(
    (e) => e.status === "acked" && !nextCids.has(e.cid) && !isStored(byRoom, e),
  );
  return kept.length === 0 ? next : [...kept, ...next];
}

/** Drops acked entries whose stored copy has arrived; the same array if nothing changed. */
export function pruneAcked(
  outbox: readonly OutboxEntry[],
  byRoom: MessagesSlice["byRoom"],
): readonly OutboxEntry[] {
  const pruned = outbox.filter((e) => e.status !== "acked" || !isStored(byRoom, e));
  return pruned.length === outbox.length ? outbox : pruned;
}

function isStored(byRoom: MessagesSlice["byRoom"], entry: OutboxEntry): boolean {
  return byRoom[entry.room]?.some((m) => m.cid === entry.cid) ?? false;
}
