import type { ServerMessage } from "@duplex/protocol";
import type { DuplexState } from "./state.js";
import { applyRead, receiveNotification } from "./notificationsSlice.js";
import { isDmOnScreen } from "./dmNotificationsSeen.js";
import { mayToast } from "../prefs/toastRule.js";
import { appendSample } from "./statsSlice.js";

/**
 * The notifications' and stats' part of the reducer: pushed and replayed notifications, read state
 * from other tabs, stats samples.
 */
export function applyPushMessage(
  state: DuplexState,
  message: ServerMessage,
  now: number,
): DuplexState {
  switch (message.type) {
    case "welcome":
      // The server replays unread notifications after every welcome. Those from before this page
      // first connected were news on an earlier visit: they wait in the bell instead of covering the
      // page with toasts on every load. Ones that arrive while offline are newer, so they still toast.
      if (state.page.connectedAt !== undefined) return state;
      return { ...state, page: { ...state.page, connectedAt: message.serverTime } };
    case "notification": {
      const { notification } = message;
      const since = state.page.connectedAt;
      const toast =
        (since === undefined || notification.ts >= since) &&
        !isDmOnScreen(notification, state) &&
        mayToast(notification, state.prefs, now);
      const next = receiveNotification(state.notifications, notification, toast).slice;
      return next === state.notifications ? state : { ...state, notifications: next };
    }
    case "notifications_read": {
      const read = applyRead(state.notifications, message.ids, message.all === true);
      // A toast of something read in another tab is no longer news.
      const toasts = read.toasts.filter((id) => read.items.some((i) => i.id === id && !i.read));
      const next = toasts.length === read.toasts.length ? read : { ...read, toasts };
      return next === state.notifications ? state : { ...state, notifications: next };
    }
    case "data":
      if (!state.stats.visible) return state;
      return { ...state, stats: appendSample(state.stats, message.ts, message.value) };
    default:
      return state;
  }
}
