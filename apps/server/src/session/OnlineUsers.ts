import type { User } from "@duplex/protocol";

/**
 * Users with at least one open, welcomed socket on this node. Names are not decided here: a name
 * belongs to one user for good (the store's `names`), whether online or not.
 */
export class OnlineUsers {
  // Most users hold one socket: its id alone, a Set only from the second (a Set per idle
  // connection costs ~100 bytes).
  readonly #sockets = new Map<string, string | Set<string>>();
  readonly #users = new Map<string, User>();

  /** Registers a socket of `user` (its latest name wins). */
  connect(user: User, connId: string): void {
    this.#users.set(user.id, user);
    const sockets = this.#sockets.get(user.id);
    if (sockets === undefined) this.#sockets.set(user.id, connId);
    else if (typeof sockets !== "string") sockets.add(connId);
    else if (sockets !== connId) this.#sockets.set(user.id, new Set([sockets, connId]));
  }

  /** Forgets one socket; the user is offline here once its last socket is gone. */
  disconnect(userId: string, connId: string): void {
    const sockets = this.#sockets.get(userId);
    if (sockets === undefined) return;
    if (typeof sockets === "string") {
      if (sockets !== connId) return;
    } else {
      if (!sockets.delete(connId)) return;
      const [only, ...more] = sockets;
      if (only !== undefined && more.length === 0) this.#sockets.set(userId, only);
      if (only !== undefined) return;
    }
    this.#sockets.delete(userId);
    this.#users.delete(userId);
  }

  /** Open welcomed sockets of the user on this node. */
  socketCount(userId: string): number {
    const sockets = this.#sockets.get(userId);
    if (sockets === undefined) return 0;
    return typeof sockets === "string" ? 1 : sockets.size;
  }

  /** Whether the user has an open socket on this node. */
  isOnline(userId: string): boolean {
    return this.#sockets.has(userId);
  }

  get count(): number {
    return this.#users.size;
  }
}
