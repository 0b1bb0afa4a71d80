import type { User } from "@duplex/protocol";
import type { Presence } from "./Presence.js";
import {
  EMPTY_ROOM,
  presenceJoin,
  presenceLeave,
  presenceMembers,
  type RoomPresence,
} from "./presenceReducer.js";

/** Single-node presence: the pure reducer's state per room, held in a Map. */
export class MemoryPresence implements Presence {
  readonly #rooms = new Map<string, RoomPresence>();

  async join(room: string, user: User, connId: string): Promise<{ first: boolean }> {
    const { state, first } = presenceJoin(this.#rooms.get(room) ?? EMPTY_ROOM, user, connId);
    this.#rooms.set(room, state);
    return { first };
  }

  async leave(
    room: string,
    userId: string,
    connId: string,
  ): Promise<{ last: boolean; user?: User }> {
    const current = this.#rooms.get(room);
    if (!current) return { last: false };
    const { state, ...result } = presenceLeave(current, userId, connId);
    if (state.size === 0) this.#rooms.delete(room);
    else this.#rooms.set(room, state);
    return result;
  }

  async members(room: string): Promise<User[]> {
    return presenceMembers(this.#rooms.get(room) ?? EMPTY_ROOM);
  }

  async counts(): Promise<Map<string, number>> {
    return new Map([...this.#rooms].map(([room, state]) => [room, state.size]));
  }

  async close(): Promise<void> {
    this.#rooms.clear();
  }
}
