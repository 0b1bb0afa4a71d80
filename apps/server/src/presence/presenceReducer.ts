import type { User } from "@duplex/protocol";

/** Who is in one room: user id → the user and the ids of that user's sockets in the room. */
export type RoomPresence = ReadonlyMap<string, { user: User; conns: ReadonlySet<string> }>;

export const EMPTY_ROOM: RoomPresence = new Map();

/**
 * Adds one socket of `user`. `first` is true when this made the user a member, i.e. the only case in
 * which others hear `presence join`: a second tab of a member is not news (Phoenix presence.js).
 */
export function presenceJoin(
  state: RoomPresence,
  user: User,
  connId: string,
): { state: RoomPresence; first: boolean } {
  const entry = state.get(user.id);
  if (entry?.conns.has(connId)) return { state, first: false };
  const next = new Map(state);
  next.set(user.id, { user, conns: new Set([...(entry?.conns ?? []), connId]) });
  return { state: next, first: entry === undefined };
}

/** Removes one socket. `last` is true when the user's last socket left: only then others hear `leave`. */
export function presenceLeave(
  state: RoomPresence,
  userId: string,
  connId: string,
): { state: RoomPresence; last: boolean; user?: User } {
  const entry = state.get(userId);
  if (!entry?.conns.has(connId)) return { state, last: false };
  const next = new Map(state);
  const conns = new Set(entry.conns);
  conns.delete(connId);
  if (conns.size > 0) {
    next.set(userId, { user: entry.user, conns });
    return { state: next, last: false };
  }
  next.delete(userId);
  return { state: next, last: true, user: entry.user };
}

/** The members, one entry per user however many sockets it has. */
export function presenceMembers(state: RoomPresence): User[] {
  return [...state.values()].map((e) => e.user);
}
