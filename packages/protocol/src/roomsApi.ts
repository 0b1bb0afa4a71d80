import { z } from "zod";
import { User } from "./fields.js";
import { PublicRoomName, UserId } from "./names.js";

/** The private-room API (JSON bodies, `Bearer` token; documented in the protocol README). */
export const ROOM_PATHS = {
  /** `POST {room}`: creates an invite-only room; the caller is its owner and first member. */
  createPrivate: "/api/rooms/private",
  /** `POST {room, user}`: the room's owner or a moderator adds a member. */
  invite: "/api/rooms/invite",
  /** `POST {room, user}`: the room's owner or a moderator removes a member (its sockets leave). */
  remove: "/api/rooms/remove",
  /** `GET ?room=`: a private room's owner and members, for its members and moderators. */
  members: "/api/rooms/members",
} as const;

export const PrivateRoomRequest = z.strictObject({ room: PublicRoomName });
export type PrivateRoomRequest = z.infer<typeof PrivateRoomRequest>;

export const RoomMemberRequest = z.strictObject({ room: PublicRoomName, user: UserId });
export type RoomMemberRequest = z.infer<typeof RoomMemberRequest>;

export const RoomMembersResponse = z.object({
  room: PublicRoomName,
  owner: UserId,
  /** Every invited member (the owner included), in the order added. */
  members: z.array(User),
});
export type RoomMembersResponse = z.infer<typeof RoomMembersResponse>;
