import type { Reader, User } from "@duplex/protocol";
import type { SeenByRoom } from "../store/chatSlice.js";

/** `joined.readers` as the per-room record the store keeps. */
export function readersOf(readers: readonly Reader[]): SeenByRoom {
  return Object.fromEntries(readers.map((r) => [r.user.id, { user: r.user, seq: r.seq }]));
}

/** A `seen`: `user` read `room` up to `seq` (a reader never moves back). */
export function addReader(
  seen: Readonly<Record<string, SeenByRoom>>,
  room: string,
  user: User,
  seq: number,
): Readonly<Record<string, SeenByRoom>> {
  const byUser = seen[room] ?? {};
  if ((byUser[user.id]?.seq ?? -1) >= seq) return seen;
  return { ...seen, [room]: { ...byUser, [user.id]: { user, seq } } };
}

/** Most readers shown by name under a message; the rest are "+N". */
export const SEEN_BY_SHOWN = 3;

/** The readers (not `myId`) who have read up to `seq`, by name, and how many more there are. */
export function seenBy(
  byUser: SeenByRoom | undefined,
  seq: number,
  myId: string | undefined,
): { shown: User[]; more: number } {
  const readers = Object.values(byUser ?? {})
    .filter((r) => r.seq >= seq && r.user.id !== myId)
    .map((r) => r.user)
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    shown: readers.slice(0, SEEN_BY_SHOWN),
    more: Math.max(0, readers.length - SEEN_BY_SHOWN),
  };
}
