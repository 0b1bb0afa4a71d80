import type { ChatMessage } from "@duplex/protocol";
import type { MessageReplies } from "../store/MessageReactions.js";
import type { Store } from "../store/Store.js";
import type { ThreadStore } from "../store/ThreadStore.js";

/** The record the sequencer trusts: the store. */
export interface SequenceSource {
  /** The room's last committed seq (0 if none). */
  head(room: string): Promise<number>;
  /** Committed messages with seq > `since`, oldest first, at most `limit`. */
  after(room: string, since: number, limit: number): Promise<ChatMessage[]>;
}

/** The store as the sequencer's source of truth. */
export function storeSequenceSource(
  store: Pick<Store, "getRoom" | "after"> & {
    threads: Pick<ThreadStore, "threadRefs">;
    replies: Pick<MessageReplies, "replyRefs">;
  },
): SequenceSource {
  return {
    head: async (room) => (await store.getRoom(room))?.seq ?? 0,
    after: async (room, since, limit) => {
      const messages = await store.after(room, since, limit);
      if (messages.length === 0) return messages;
      // A filled message must read as the live one did: a reply with its quote, and a thread reply
      // with `thread` (or a client granted `threads` would show it in the room's timeline).
      const ids = messages.map((m) => m.id);
      const [threads, replies] = await Promise.all([
        store.threads.threadRefs(ids),
        store.replies.replyRefs(ids),
      ]);
      if (threads.size === 0 && replies.size === 0) return messages;
      return messages.map((m) => {
        const thread = threads.get(m.id);
        const replyTo = replies.get(m.id);
        if (!thread && !replyTo) return m;
        return {
          ...m,
          ...(replyTo && { replyTo }),
          ...(thread && {
            thread: { root: thread.root, ...(thread.alsoToRoom && { alsoToRoom: true as const }) },
          }),
        };
      });
    },
  };
}
