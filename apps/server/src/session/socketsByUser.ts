/**
 * Socket ids per user. Most users hold one socket: its id alone, a Set only from the second (a Set per
 * idle connection costs ~170 bytes, in every index of sockets by user).
 */
export class SocketsByUser {
  readonly #sockets = new Map<string, string | Set<string>>();

  add(userId: string, connId: string): void {
    const sockets = this.#sockets.get(userId);
    if (sockets === undefined) this.#sockets.set(userId, connId);
    else if (typeof sockets !== "string") sockets.add(connId);
    else if (sockets !== connId) this.#sockets.set(userId, new Set([sockets, connId]));
  }

  /** Forgets one socket; returns whether that was the user's last one. */
  delete(userId: string, connId: string): boolean {
    const sockets = this.#sockets.get(userId);
    if (sockets === undefined) return false;
    if (typeof sockets === "string") {
      if (sockets !== connId) return false;
    } else {
      if (!sockets.delete(connId)) return false;
      if (sockets.size > 1) return false;
      // Back to an id alone once one socket is left.
      const [only] = sockets;
      if (only !== undefined) {
        this.#sockets.set(userId, only);
        return false;
      }
    }
    this.#sockets.delete(userId);
    return true;
  }

  /** How many sockets of the user are here. */
  count(userId: string): number {
    const sockets = this.#sockets.get(userId);
    if (sockets === undefined) return 0;
    return typeof sockets === "string" ? 1 : sockets.size;
  }

  has(userId: string): boolean {
    return this.#sockets.has(userId);
  }

  clear(): void {
    this.#sockets.clear();
  }

  /** Every socket, as [userId, connId]. */
  *entries(): Iterable<[string, string]> {
    for (const [userId, sockets] of this.#sockets) {
      if (typeof sockets === "string") yield [userId, sockets];
      else for (const connId of sockets) yield [userId, connId];
    }
  }
}
