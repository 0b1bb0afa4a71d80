import type { OutboxEntry } from "@duplex/client";
import type { ChatMessage } from "@duplex/protocol";

export interface MessagesSlice {
  /** Stored messages per room, ordered by `seq`, each once. */
  byRoom: Readonly<Record<string, readonly ChatMessage[]>>;
  /** The client's outbox: our messages whose stored copy has not reached the room yet. */
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
