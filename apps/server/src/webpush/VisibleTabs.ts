import { SocketsByUser } from "../session/socketsByUser.js";

/**
 * Which of a user's sockets are on screen, on every node: the seam Web Push asks before pushing
 * ("is any tab of theirs visible?"). In memory for one node; Redis when several share the users.
 * A socket counts as visible from its `welcome` until it reports otherwise (an older client never
 * reports, and pushing to someone looking at the app would be noise). Every method is awaited.
 */
export interface VisibleTabs {
  /** Records whether socket `connId` of `userId` is on screen. */
  set(userId: string, connId: string, visible: boolean): Promise<void>;
  /** Forgets a closed socket. */
  remove(userId: string, connId: string): Promise<void>;
  /** Whether any socket of the user, on any node, is on screen now. */
  anyVisible(userId: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The visible sockets of this node, per user. Also the local half of the Redis version (what it
 * refreshes, and what it answers while Redis is unreachable).
 */
export class MemoryVisibleTabs implements VisibleTabs {
  readonly #visible = new SocketsByUser();

  async set(userId: string, connId: string, visible: boolean): Promise<void> {
    this.setLocal(userId, connId, visible);
  }

  async remove(userId: string, connId: string): Promise<void> {
    this.setLocal(userId, connId, false);
  }

  async anyVisible(userId: string): Promise<boolean> {
    return this.hasLocal(userId);
  }

  async close(): Promise<void> {
    this.#visible.clear();
  }

  setLocal(userId: string, connId: string, visible: boolean): void {
    if (visible) this.#visible.add(userId, connId);
    else this.#visible.delete(userId, connId);
  }

  hasLocal(userId: string): boolean {
    return this.#visible.has(userId);
  }

  /** Every visible socket here, as [userId, connId]. */
  entries(): Iterable<[string, string]> {
    return this.#visible.entries();
  }
}
