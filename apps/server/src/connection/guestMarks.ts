import type { ChatMessage, User } from "@duplex/protocol";
import { markRemover } from "./markedFrames.js";

// The mark with the comma that joins it to a neighbour: what JSON.stringify would have written
// without the key. Encoded frames are compact JSON, so `true` is followed by `,` or `}`.
const MARK_WITH_COMMA = /,"guest":true(?=[,}])|"guest":true,?/g;

/**
 * A frame as a socket without the `accounts` capability may read it: the server marks guests in every
 * `user` object it writes (presence, members, authors, typing), and this one place takes the marks
 * out for older clients, whose strict `User` would refuse the field. A string replace, not a parse.
 */
export const withoutGuestMarks = markRemover('"guest":true', (frame) =>
  frame.replace(MARK_WITH_COMMA, ""),
);

/**
 * The users as `conn` may read them: unmarked for a socket without the `accounts` capability. Taking
 * the marks out of the objects before encoding keeps a page of guests from sending the whole frame
 * through {@link withoutGuestMarks}' parse and re-stringify (the top cost of a big room's fill).
 */
export function usersFor(users: User[], marksWanted: boolean): User[] {
  if (marksWanted) return users;
  return users.map((user) => {
    if (user.guest !== true) return user;
    const { guest: _guest, ...unmarked } = user;
    return unmarked;
  });
}

/** The user marked as a guest when it is one. */
export function markGuest(user: User, guest: boolean): User {
  return guest ? { ...user, guest: true } : user;
}

/** The messages with the authors in `guests` marked. */
export function markGuestAuthors(
  messages: ChatMessage[],
  guests: ReadonlySet<string>,
): ChatMessage[] {
  if (guests.size === 0) return messages;
  return messages.map((m) => (guests.has(m.from.id) ? { ...m, from: markGuest(m.from, true) } : m));
}
