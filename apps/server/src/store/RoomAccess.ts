/** A private room as the store keeps it. */
export interface PrivateRoom {
  room: string;
  ownerId: string;
}

/** One mute: `room` is `""` for a mute everywhere. */
export interface Mute {
  userId: string;
  room: string;
  until: number;
}

/** Whether a user may see a room: public rooms are open; a private one only to its members. */
export type RoomAccessLevel = "public" | "member" | "outsider";

/**
 * Who may see which room, and who may speak: private rooms, their invited members, and mutes. Part of
 * the {@link Store} seam (`store.access`); every method returns a Promise and is awaited.
 */
export interface RoomAccess {
  /**
   * Creates `room` as a private room owned by `ownerId` (its first member), with a fresh sequence.
   * Returns false, changing nothing, if a room of that name exists (public or private).
   */
  createPrivate(room: string, ownerId: string, epoch: string, now: number): Promise<boolean>;
  /** The private room, or undefined when `room` is public or does not exist. */
  privateRoom(room: string): Promise<PrivateRoom | undefined>;
  /** `public` for a room that is not private; else whether `userId` is one of its members. */
  level(room: string, userId: string): Promise<RoomAccessLevel>;
  /** Adds a member (again is a no-op). */
  addMember(room: string, userId: string, now: number): Promise<void>;
  /** Removes a member; returns whether it was one. */
  removeMember(room: string, userId: string): Promise<boolean>;
  /** Member ids in the order added. */
  members(room: string): Promise<string[]>;
  /** Mutes `userId` in `room` (`""`: everywhere) until `until`, replacing an earlier mute there. */
  mute(mute: Mute): Promise<void>;
  /** Ends a mute; returns whether there was one. */
  unmute(userId: string, room: string): Promise<boolean>;
  /** Every mute that ends after `now` (a node loads them at start; bounded by moderators' actions). */
  activeMutes(now: number): Promise<Mute[]>;
}
