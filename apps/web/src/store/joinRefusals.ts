import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { DuplexState } from "./state.js";
import { removeRoom } from "./roomsSlice.js";

/**
 * A join the server refused (a private room we are not a member of) leaves that room's empty view
 * for a room we are in, and remembers why, so the join form can say so; the next room joined
 * clears it.
 */
export function attachJoinRefusals(client: ChatClient, store: StoreApi<DuplexState>): void {
  client.on("joinRefused", (room, error) => {
    store.setState((s) => {
      const joined = removeRoom(s.rooms.joined, room);
      const current = s.rooms.current === room ? joined[0] : s.rooms.current;
      return {
        rooms: { joined, current, refused: { room, code: error.code, message: error.message } },
      };
    });
  });
  client.on("message", (message) => {
    if (message.type !== "joined" || store.getState().rooms.refused === undefined) return;
    store.setState((s) => ({ rooms: { joined: s.rooms.joined, current: s.rooms.current } }));
  });
}
