import type { NotifyLevel, ServerMessageOf } from "@duplex/protocol";

/** The user's notification preferences, as the server's last `prefs` frame said (all tabs agree). */
export interface PrefsSlice {
  /** False until the first `prefs` frame (a node without read receipts never sends one). */
  known: boolean;
  shareReceipts: boolean;
  /** Do not disturb until then (ms since epoch); 0 = off. */
  dndUntil: number;
  /** Rooms whose level is not the default `all`. */
  rooms: Readonly<Record<string, NotifyLevel>>;
}

export const initialPrefs: PrefsSlice = {
  known: false,
  shareReceipts: true,
  dndUntil: 0,
  rooms: {},
};

export function prefsFromFrame(frame: ServerMessageOf<"prefs">): PrefsSlice {
  return {
    known: true,
    shareReceipts: frame.shareReceipts,
    dndUntil: frame.dndUntil,
    rooms: Object.fromEntries(frame.rooms.map((r) => [r.room, r.level])),
  };
}

export function levelOf(prefs: PrefsSlice, room: string): NotifyLevel {
  return prefs.rooms[room] ?? "all";
}

export interface PrefsActions {
  /** How much of `room` notifies us: every message, mentions only, or nothing. */
  setRoomLevel(room: string, level: NotifyLevel): void;
  /** Do not disturb until `until` (ms since epoch; 0 = off, `LIMITS.dndForever` = until turned off). */
  setDoNotDisturb(until: number): void;
  /** Whether others see how far we have read (and we see theirs). */
  setShareReceipts(share: boolean): void;
}
