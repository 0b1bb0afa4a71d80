import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { DuplexState } from "./state.js";

export interface SavedRoomsSync {
  /** The user put `room` on screen: the server remembers it for the user's other devices. */
  opened(room: string): void;
  /**
   * Sign-in shows `room` (the default) but joins it only if the server remembers no rooms for the
   * user: joining first would save it again, bringing back a room the user had left.
   */
  start(room: string): void;
}

/**
 * The user's side of restoring the rooms the server remembers (the reducer restores them after every
 * connect, see `roomEvents.ts`). Until that first answer, `open` is held back: announcing the default
 * room would overwrite the saved one before it was read.
 */
export function savedRoomsSync(
  client: ChatClient,
  store: () => StoreApi<DuplexState>,
): SavedRoomsSync {
  return {
    opened(room) {
      const { page } = store().getState();
      if (!page.navigated) store().setState((s) => ({ page: { ...s.page, navigated: true } }));
      if (page.roomsRestored) client.open(room);
    },
    start(room) {
      const { page } = store().getState();
      if (page.roomsRestored || page.navigated) client.join(room);
      else store().setState((s) => ({ page: { ...s.page, startRoom: room } }));
    },
  };
}
