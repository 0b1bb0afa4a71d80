import type { User } from "@duplex/protocol";
import type { MemberPage, MemberPageRequest, Presence } from "./Presence.js";
import { RoomMembers } from "./RoomMembers.js";

/** Single-node presence: the members of each room with anyone in it. */
export class MemoryPresence implements Presence {
  readonly #rooms = new Map<string, RoomMembers>();

  async join(room: string, user: User, connId: string): Promise<{ first: boolean }> {
    let members = this.#rooms.get(room);
    if (!members) {
      members = new RoomMembers();
      this.#rooms.set(room, members);
    }
    return { first: members.join(user, connId) };
  }

  async leave(
    room: string,
    userId: string,
    connId: string,
  ): Promise<{ last: boolean; user?: User }> {
    const members = this.#rooms.get(room);
    if (!members) return { last: false };
    const result = members.leave(userId, connId);
    if (members.size === 0) this.#rooms.delete(room);
    return result;
  }

  async members(room: string): Promise<User[]> {
    return this.#rooms.get(room)?.members() ?? [];
  }

  async count(room: string): Promise<number> {
    return this.#rooms.get(room)?.size ?? 0;
  }

  async firstPage(room: string, prefer: readonly string[], limit: number): Promise<User[]> {
    return this.#rooms.get(room)?.firstPage(prefer, limit) ?? [];
  }

  async page(room: string, request: MemberPageRequest): Promise<MemberPage> {
    return this.#rooms.get(room)?.page(request) ?? { members: [] };
  }

  async counts(): Promise<Map<string, number>> {
    return new Map(Array.from(this.#rooms, ([room, members]) => [room, members.size]));
  }

  async close(): Promise<void> {
    this.#rooms.clear();
  }

  /** One node: no other node can take a user over, so leaves need no grace period. */
  async drain(): Promise<void> {}

  /** One node's entries never expire: they leave with their sockets. */
  onExpired(): () => void {
    return () => undefined;
  }
}
