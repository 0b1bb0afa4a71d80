import type { Notification } from "@duplex/protocol";
import type { StoreApi } from "zustand/vanilla";
import type { DuplexState } from "./state.js";

/** Whether the page is in front of the user (a hidden tab has seen nothing). */
export type PageVisible = () => boolean;

const documentVisible: PageVisible = () =>
  typeof document === "undefined" || document.visibilityState === "visible";

/** A `dm` notification of the conversation the user is looking at tells them nothing new. */
export function isDmOnScreen(
  notification: Notification,
  state: DuplexState,
  visible: PageVisible = documentVisible,
): boolean {
  return (
    notification.kind === "dm" &&
    notification.link?.room === state.rooms.current &&
    state.session.user !== undefined &&
    visible()
  );
}

/**
 * Marks `dm` notifications read once their conversation is on screen in a visible tab (opened
 * from the sidebar, or arriving while it is open), so the bell and the tab title count only the
 * direct messages the user has not seen.
 */
export function attachDmSeen(
  store: StoreApi<DuplexState>,
  visible: PageVisible = documentVisible,
): void {
  function markSeen(state: DuplexState): void {
    const seen = state.notifications.items.filter(
      (n) => !n.read && isDmOnScreen(n, state, visible),
    );
    for (const n of seen) state.actions.markNotificationRead(n.id);
  }
  store.subscribe((state, previous) => {
    if (
      state.rooms.current !== previous.rooms.current ||
      state.notifications.items !== previous.notifications.items
    ) {
      markSeen(state);
    }
  });
  if (typeof document !== "undefined") {
    document.addEventListener("visibilitychange", () => markSeen(store.getState()));
  }
}
