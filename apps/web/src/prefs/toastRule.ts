import { notifyDecision, type Notification, type NotifyKind } from "@duplex/protocol";
import { levelOf, type PrefsSlice } from "./prefsSlice.js";

function kindOf(notification: Pick<Notification, "kind">): NotifyKind {
  return notification.kind === "mention" || notification.kind === "dm"
    ? notification.kind
    : "message";
}

/**
 * Whether a new notification may interrupt the user as a toast (and so as a desktop notification,
 * which mirrors toasts): the server's rule (protocol `notifyDecision`) under our preferences.
 * During do-not-disturb it is still listed in the notification centre, only not shown.
 */
export function mayToast(
  notification: Pick<Notification, "kind" | "link">,
  prefs: PrefsSlice,
  now: number,
): boolean {
  const room = notification.link?.room;
  const level = room === undefined ? "all" : levelOf(prefs, room);
  return notifyDecision(level, prefs.dndUntil, kindOf(notification), now);
}
