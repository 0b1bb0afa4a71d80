import {
  Capability,
  ErrorCode,
  dmParticipants,
  isDmRoom,
  type ChatMessage,
  type User,
} from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import { markGuestAuthors } from "../connection/guestMarks.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import type { Store } from "../store/Store.js";

/** The welcomed user of this socket. Dispatch only runs after `hello`, so absence is a bug. */
export function userOf(conn: Peer): User {
  if (!conn.user) throw new Error("handler ran before hello");
  return conn.user;
}

/**
 * Only the two participants of a DM room, and only the invited members of a private room, may join it
 * or read it. Public rooms are open to all.
 */
export async function assertMayAccess(store: Store, user: User, room: string): Promise<void> {
  if (isDmRoom(room)) {
    if (!dmParticipants(room)?.includes(user.id)) {
      throw new DuplexError(ErrorCode.Unauthorized, `${room} is a private conversation`);
    }
    return;
  }
  if ((await store.access.level(room, user.id)) === "outsider") {
    throw new DuplexError(ErrorCode.Unauthorized, `${room} is a private room: members only`);
  }
}

export function assertJoined(conn: Peer, room: string): void {
  if (conn.rooms.get(room) !== "joined") {
    throw new DuplexError(ErrorCode.NotJoined, `join ${room} first`);
  }
}

/** The welcomed user of this socket, which must have joined `room` (else `not_joined`). */
export function joinedUser(conn: Peer, room: string): User {
  const user = userOf(conn);
  assertJoined(conn, room);
  return user;
}

/**
 * A muted user may not send or edit in the room (or anywhere, muted globally). The code `muted` goes
 * only to sockets granted `accounts`; an older client reads `unauthorized`, which it does not retry.
 */
export function assertMaySpeak(ctx: ServerContext, conn: Peer, room: string): void {
  const until = ctx.moderation.mutes.mutedUntil(userOf(conn).id, room);
  if (until === undefined) return;
  const code = conn.caps.has(Capability.Accounts) ? ErrorCode.Muted : ErrorCode.Unauthorized;
  const message = `muted until ${new Date(until).toISOString()}`;
  throw new DuplexError(code, message, undefined, Math.max(0, until - ctx.now()));
}

/**
 * A page's messages with guest authors marked, for a socket granted `accounts` (the others would have
 * the marks taken out again, so they are spared the look-up).
 */
export async function withGuestAuthors(
  ctx: ServerContext,
  conn: Peer,
  messages: ChatMessage[],
): Promise<ChatMessage[]> {
  if (!conn.caps.has(Capability.Accounts) || messages.length === 0) return messages;
  const guests = await ctx.store.accounts.guestsAmong(messages.map((m) => m.from.id));
  return markGuestAuthors(messages, guests);
}
