import type { KeyValueStorage } from "@duplex/client";
import type { StoreApi } from "zustand/vanilla";
import type { ChatClient } from "./chatClient.js";
import type { DuplexState } from "./state.js";
import {
  applyRead,
  dismissToast,
  type MessageFocus,
  type NotificationActions,
  type NotificationsSlice,
} from "./notificationsSlice.js";
import { writeSystemOptIn } from "./systemNotifications.js";
import { initialStats, type StatsSlice } from "./statsSlice.js";

type Get = () => DuplexState;
type Set = StoreApi<DuplexState>["setState"];

function patchNotifications(set: Set, patch: (n: NotificationsSlice) => NotificationsSlice): void {
  set((s) => {
    const next = patch(s.notifications);
    return next === s.notifications ? s : { notifications: next };
  });
}

function patchStats(set: Set, patch: (stats: StatsSlice) => StatsSlice): void {
  set((s) => ({ stats: patch(s.stats) }));
}

// A request that fails (offline, timeout) changes nothing the user relies on: the server replays
// unread notifications after the next `welcome`, and `stats` is subscribed again on reconnect.
const ignore = () => undefined;

/** The actions of the notifications and stats slices. `joinRoom` is the store's own. */
export function createPushActions(
  client: ChatClient,
  get: Get,
  set: Set,
  joinRoom: (room: string) => void,
  storage?: KeyValueStorage,
): NotificationActions {
  let nonce = 0;

  function markRead(ids: string[], all: boolean): void {
    // Shown read at once; the server's `notifications_read` then tells our other tabs.
    patchNotifications(set, (n) => applyRead(n, ids, all));
    const message = all
      ? ({ type: "mark_read", all: true } as const)
      : ({ type: "mark_read", ids } as const);
    if (client.state.status === "open") client.request(message).catch(ignore);
  }

  function setCentreOpen(open: boolean): void {
    patchNotifications(set, (n) => (n.centreOpen === open ? n : { ...n, centreOpen: open }));
  }

  function setStatsVisible(visible: boolean): void {
    if (get().stats.visible === visible) return;
    patchStats(set, () => ({ ...initialStats, visible }));
    if (client.state.status !== "open") return; // subscribed on the next `open`
    client.request({ type: visible ? "subscribe" : "unsubscribe", topic: "stats" }).catch(ignore);
  }

  return {
    markNotificationRead(id) {
      markRead([id], false);
    },
    markAllNotificationsRead() {
      markRead([], true);
    },
    dismissToast(id) {
      patchNotifications(set, (n) => dismissToast(n, id));
    },
    setNotificationCentreOpen(open) {
      // One header popover at a time: opening the centre closes the stats panel.
      if (open) setStatsVisible(false);
      setCentreOpen(open);
    },
    openNotification(id) {
      const notification = get().notifications.items.find((n) => n.id === id);
      if (!notification) return;
      if (!notification.read) markRead([id], false);
      patchNotifications(set, (n) => ({ ...dismissToast(n, id), centreOpen: false }));
      const { link } = notification;
      if (!link) return;
      nonce += 1;
      patchNotifications(set, (n) => ({ ...n, focus: { ...link, status: "loading", nonce } }));
      joinRoom(link.room);
    },
    setSystemNotifications(enabled) {
      writeSystemOptIn(storage, enabled);
      patchNotifications(set, (n) => ({ ...n, systemEnabled: enabled }));
    },
    setStatsVisible(visible) {
      if (visible) setCentreOpen(false);
      setStatsVisible(visible);
    },
  };
}

/**
 * Brings an opened mention's message into view: pages back through its room's history until the
 * message is held (or known to be gone).
 */
export function attachFocusFollow(store: StoreApi<DuplexState>): void {
  const { getState: get, setState: set } = store;
  store.subscribe(followFocus);

  /** Pages back through the focused room until the message is held (or known to be gone). */
  function followFocus(state: DuplexState): void {
    const focus = state.notifications.focus;
    if (!focus || focus.status !== "loading" || state.rooms.current !== focus.room) return;
    const step = focusStep(focus, state);
    if (step === "wait") return;
    if (step === "page") {
      // Outside this listener, so every listener sees this state before paging changes it.
      queueMicrotask(() => void get().actions.loadOlder(focus.room));
      return;
    }
    patchNotifications(set, (n) =>
      n.focus?.nonce === focus.nonce ? { ...n, focus: { ...focus, status: step } } : n,
    );
  }
}

/** What bringing the focused message into the held history needs next. */
function focusStep(focus: MessageFocus, state: DuplexState): "ready" | "missing" | "page" | "wait" {
  const messages = state.messages.byRoom[focus.room] ?? [];
  if (messages.some((m) => m.id === focus.messageId)) return "ready";
  const history = state.chat.history[focus.room];
  if (history === undefined || history.loading) return "wait"; // not joined yet, or paging
  const oldest = messages[0]?.seq ?? Infinity;
  // Past its seq and not held: deleted. No older pages (or paging failed): it cannot be had.
  if (oldest <= focus.seq || !history.hasMore || history.error !== undefined) return "missing";
  return "page";
}
