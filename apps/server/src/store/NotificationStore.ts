import type { Notification } from "@duplex/protocol";

/** A notification before it is stored for its recipients (always unread then). */
export type NewNotification = Omit<Notification, "read">;

/**
 * Per-user notifications with a read flag, and the audience look-ups pushes need. Part of the
 * {@link Store} seam (`store.notifications`); every method returns a Promise and is awaited.
 * Every read or write is scoped to one user id the server authenticated, never to a payload's word.
 */
export interface NotificationStore {
  /**
   * Stores `notification` for each user in `to` (`"all"`: every known user) in one transaction.
   * Idempotent per (user, id): returns only the users it was newly stored for, so a repeated id is
   * never pushed twice as new.
   */
  add(notification: NewNotification, to: readonly string[] | "all"): Promise<string[]>;
  /** The user's latest `limit` unread notifications, oldest first. */
  unread(userId: string, limit: number): Promise<Notification[]>;
  /**
   * Marks the user's notifications read: those of `ids` that belong to the user, or every one when
   * `ids` is undefined. Returns the given ids that belong to the user (read now), `[]` for all.
   */
  markRead(userId: string, ids?: readonly string[]): Promise<string[]>;
  /** Users who have written in `room`: with the online members, the audience of a room push. */
  roomAuthors(room: string): Promise<string[]>;
}
