import type { ChatMessage } from "@duplex/protocol";
import type { ThreadView } from "./threadTypes.js";

/** A thread-only reply belongs in its thread, not in the room's timeline. */
export function threadOnly(message: Pick<ChatMessage, "thread">): boolean {
  return message.thread !== undefined && message.thread.alsoToRoom !== true;
}

/** The same for one of our replies still in the outbox. */
export function threadOnlyEntry(entry: { thread?: string; alsoToRoom?: true }): boolean {
  return entry.thread !== undefined && entry.alsoToRoom !== true;
}

/** Adds a live reply to the open thread (once, in seq order). */
export function withReply(view: ThreadView, reply: ChatMessage): ThreadView {
  if (view.replies.some((m) => m.id === reply.id)) return view;
  const replies = [...view.replies, reply].sort((a, b) => a.seq - b.seq);
  return { ...view, replies };
}
