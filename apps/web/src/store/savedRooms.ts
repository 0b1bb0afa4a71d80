import { isDmRoom, type ServerMessage } from "@duplex/protocol";
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
 * Restores the rooms the server remembers for this user (joined on any device and not left) after
 * every connect, and on the first connect opens the room that was last on screen — unless the user
 * already picked one. Until that first answer, `open` is held back: announcing the default room would
 * overwrite the saved one before it was read. A user with no saved rooms (new, or on a node that does
 * not remember them) gets the default room.
 */
export function attachSavedRooms(client: ChatClient, store: StoreApi<DuplexState>): SavedRoomsSync {
  let restored = false;
  let navigated = false;
  let startRoom: string | undefined;

  function restore(saved: readonly string[], open: string | undefined): void {
    const { rooms } = store.getState();
    const joined = saved.filter((room) => !isDmRoom(room));
    for (const room of joined) {
      if (!rooms.joined.includes(room)) client.join(room);
    }
    if (restored) return;
    restored = true;
    const start = startRoom;
    startRoom = undefined;
    if (!navigated) {
      const shown = open !== undefined && joined.includes(open) ? open : joined[0];
      if (shown !== undefined) {
        store.setState((s) => ({ rooms: { ...s.rooms, current: shown } }));
      } else if (start !== undefined && !rooms.joined.includes(start)) {
        client.join(start);
      }
    }
    const { current } = store.getState().rooms;
    if (current !== undefined) client.open(current);
  }

  client.on("state", (state) => {
    if (state.status === "open") {
      // Without an answer the user would sit in a room never joined: fall back to the default one.
      client.rooms().catch(() => {
        if (!restored) restore([], undefined);
      });
    }
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
    start(room) {
      if (restored || navigated) client.join(room);
      else startRoom = room;
    },
  };
}
