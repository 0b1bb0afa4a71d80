import { useEffect, useRef } from "react";
import { useStoreApi } from "../store/storeContext.js";
import {
  browserSystemNotifications,
  type SystemNotifications,
} from "../store/systemNotifications.js";

/**
 * Mirrors each new toast as a system notification while the tab is hidden and the user opted in.
 * Renders nothing; the `tag` is the notification id, so two tabs of ours show it once.
 */
export function SystemNotificationBridge({
  system = browserSystemNotifications(),
}: {
  system?: SystemNotifications;
}) {
  const store = useStoreApi();
  const systemRef = useRef(system);
  systemRef.current = system;

  useEffect(
    () =>
      store.subscribe((state, prev) => {
        const { toasts, items, systemEnabled } = state.notifications;
        if (toasts === prev.notifications.toasts || !systemEnabled) return;
        const sys = systemRef.current;
        if (!sys.isHidden() || sys.permission() !== "granted") return;
        for (const id of toasts) {
          if (prev.notifications.toasts.includes(id)) continue;
          const n = items.find((item) => item.id === id);
          if (!n) continue;
          sys.show({
            title: n.title,
            body: n.body,
            tag: n.id,
            onClick: () => state.actions.openNotification(n.id),
          });
        }
      }),
    [store],
  );
  return null;
}
