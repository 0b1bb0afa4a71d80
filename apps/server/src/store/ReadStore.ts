import type { NotifyLevel, RoomNotifyPref } from "@duplex/protocol";

/** A user's preferences: read-receipt sharing, do-not-disturb and per-room notification levels. */
export interface UserPrefs {
  shareReceipts: boolean;
  /** Do not disturb until this time (ms since epoch); 0 = off. */
  dndUntil: number;
  /** Only the rooms whose level is not the default `all`. */
  rooms: RoomNotifyPref[];
}

/** A change to {@link UserPrefs}: only the fields present change; a room set to `all` is forgotten. */
export interface PrefsPatch {
  shareReceipts?: boolean;
  dndUntil?: number;
  rooms?: readonly RoomNotifyPref[];
}

export const DEFAULT_PREFS: UserPrefs = { shareReceipts: true, dndUntil: 0, rooms: [] };

/** Most rooms with a non-default notification level one user may keep. */
export const MAX_ROOM_PREFS = 500;

/**
 * Read cursors and notification preferences, per user. Part of the {@link Store} seam
 * (`store.reads`); every method returns a Promise and is awaited.
 */
export interface ReadStore {
  /**
   * Moves the user's cursor in `room` forward to `seq` (never backwards). Returns the cursor now and
   * whether this call moved it.
   */
  advance(
    userId: string,
    room: string,
    seq: number,
    at: number,
  ): Promise<{ seq: number; moved: boolean }>;
  /** The user's cursor in each room they have one in. */
  cursors(userId: string): Promise<Map<string, number>>;
  /** The cursors of `userIds` in `room` (users without one are absent). */
  readersOf(room: string, userIds: readonly string[]): Promise<Map<string, number>>;
  /** Messages after `seq` in `room` by others than `userId`, not deleted, at most `max`. */
  unread(userId: string, room: string, seq: number, max: number): Promise<number>;
  prefs(userId: string): Promise<UserPrefs>;
  /** Which of `userIds` share their read receipts (the default). */
  sharing(userIds: readonly string[]): Promise<Set<string>>;
  /**
   * Applies `patch` and returns the preferences now.
   * @throws RangeError when the user would keep more than {@link MAX_ROOM_PREFS} room levels.
   */
  setPrefs(userId: string, patch: PrefsPatch): Promise<UserPrefs>;
  /** The user's level in `room` and DND, for one notification decision. */
  notifyState(userId: string, room: string): Promise<{ level: NotifyLevel; dndUntil: number }>;
}
