export const DEFAULT_ROOM = "general";

export interface RoomsSlice {
  /** Rooms the server confirmed we are in, in the order we joined them. */
  joined: readonly string[];
  /** The room on screen; none after leaving the last one. */
  current: string | undefined;
}

export function addRoom(joined: readonly string[], room: string): readonly string[] {
  return joined.includes(room) ? joined : [...joined, room];
}

export function removeRoom(joined: readonly string[], room: string): readonly string[] {
  return joined.includes(room) ? joined.filter((r) => r !== room) : joined;
}
