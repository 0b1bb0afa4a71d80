// Zod-free on purpose: the web app's initial bundle uses these, and must not pull in zod.

/** Prefix of direct-message rooms; public room names may not use `:`, so they can never collide. */
export const DM_PREFIX = "dm:";

/** The pattern of a DM room id: `dm:<userId>:<userId>`. `DmRoomId` in names.ts uses the same one. */
export const DM_ROOM_ID_PATTERN = /^dm:u_[A-Za-z0-9_-]{10,24}:u_[A-Za-z0-9_-]{10,24}$/;

/** The DM room id for two users, the same whichever of them asks. */
export function dmRoomId(a: string, b: string): string {
  const [first, second] = a < b ? [a, b] : [b, a];
  return `${DM_PREFIX}${first}:${second}`;
}

/** Whether a room id names a direct-message room. */
export function isDmRoom(room: string): boolean {
  return room.startsWith(DM_PREFIX);
}

/** The two participants of a DM room, or `undefined` if `room` is not a DM room id. */
export function dmParticipants(room: string): readonly [string, string] | undefined {
  if (!DM_ROOM_ID_PATTERN.test(room)) return undefined;
  const [, a, b] = room.split(":");
  return a !== undefined && b !== undefined ? [a, b] : undefined;
}
