import {
  THREAD_PARTICIPANTS,
  type ChatMessage,
  type ThreadRef,
  type ThreadSummary,
} from "@duplex/protocol";

/** A stored message answering `rootId` in its thread. */
export interface LinkThreadInput {
  room: string;
  rootId: string;
  reply: Pick<ChatMessage, "id" | "seq" | "ts"> & { userId: string };
  alsoToRoom: boolean;
}

/**
 * The thread link an appended message asks for. Linking writes the reply row, the replier's cursor
 * (their own reply is read), the root author's cursor (they follow from the first reply) and a
 * `thread` change, in one transaction; a repeat changes nothing.
 */
export function threadLinkOf(
  message: ChatMessage,
  thread: { rootId: string; alsoToRoom: boolean },
): LinkThreadInput {
  const { room, id, seq, ts, from } = message;
  return {
    room,
    rootId: thread.rootId,
    reply: { id, seq, ts, userId: from.id },
    alsoToRoom: thread.alsoToRoom,
  };
}

/**
 * `ok`: the reply is in the thread; `changed` is false for a repeat (nothing new was logged).
 * `followers`: who follows the thread now (its author, repliers and readers), for notifications.
 * `not_found`: the root is no message of the room (or deleted); `nested`: the root is itself a reply.
 */
export type LinkThreadResult =
  | {
      status: "ok";
      changed: boolean;
      rootSeq: number;
      summary: ThreadSummary;
      changeSeq: number | undefined;
      followers: string[];
    }
  | { status: "not_found" }
  | { status: "nested" };

/** A reply linked into its thread: what the send path fans out and notifies. */
export interface LinkedThread {
  ref: ThreadRef;
  result: Extract<LinkThreadResult, { status: "ok" }>;
}

/** A user's thread cursor and the others' replies after it. */
export interface ThreadReadState {
  seq: number;
  unread: number;
  following: boolean;
}

/**
 * Threads in the same database (part of the {@link Store} seam): which messages answer which root,
 * each user's thread cursor, and the change log row a new reply makes on its root.
 */
export interface ThreadStore {
  // Replies are linked by `Store.append` (its `thread`), with the message.
  /** The thread each of `messageIds` answers, for those that answer one. */
  threadRefs(
    messageIds: readonly string[],
  ): Promise<Map<string, { root: string; alsoToRoom: boolean }>>;
  /** Summaries of the roots among `messageIds` with at least one reply, as `viewerId` sees them. */
  summaries(messageIds: readonly string[], viewerId: string): Promise<Map<string, ThreadSummary>>;
  /** The root message of a thread in `room` (undefined when it is not a message there). */
  root(room: string, rootId: string): Promise<ChatMessage | undefined>;
  /** One page of replies, oldest first: the latest `limit`, or those with seq < `before`. */
  replies(
    rootId: string,
    limit: number,
    before?: number,
  ): Promise<{ messages: ChatMessage[]; hasMore: boolean }>;
  /** Moves the user's cursor forward (never back); creates it (following the thread) if absent. */
  advance(userId: string, room: string, rootId: string, seq: number, at: number): Promise<boolean>;
  readState(userId: string, rootId: string): Promise<ThreadReadState>;
}

/** Rows of the summary queries, folded by {@link foldThreadSummaries}. */
export interface ThreadCountRow {
  root_id: string;
  c: number | string;
  last_at: number | string;
  last_seq: number | string;
}
export interface ThreadPartRow {
  root_id: string;
  user_id: string;
}
export interface ThreadViewerRow {
  root_id: string;
  seq: number | string;
  unread: number | string;
}

/** Builds summaries: participants are the root's author first, then repliers by first reply. */
export function foldThreadSummaries(
  counts: readonly ThreadCountRow[],
  parts: readonly ThreadPartRow[],
  authors: ReadonlyMap<string, string>,
  viewer: readonly ThreadViewerRow[] | undefined,
): Map<string, ThreadSummary> {
  const out = new Map<string, ThreadSummary>();
  const seen = new Map<string, ThreadViewerRow>((viewer ?? []).map((r) => [r.root_id, r]));
  for (const row of counts) {
    const author = authors.get(row.root_id);
    const mine = seen.get(row.root_id);
    out.set(row.root_id, {
      replyCount: Number(row.c),
      lastReplyAt: Number(row.last_at),
      lastSeq: Number(row.last_seq),
      participants: author === undefined ? [] : [author],
      ...(viewer !== undefined && {
        following: mine !== undefined,
        unread: mine === undefined ? 0 : Number(mine.unread),
      }),
    });
  }
  for (const { root_id, user_id } of parts) {
    const list = out.get(root_id)?.participants;
    if (list && list.length < THREAD_PARTICIPANTS && !list.includes(user_id)) list.push(user_id);
  }
  return out;
}
