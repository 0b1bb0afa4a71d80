import { z } from "zod";
import { RoomId, UserId } from "./names.js";
import { Ref, User } from "./fields.js";

// The server's presence and membership messages: who is in a room, and who is typing there.

export const PresenceMessage = z.strictObject({
  type: z.literal("presence"),
  room: RoomId,
  event: z.enum(["join", "leave"]),
  user: User,
});

/**
 * Several presence changes of one room at once, instead of one `presence` each: what a storm of joins
 * to a big room becomes (each member gets one frame per window, not one per join). A user is in at
 * most one of the lists: the last change in the window wins.
 */
export const PresenceDiffMessage = z.strictObject({
  type: z.literal("presence_diff"),
  room: RoomId,
  joined: z.array(User),
  left: z.array(User),
});

/** Answer to `members`: one page in user id order; `next` (pass as `cursor`) when more follow. */
export const MembersReplyMessage = z.strictObject({
  type: z.literal("members"),
  ref: Ref.optional(),
  room: RoomId,
  members: z.array(User),
  /** Users online in the room now (all of them, whatever `query` matched). */
  count: z.number().int().nonnegative(),
  next: UserId.optional(),
});

/**
 * Only to sockets granted `member_pages`: the room's online count, sent when a big room's membership
 * changed, at most once per `LIMITS.occupancyIntervalMs` per room (one more interval for every
 * `LIMITS.occupancyMembersPerInterval` members beyond the first), instead of each join and leave.
 */
export const OccupancyMessage = z.strictObject({
  type: z.literal("occupancy"),
  room: RoomId,
  online: z.number().int().nonnegative(),
});

/** Answer to `watch_members` / `unwatch_members`: whether this socket now gets membership changes. */
export const WatchingMembersMessage = z.strictObject({
  type: z.literal("watching_members"),
  ref: Ref.optional(),
  room: RoomId,
  watching: z.boolean(),
});

export const TypingEventMessage = z.strictObject({
  type: z.literal("typing"),
  room: RoomId,
  user: User,
});
