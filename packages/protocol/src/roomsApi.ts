import { z } from "zod";
import { User } from "./fields.js";
import { PublicRoomName, UserId } from "./names.js";
import { ROOM_PATHS } from "./httpConstants.js";

export { ROOM_PATHS };

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
