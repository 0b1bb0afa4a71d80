import { Capability, type User } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { Logger } from "../logger.js";
import type { AccountStore } from "../store/AccountStore.js";
import type { NewNotification, NotificationStore } from "../store/NotificationStore.js";
import type { Audience, UserFanout } from "../fanout/UserFanout.js";

/** How many unread notifications a new socket receives right after `welcome` (the latest ones). */
export const UNREAD_ON_WELCOME = 100;

/** A `dm` notification is news only to a socket that asked for them ([C4]). */
function mayReplay(conn: Peer, kind: string): boolean {
  return kind !== "dm" || conn.caps.has(Capability.DmNotifications);
}

/**
 * Stores notifications, then pushes them live; replays the unread ones to a new socket; keeps the
 * read state in sync across a user's sockets. Store first, push second: a notification a user sees
 * live is one they will see again after a reload until they mark it read.
 */
export class Notifier {
  #stored: ((notification: NewNotification, userIds: readonly string[]) => void) | undefined;

  constructor(
    private readonly store: NotificationStore,
    private readonly accounts: Pick<AccountStore, "holders">,
    private readonly users: UserFanout,
    private readonly log: Logger,
  ) {}

  /**
   * Calls `listener` after each notification is stored, with the users it was new for (Web Push
   * queues its pushes there). It must return at once: it runs on the send path.
   */
  onStored(listener: (notification: NewNotification, userIds: readonly string[]) => void): void {
    this.#stored = listener;
  }

  /**
   * Stores `notification` for `to` and pushes it to the users it was new for (one frame for all);
   * with `onlyCap`, only to their sockets granted that capability. Returns how many users it was
   * stored for.
   */
  async deliver(
    notification: NewNotification,
    to: Audience,
    options: { onlyCap?: Capability } = {},
  ): Promise<number> {
    const created = await this.store.add(notification, to);
    if (created.length === 0) return 0;
    const frame = { type: "notification", notification: { ...notification, read: false } } as const;
    // Everyone got it: one "all" push, not a list of every user id.
    await this.users.publish(to === "all" ? "all" : created, frame, options);
    this.#stored?.(notification, created);
    this.log.info(
      { id: notification.id, kind: notification.kind, recipients: created.length },
      "notification delivered",
    );
    return created.length;
  }

  /** Right after `welcome`: the socket joins live pushes, then gets the unread ones, oldest first. */
  async welcome(conn: Peer, user: User): Promise<void> {
    // Live pushes first, so nothing stored between the query and the mark is missed (a client
    // de-duplicates by id if a notification arrives both ways).
    this.users.markWelcomed(conn);
    for (const notification of await this.store.unread(user.id, UNREAD_ON_WELCOME)) {
      if (!mayReplay(conn, notification.kind)) continue;
      conn.send({ type: "notification", notification });
    }
  }

  /**
   * Marks read (only the user's own notifications), answers the asking socket (with its `ref`) and
   * tells the user's other sockets.
   */
  async markRead(conn: Peer, userId: string, ids: readonly string[] | undefined, ref?: string) {
    const owned = await this.store.markRead(userId, ids);
    const read = {
      type: "notifications_read",
      ids: owned,
      ...(ids === undefined && { all: true }),
    } as const;
    conn.send({ ...read, ...(ref !== undefined && { ref }) });
    await this.users.publish([userId], read, { exceptConnection: conn.id });
  }

  /**
   * The user holding each name key (see nameKey). A name belongs to one user for good, so a mention
   * or push by name reaches that user whoever is online under a look-alike.
   */
  async usersByNameKeys(keys: readonly string[]): Promise<Map<string, User>> {
    if (keys.length === 0) return new Map();
    return this.accounts.holders(keys);
  }
}
