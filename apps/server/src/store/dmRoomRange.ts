import { DM_PREFIX, dmParticipants } from "@duplex/protocol";

/**
 * Parameters of the DM-room read on both engines: the primary-key range holding every DM room name
 * (`:` + 1 = `;` is the exclusive upper bound of names starting with the prefix), then the id needle.
 */
export function dmRange(userId: string): [string, string, string] {
  return [DM_PREFIX, `${DM_PREFIX.slice(0, -1)};`, `:${userId}`];
}

/** Whether a room the needle let through is `userId`'s DM: the needle only narrows (one id may prefix another). */
export function isDmOf(name: string, userId: string): boolean {
  return dmParticipants(name)?.includes(userId) === true;
}
