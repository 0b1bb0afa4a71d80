export const DEFAULT_ROOM = "general";

export interface RoomsSlice {
  /** Rooms the server confirmed we are in, in the order we joined them. */
  joined: readonly string[];
  /** The room on screen; none after leaving the last one. */
  current: string | undefined;
  /** The last join the server refused (a private room we are not in), until another room is joined. */
  refused?: { room: string; code: string; message: string };
  /** Rooms this device was last in while connected: listed while offline (absent when none). */
  known?: readonly string[];
}

export function addRoom(joined: readonly string[], room: string): readonly string[] {
  return joined.includes(room) ? joined : [...joined, room];
}

export function removeRoom(joined: readonly string[], room: string): readonly string[] {
  return joined.includes(room) ? joined.filter((r) => r !== room) : joined;
}
