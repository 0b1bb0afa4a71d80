import type { ChatMessage, User } from "@duplex/protocol";

/**
 * How `guest: true` reads in an encoded frame. Inside a JSON string every `"` is escaped, so this
 * exact text only ever occurs as a key and its value, never inside a message's text.
 */
const GUEST_MARK = '"guest":true';

// The last frame unmarked and its result: a broadcast hands the same frame to every socket in turn,
// so a message by a guest is parsed and re-encoded once per broadcast, not once per recipient.
let lastMarked: string | undefined;
let lastUnmarked = "";

/**
 * A frame as a socket without the `accounts` capability may read it: the server marks guests in every
 * `user` object it writes (presence, members, authors, typing), and this one place takes the marks
 * out for older clients, whose strict `User` would refuse the field. Frames without a mark (nearly
 * all) pass untouched after one substring scan.
 */
export function withoutGuestMarks(frame: string): string {
  if (!frame.includes(GUEST_MARK)) return frame;
  if (frame === lastMarked) return lastUnmarked;
  lastMarked = frame;
  lastUnmarked = unmark(frame);
  return lastUnmarked;
}

// The mark with the comma that joins it to a neighbour: what JSON.stringify would have written
// without the key. Encoded frames are compact JSON, so `true` is followed by `,` or `}`.
const MARK_WITH_COMMA = /,"guest":true(?=[,}])|"guest":true,?/g;

/** The frame re-encoded without any `guest` key, as cheaply as a string replace. */
function unmark(frame: string): string {
  return frame.replace(MARK_WITH_COMMA, "");
}

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
