import type { User } from "@duplex/protocol";

export interface LocalEntry {
  room: string;
  user: User;
  connId: string;
}

const keyOf = (room: string, connId: string) => `${room}\n${connId}`;

/** This node's own sockets in rooms: what it refreshes in Redis, and its view while Redis is down. */
export class LocalEntries {
  readonly #entries = new Map<string, LocalEntry>();
  // Local sockets per room and user (`room \n userId`): a join asks "has this user a socket here
  // already?" in O(1), not by scanning every local entry (a 10,000-socket fill was O(N²) on it).
  readonly #users = new Map<string, number>();

  get size(): number {
    return this.#entries.size;
  }

  values(): IterableIterator<LocalEntry> {
    return this.#entries.values();
  }

  get(room: string, connId: string): LocalEntry | undefined {
    return this.#entries.get(keyOf(room, connId));
  }

  hasUser(room: string, userId: string): boolean {
    return this.#users.has(`${room}\n${userId}`);
  }

  add(entry: LocalEntry): void {
    const key = keyOf(entry.room, entry.connId);
    if (this.#entries.has(key)) return;
    this.#entries.set(key, entry);
    const userKey = `${entry.room}\n${entry.user.id}`;
    this.#users.set(userKey, (this.#users.get(userKey) ?? 0) + 1);
  }

  remove(entry: LocalEntry): void {
    this.#entries.delete(keyOf(entry.room, entry.connId));
    const userKey = `${entry.room}\n${entry.user.id}`;
    const n = (this.#users.get(userKey) ?? 1) - 1;
    if (n > 0) this.#users.set(userKey, n);
    else this.#users.delete(userKey);
  }

  clear(): void {
    this.#entries.clear();
    this.#users.clear();
  }

  /** This node's view of a room (Redis down): the users of its own sockets there. */
  members(room: string): User[] {
    const users = new Map<string, User>();
    for (const e of this.#entries.values()) if (e.room === room) users.set(e.user.id, e.user);
    return [...users.values()];
  }

  /** Users per room over this node's own sockets (Redis down). */
  counts(): Map<string, number> {
    const users = new Map<string, Set<string>>();
    for (const e of this.#entries.values()) {
      users.set(e.room, (users.get(e.room) ?? new Set()).add(e.user.id));
    }
    return new Map([...users].map(([room, ids]) => [room, ids.size]));
  }
}
