import { isDmRoom, type ServerMessage } from "@duplex/protocol";
import type { DuplexState, PageSlice } from "./state.js";
import type { ServerEffect } from "./serverEvent.js";
import { addRoom, removeRoom } from "./roomsSlice.js";

// The rooms slice's part of the reducer: membership as the server confirms it, refused joins, and
// the rooms the server remembers for this user (restored after every connect).

export const initialPage: PageSlice = { roomsRestored: false, navigated: false };

/**
 * Joins the saved rooms we are not in; the first time, also shows the room last on screen (unless
 * the user already picked one) and announces the room on screen. No saved rooms: the start room.
 */
export function restoreRooms(
  state: DuplexState,
  saved: readonly string[],
  open: string | undefined,
  effects: ServerEffect[],
): DuplexState {
  const { rooms, page } = state;
  const joined = saved.filter((room) => !isDmRoom(room));
  for (const room of joined) if (!rooms.joined.includes(room)) effects.push({ kind: "join", room });
  if (page.roomsRestored) return state;
  const { startRoom: start, ...rest } = page;
  let next: DuplexState = { ...state, page: { ...rest, roomsRestored: true } };
  if (!page.navigated) {
    const shown = open !== undefined && joined.includes(open) ? open : joined[0];
    if (shown !== undefined) {
      next = { ...next, rooms: { ...next.rooms, current: shown } };
    } else if (start !== undefined && !rooms.joined.includes(start)) {
      effects.push({ kind: "join", room: start });
    }
  }
  const { current } = next.rooms;
  if (current !== undefined) effects.push({ kind: "open", room: current });
  return next;
}

export function applyRoomsMessage(
  state: DuplexState,
  message: ServerMessage,
  effects: ServerEffect[],
): DuplexState {
  switch (message.type) {
    case "joined": {
      // A room opened before its join completed is announced once the server has it.
      if (state.page.roomsRestored && message.room === state.rooms.current) {
        effects.push({ kind: "open", room: message.room });
      }
      const joined = addRoom(state.rooms.joined, message.room);
      // Joining any room clears the last refusal (and, as ever, what was listed while offline).
      const rooms =
        state.rooms.refused === undefined
          ? { ...state.rooms, joined }
          : { joined, current: state.rooms.current };
      return { ...state, rooms };
    }
    case "left":
      return {
        ...state,
        rooms: { ...state.rooms, joined: removeRoom(state.rooms.joined, message.room) },
      };
    case "rooms":
      return restoreRooms(state, message.joined ?? [], message.open, effects);
    default:
      return state;
  }
}

/** A join the server refused leaves that room's view for a room we are in, and says why. */
export function applyJoinRefused(
  state: DuplexState,
  room: string,
  error: { code: string; message: string },
): DuplexState {
  const joined = removeRoom(state.rooms.joined, room);
  const current = state.rooms.current === room ? joined[0] : state.rooms.current;
  return {
    ...state,
    rooms: { joined, current, refused: { room, code: error.code, message: error.message } },
  };
}
