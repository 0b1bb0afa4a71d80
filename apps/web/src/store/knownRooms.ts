import { isDmRoom } from "@duplex/protocol";
import type { StoreApi } from "zustand/vanilla";
import type { KeyValueStorage } from "@duplex/client";
import type { DuplexState } from "./state.js";

/** Where this device remembers the rooms it was last in (one signed-in user per browser profile). */
export const KNOWN_ROOMS_KEY = "duplex:known-rooms";
const MAX_KNOWN = 100;

/** The rooms remembered on this device, for the offline app shell: never more than `MAX_KNOWN`. */
export function readKnownRooms(storage: KeyValueStorage | undefined): readonly string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KNOWN_ROOMS_KEY) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((r): r is string => typeof r === "string").slice(0, MAX_KNOWN);
  } catch {
    return [];
  }
}

/**
 * Keeps the rooms the server confirmed while connected, so a page opened with the server down (from
 * the service worker's cache) still lists them. DMs are left out: their labels need the server.
 */
export function rememberKnownRooms(
  store: StoreApi<DuplexState>,
  storage: KeyValueStorage | undefined,
): void {
  if (storage === undefined) return;
  store.subscribe((state, before) => {
    if (state.rooms.joined === before.rooms.joined || state.connection.status !== "open") return;
    const rooms = state.rooms.joined.filter((room) => !isDmRoom(room)).slice(0, MAX_KNOWN);
    if (rooms.length > 0) storage.setItem(KNOWN_ROOMS_KEY, JSON.stringify(rooms));
  });
}
