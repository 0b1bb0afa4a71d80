import type { Notification, NotificationLink } from "@duplex/protocol";

/** At most this many toasts show at once; older ones give way (the centre still lists them). */
export const MAX_TOASTS = 4;

/**
 * A message to scroll to and highlight, set by opening a mention. While `loading`, older history is
 * fetched until the message is held; `nonce` tells two openings of the same message apart.
 */
export interface MessageFocus extends NotificationLink {
  status: "loading" | "ready" | "missing";
  nonce: number;
}

/** The notification state: every notification we know, newest first, and the open toasts. */
export interface NotificationsSlice {
  /** Newest first (by `ts`, then id, so the order is stable). */
  items: readonly Notification[];
  unread: number;
  /** Ids of notifications showing as toasts, oldest first. */
  toasts: readonly string[];
  /** Whether the notification centre is open. */
  centreOpen: boolean;
  focus: MessageFocus | null;
  /** The user opted in to system notifications while the tab is hidden (remembered). */
  systemEnabled: boolean;
}

export const initialNotifications: NotificationsSlice = {
  items: [],
  unread: 0,
  toasts: [],
  centreOpen: false,
  focus: null,
  systemEnabled: false,
};

function newestFirst(a: Notification, b: Notification): number {
  return b.ts - a.ts || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

function countUnread(items: readonly Notification[]): number {
  return items.reduce((n, item) => (item.read ? n : n + 1), 0);
}

/**
 * Adds a pushed notification. The server replays unread ones after every `welcome` with the same
 * ids, so a known id only refreshes its read flag (a read one never turns unread again) and is not
 * news: `isNew` is false and no toast opens.
 */
export function receiveNotification(
  slice: NotificationsSlice,
  notification: Notification,
  /** False for a notice from before this page connected: listed and counted, not toasted. */
  toast = true,
): { slice: NotificationsSlice; isNew: boolean } {
  const known = slice.items.find((n) => n.id === notification.id);
  if (known) {
    if (known.read || !notification.read) return { slice, isNew: false };
    return { slice: applyRead(slice, [notification.id], false), isNew: false };
  }
  const items = [...slice.items, notification].sort(newestFirst);
  const toasts =
    notification.read || !toast
      ? slice.toasts
      : [...slice.toasts, notification.id].slice(-MAX_TOASTS);
  return { slice: { ...slice, items, unread: countUnread(items), toasts }, isNew: true };
}

/** Marks `ids` (or every notification, with `all`) read, as `notifications_read` or our own click. */
export function applyRead(
  slice: NotificationsSlice,
  ids: readonly string[],
  all: boolean,
): NotificationsSlice {
  const marked = new Set(ids);
  let changed = false;
  const items = slice.items.map((n) => {
    if (n.read || !(all || marked.has(n.id))) return n;
    changed = true;
    return { ...n, read: true };
  });
  if (!changed) return slice;
  return { ...slice, items, unread: countUnread(items) };
}

export function dismissToast(slice: NotificationsSlice, id: string): NotificationsSlice {
  if (!slice.toasts.includes(id)) return slice;
  return { ...slice, toasts: slice.toasts.filter((t) => t !== id) };
}

export interface NotificationActions {
  /** Marks one notification read here and, through the server, in every tab. */
  markNotificationRead(id: string): void;
  markAllNotificationsRead(): void;
  dismissToast(id: string): void;
  setNotificationCentreOpen(open: boolean): void;
  /**
   * Opens what a notification points to: marks it read and, for a mention, shows its room (joining
   * it if needed) with older history loaded until the message is there, then focuses the message.
   */
  openNotification(id: string): void;
  /** Remembers the opt-in; the component asks the browser's permission first, on the click. */
  setSystemNotifications(enabled: boolean): void;
  /** Shows or hides the live server statistics (subscribes to the `stats` topic while shown). */
  setStatsVisible(visible: boolean): void;
}
