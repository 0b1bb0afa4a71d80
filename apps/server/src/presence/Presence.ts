import type { User } from "@duplex/protocol";

export interface MemberPageRequest {
  cursor?: string;
  limit: number;
  query?: string;
}

export interface MemberPage {
  members: User[];
  /** The last id of this page, when more members follow it. */
  next?: string;
}

/**
 * Who is online in which room: the seam a scale-out swaps (in-memory first; Redis later). Sockets are
 * named by connection ids unique across nodes. Every method returns a Promise and is awaited.
 */
export interface Presence {
  /** `first`: this socket made the user a member (announce `presence join`). */
  join(room: string, user: User, connId: string): Promise<{ first: boolean }>;
  /** `last`: the user's last socket in the room left (announce `presence leave` for `user`). */
  leave(room: string, userId: string, connId: string): Promise<{ last: boolean; user?: User }>;
  /** Every member of the room (a v1 `joined`): O(N), so only for sockets without `member_pages`. */
  members(room: string): Promise<User[]>;
  /** How many users are members of the room. */
  count(room: string): Promise<number>;
  /**
   * At most `limit` members, the ones named in `prefer` first (in that order, those present), then
   * the latest joiners, then anyone: what `joined` carries to a `member_pages` socket. O(limit).
   */
  firstPage(room: string, prefer: readonly string[], limit: number): Promise<User[]>;
  /** Members in user id order after `cursor`, only names containing `query` (case-insensitive). */
  page(room: string, request: MemberPageRequest): Promise<MemberPage>;
  /** Online member count per room, for rooms with anyone online. */
  counts(): Promise<Map<string, number>>;
  close(): Promise<void>;
  /**
   * Shutdown for a deploy: from now on leaves take effect only after `graceMs`, so a user who
   * reconnects to another node in time is never announced as leaving and joining. One node: nothing
   * to wait for (no other node can take the user over).
   */
  drain(graceMs: number): Promise<void>;
  /**
   * Calls `listener` when a user's last socket in a room expired without a leave (its node died or
   * drained); the caller announces `presence leave`. One node: entries never expire (never called).
   */
  onExpired(listener: (room: string, user: User) => void): () => void;
}
