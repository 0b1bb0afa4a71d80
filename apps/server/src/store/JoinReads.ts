import type { RoomState } from "./roomState.js";

/** What a `join` reads once it has subscribed: the room's current state and the joiner's DM rooms. */
export interface RoomAndDms {
  /** Undefined when the room does not exist (deleted since it was first read). */
  room: RoomState | undefined;
  /** The DM rooms `userId` takes part in, by name (as `listDmRooms`). */
  dms: RoomState[];
}

/**
 * The reads of a `join` after it subscribed, as one statement: one read lock on SQLite (each
 * autocommit read pays ~13 µs of locking before any work) and one round trip on Postgres, instead of
 * `getRoom` then `listDmRooms`.
 */
export interface JoinReads {
  roomAndDms(room: string, userId: string): Promise<RoomAndDms>;
}
