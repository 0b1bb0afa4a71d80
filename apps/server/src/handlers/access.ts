import { ErrorCode, dmParticipants, isDmRoom, type User } from "@duplex/protocol";
import type { Connection } from "../connection/Connection.js";
import { DuplexError } from "../errors.js";

/** The welcomed user of this socket. Dispatch only runs after `hello`, so absence is a bug. */
export function userOf(conn: Connection): User {
  if (!conn.user) throw new Error("handler ran before hello");
  return conn.user;
}

/** Only the two participants of a DM room may join it or read it. Public rooms are open to all. */
export function assertMayAccess(user: User, room: string): void {
  if (!isDmRoom(room)) return;
  const participants = dmParticipants(room);
  if (!participants?.includes(user.id)) {
    throw new DuplexError(ErrorCode.Unauthorized, `${room} is a private conversation`);
  }
}

export function assertJoined(conn: Connection, room: string): void {
  if (conn.rooms.get(room) !== "joined") {
    throw new DuplexError(ErrorCode.NotJoined, `join ${room} first`);
  }
}
