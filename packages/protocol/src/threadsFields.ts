import { z } from "zod";
import { UserId } from "./names.js";

// Thread fields of a chat message, apart from the thread frames (threads.ts) so that `fields.ts`
// can carry them without importing the frames that carry chat messages.

/** Most participants a thread summary names (the root's author first, then repliers by first reply). */
export const THREAD_PARTICIPANTS = 5;

/**
 * On a thread reply, only to sockets granted `threads`: the root it answers and whether it was also
 * sent to the room. A reply without `alsoToRoom` belongs in its thread, not in the room's timeline.
 */
export const ThreadRef = z.strictObject({
  root: z.string().min(1).max(64),
  alsoToRoom: z.literal(true).optional(),
});
export type ThreadRef = z.infer<typeof ThreadRef>;

/**
 * On a thread's root, only to sockets granted `threads`: how many replies it has, the newest one's
 * time and seq, and who took part. `following` and `unread` are the asking user's: a user follows a
 * thread they started, replied in or opened; `unread` counts others' replies after their thread cursor.
 */
export const ThreadSummary = z.strictObject({
  replyCount: z.number().int().nonnegative(),
  lastReplyAt: z.number().int().nonnegative(),
  lastSeq: z.number().int().nonnegative(),
  participants: z.array(UserId).max(THREAD_PARTICIPANTS),
  following: z.boolean().optional(),
  unread: z.number().int().nonnegative().optional(),
});
export type ThreadSummary = z.infer<typeof ThreadSummary>;
