import type { ChatMessage, ThreadSummary } from "@duplex/protocol";

// Types only (no zod, no client): the store's state and the thread modules import these.

/** The thread on screen: its root and replies as loaded, oldest first. */
export interface ThreadView {
  room: string;
  rootId: string;
  root?: ChatMessage;
  replies: ChatMessage[];
  hasMore: boolean;
  status: "loading" | "ready" | "failed";
}

export interface ThreadsSlice {
  /** The open thread panel, if any. */
  view?: ThreadView;
  /** Roots' summaries learned live (`thread_summary`, `thread_read`), over what messages carry. */
  summaries: Readonly<Record<string, ThreadSummary>>;
}

export interface ThreadActions {
  /** Opens the thread of `rootId` beside the conversation (loads it, marks it read). */
  openThread(room: string, rootId: string): void;
  closeThread(): void;
  /** Sends `text` into the open thread; `alsoToRoom` shows it in the room too. */
  sendThreadReply(text: string, alsoToRoom: boolean): boolean;
}

export const initialThreads: ThreadsSlice = { summaries: {} };
