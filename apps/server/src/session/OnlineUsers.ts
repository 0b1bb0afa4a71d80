import type { User } from "@duplex/protocol";
import { allocateName } from "./names.js";

/**
 * Users with at least one open, welcomed socket on this node, and the names they hold. Name uniqueness
 * is per node for now; a multi-node deployment moves this behind the presence seam.
 */
export class OnlineUsers {
  // Most users hold one socket: its id alone, a Set only from the second (issue 8: a Set per idle
  // connection costs ~100 bytes).
  readonly #sockets = new Map<string, string | Set<string>>();
  readonly #users = new Map<string, User>();
  /** lower-cased name → user id */
  readonly #names = new Map<string, string>();

  /** Registers a socket of `userId` wanting `wanted`; returns the user with the name it got. */
  connect(userId: string, wanted: string, connId: string): User {
    const previous = this.#users.get(userId);
    const name = allocateName(wanted, userId, this.#names);
    if (previous && previous.name !== name) this.#names.delete(previous.name.toLowerCase());
    const user = { id: userId, name };
    this.#users.set(userId, user);
    this.#names.set(name.toLowerCase(), userId);
    const sockets = this.#sockets.get(userId);
    if (sockets === undefined) this.#sockets.set(userId, connId);
    else if (typeof sockets !== "string") sockets.add(connId);
    else if (sockets !== connId) this.#sockets.set(userId, new Set([sockets, connId]));
    return user;
  }

  /** Forgets one socket; the user's name is free again once its last socket is gone. */
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
    const user = this.#users.get(userId);
    this.#users.delete(userId);
    if (user) this.#names.delete(user.name.toLowerCase());
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
