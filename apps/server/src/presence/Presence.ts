import type { User } from "@duplex/protocol";

/**
 * Who is online in which room: the seam a scale-out swaps (in-memory first; Redis later). Sockets are
 * named by connection ids unique across nodes. Every method returns a Promise and is awaited.
 */
export interface Presence {
  /** `first`: this socket made the user a member (announce `presence join`). */
  join(room: string, user: User, connId: string): Promise<{ first: boolean }>;
  /** `last`: the user's last socket in the room left (announce `presence leave` for `user`). */
  leave(room: string, userId: string, connId: string): Promise<{ last: boolean; user?: User }>;
  members(room: string): Promise<User[]>;
  /** Online member count per room, for rooms with anyone online. */
  counts(): Promise<Map<string, number>>;
  close(): Promise<void>;
  /**
   * Shutdown for a deploy: from now on leaves take effect only after `graceMs`, so a user who
   * reconnects to another node in time is never announced as leaving and joining. Absent: no delay.
   */
  drain?(graceMs: number): Promise<void>;
  /**
   * Calls `listener` when a user's last socket in a room expired without a leave (its node died or
   * drained); the caller announces `presence leave`. Absent: entries never expire (single node).
   */
  onExpired?(listener: (room: string, user: User) => void): () => void;
}
