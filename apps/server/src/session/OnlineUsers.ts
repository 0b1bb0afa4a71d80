import type { User } from "@duplex/protocol";
import { SocketsByUser } from "./socketsByUser.js";

/**
 * Users with at least one open, welcomed socket on this node. Names are not decided here: a name
 * belongs to one user for good (the store's `names`), whether online or not.
 */
export class OnlineUsers {
  readonly #sockets = new SocketsByUser();
  readonly #users = new Map<string, User>();

  /** Registers a socket of `user` (its latest name wins). */
  connect(user: User, connId: string): void {
    this.#users.set(user.id, user);
    this.#sockets.add(user.id, connId);
  }

  /** Forgets one socket; the user is offline here once its last socket is gone. */
  disconnect(userId: string, connId: string): void {
    if (this.#sockets.delete(userId, connId)) this.#users.delete(userId);
  }

  /** Open welcomed sockets of the user on this node. */
  socketCount(userId: string): number {
    return this.#sockets.count(userId);
  }

  /** Whether the user has an open socket on this node. */
  isOnline(userId: string): boolean {
    return this.#sockets.has(userId);
  }

  get count(): number {
    return this.#users.size;
  }
}
