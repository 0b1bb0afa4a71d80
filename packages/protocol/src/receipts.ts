import { z } from "zod";
import { RoomId } from "./names.js";
import { Ref, Seq, Timestamp, User } from "./fields.js";

// Read receipts, notification preferences and change replay. Sent only by and to sockets granted
// `read_receipts` (the first four messages) or `changes` (the change cursor fields).

/** How much of a room notifies the user: every message, only mentions (and DMs), or nothing. */
export const NotifyLevel = z.enum(["all", "mentions", "none"]);
export type NotifyLevel = z.infer<typeof NotifyLevel>;

/** A per-change position in a room: what `join.changesSince` names and `edited`/`deleted` carry. */
export const ChangeSeq = z.number().int().nonnegative();

/**
 * The user has read `room` up to `seq` (the newest message on screen while the tab is visible). The
 * cursor never moves backwards; a `seq` above the room's head is read as the head. No reply; the
 * user's other sockets get `read_cursor`. Charged to the user's read-receipt budget.
 */
export const ReadMessage = z.strictObject({
  type: z.literal("read"),
  room: RoomId,
  seq: Seq,
});

/** A room's notification level for this user (`all` is the default). */
export const RoomNotifyPref = z.strictObject({
  room: RoomId,
  level: NotifyLevel,
});
export type RoomNotifyPref = z.infer<typeof RoomNotifyPref>;

/**
 * Changes the user's preferences; only the fields present change. `dndUntil`: do not disturb until
 * that time (ms since epoch), `0` = off, `LIMITS.dndForever` = until turned off. Answered (and synced
 * to the user's other sockets) by `prefs`.
 */
export const SetPrefsMessage = z.strictObject({
  type: z.literal("set_prefs"),
  ref: Ref.optional(),
  shareReceipts: z.boolean().optional(),
  dndUntil: Timestamp.optional(),
  rooms: z.array(RoomNotifyPref).max(50).optional(),
});

/** The user's cursor in `room` moved (another tab or device read it); `unread` counts what is left. */
export const ReadCursorMessage = z.strictObject({
  type: z.literal("read_cursor"),
  room: RoomId,
  seq: Seq,
  unread: z.number().int().nonnegative(),
});

/**
 * In a DM or a room of at most `LIMITS.seenByMaxMembers` members: `user` has read up to `seq`.
 * Coalesced per room and reader over `LIMITS.seenIntervalMs`. Never sent to or about a user who
 * does not share read receipts.
 */
export const SeenMessage = z.strictObject({
  type: z.literal("seen"),
  room: RoomId,
  user: User,
  seq: Seq,
});

/**
 * The user's preferences, sent right after `welcome` and whenever they change (on any device).
 * `rooms` lists only the rooms whose level is not the default `all`.
 */
export const PrefsMessage = z.strictObject({
  type: z.literal("prefs"),
  ref: Ref.optional(),
  shareReceipts: z.boolean(),
  dndUntil: Timestamp,
  rooms: z.array(RoomNotifyPref),
});

/** One room's read state in `joined` / `rooms` (to sockets granted `read_receipts`). */
export const ReadState = z.strictObject({
  room: RoomId,
  /** The user's read cursor. */
  seq: Seq,
  /** Messages after the cursor by others, not deleted (at most `LIMITS.maxUnreadCount`). */
  unread: z.number().int().nonnegative(),
});
export type ReadState = z.infer<typeof ReadState>;

/** Another member's cursor, in `joined.readers` (the same rules as `seen`). */
export const Reader = z.strictObject({ user: User, seq: Seq });
export type Reader = z.infer<typeof Reader>;

/** What a notification is about: any new message, a mention of the user, or a direct message. */
export type NotifyKind = "message" | "mention" | "dm";

/**
 * Whether to interrupt the user about `kind` under these preferences: never while do-not-disturb
 * lasts (`dndUntil` > `now`); `none` rooms never; `mentions` rooms only for mentions and DMs; `all`
 * rooms always. The server's push decision and the web app's toasts apply this one rule.
 */
export function notifyDecision(
  level: NotifyLevel,
  dndUntil: number,
  kind: NotifyKind,
  now: number,
): boolean {
  if (dndUntil > now) return false;
  switch (level) {
    case "all":
      return true;
    case "mentions":
      return kind !== "message";
    case "none":
      return false;
    default: {
      const unreachable: never = level;
      throw new Error(`unknown level ${String(unreachable)}`);
    }
  }
}
