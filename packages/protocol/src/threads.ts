import { z } from "zod";
import { RoomId } from "./names.js";
import { ChatMessage, MessageId, Ref, Seq, historyPage } from "./fields.js";
import { ChangeSeq } from "./receipts.js";
import { ThreadSummary } from "./threadsFields.js";

// Threads (capability `threads`): a root message and the replies sent to it with `send.thread`.
// Every reply keeps a room seq (resume and gap detection are unchanged); a socket without `threads`
// gets each reply as an ordinary message of the room.

/**
 * One page of a thread, newest replies last (`thread` answers). Readable wherever `history` is;
 * charged to the user's read budget like `history`. `before`: replies with seq below it.
 */
export const ThreadRequestMessage = z.strictObject({
  type: z.literal("thread"),
  ref: Ref.optional(),
  room: RoomId,
  root: MessageId,
  ...historyPage,
});

/** Answer to `thread`: the root (with its summary), one page of replies oldest first, and the cursor. */
export const ThreadReplyMessage = z.strictObject({
  type: z.literal("thread"),
  ref: Ref.optional(),
  room: RoomId,
  root: ChatMessage,
  replies: z.array(ChatMessage),
  hasMore: z.boolean(),
  /** The asking user's thread cursor (0 when they never read it) and others' replies after it. */
  read: z.strictObject({ seq: Seq, unread: z.number().int().nonnegative() }),
});

/**
 * The user read the thread of `root` up to `seq` (a reply's seq). The cursor never moves back and
 * opening a thread follows it. No reply: every socket of the user gets `thread_read`.
 */
export const ThreadReadMessage = z.strictObject({
  type: z.literal("thread_read"),
  room: RoomId,
  root: MessageId,
  seq: Seq,
});

/** The user's thread cursor moved (this or another tab); `unread` counts others' replies after it. */
export const ThreadReadEventMessage = ThreadReadMessage.extend({
  unread: z.number().int().nonnegative(),
});

/**
 * A thread got a reply: the root's summary now (without the per-user fields). Live to the room's
 * sockets granted `threads`, and replayed on resume with `changes` (a change of the root).
 */
export const ThreadSummaryMessage = z.strictObject({
  type: z.literal("thread_summary"),
  room: RoomId,
  root: MessageId,
  rootSeq: Seq,
  summary: ThreadSummary,
  changeSeq: ChangeSeq.optional(),
});
