/** What the server remembers of a user's rooms: those joined and not left, and the one on screen. */
export interface SavedRoomList {
  /** Oldest joined first. */
  rooms: string[];
  /** The room last opened, if it is still saved. */
  open: string | undefined;
}

/**
 * A user's joined rooms, kept across disconnects so they follow the user to another tab or device.
 * Part of the {@link Store} seam (`store.savedRooms`); every method returns a Promise and is awaited.
 */
export interface SavedRooms {
  /**
   * Remembers `room` as joined (re-adding keeps its place). Beyond `max` rooms the longest-held are
   * forgotten, so what a user makes the server keep stays bounded. Resolves once durable; the same
   * user's later calls on this store (`remove`, `open`, `list`) see the row even if they do not
   * wait for it.
   */
  add(userId: string, room: string, ts: number, max: number): Promise<void>;
  /** Forgets `room` (an explicit `leave`, not a disconnect). */
  remove(userId: string, room: string): Promise<void>;
  /** Marks `room` as the one on screen, if it is saved; otherwise nothing changes. */
  open(userId: string, room: string, ts: number): Promise<void>;
  list(userId: string): Promise<SavedRoomList>;
}

/** Rows oldest-joined first → the list, with the latest opened as `open`. */
export function toSavedRoomList(
  rows: readonly { room: string; opened_at: number | string | null }[],
): SavedRoomList {
  let open: string | undefined;
  let openedAt = -Infinity;
  for (const r of rows) {
    if (r.opened_at === null) continue;
    const at = Number(r.opened_at);
    if (at >= openedAt) {
      open = r.room;
      openedAt = at;
    }
  }
  return { rooms: rows.map((r) => r.room), open };
}
