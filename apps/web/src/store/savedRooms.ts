import { isDmRoom, type ServerMessage } from "@duplex/protocol";
import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { DuplexState } from "./createDuplexStore.js";

export interface SavedRoomsSync {
  /** The user put `room` on screen: the server remembers it for the user's other devices. */
  opened(room: string): void;
}

/**
 * Restores the rooms the server remembers for this user (joined on any device and not left) after
 * every connect, and on the first connect opens the room that was last on screen — unless the user
 * already picked one. Until that first answer, `open` is held back: announcing the default room would
 * overwrite the saved one before it was read.
 */
export function attachSavedRooms(client: ChatClient, store: StoreApi<DuplexState>): SavedRoomsSync {
  let restored = false;
  let navigated = false;

  function restore(joined: readonly string[], open: string | undefined): void {
    const { rooms } = store.getState();
    for (const room of joined) {
      if (!isDmRoom(room) && !rooms.joined.includes(room)) client.join(room);
    }
    if (restored) return;
    restored = true;
    if (!navigated && open !== undefined && joined.includes(open)) {
      store.setState((s) => ({ rooms: { ...s.rooms, current: open } }));
    }
    const { current } = store.getState().rooms;
    if (current !== undefined) client.open(current);
  }

  client.on("state", (state) => {
    if (state.status === "open") client.rooms().catch(() => undefined);
  });
  client.on("message", (message: ServerMessage) => {
    if (message.type === "rooms") {
      restore(message.joined ?? [], message.open);
    } else if (message.type === "joined" && restored) {
      // A room opened before its join completed is announced once the server has it.
      if (message.room === store.getState().rooms.current) client.open(message.room);
    }
  });

  return {
    opened(room) {
      navigated = true;
      if (restored) client.open(room);
    },
  };
}
