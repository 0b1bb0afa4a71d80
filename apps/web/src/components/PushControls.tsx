import { NotificationBell } from "./NotificationBell.js";
import { ServerStats } from "./ServerStats.js";
import { SystemNotificationBridge } from "./SystemNotificationBridge.js";
import { Toasts } from "./Toasts.js";
import { useMessageFocus } from "./useMessageFocus.js";
import "../styles/push.css";

/** Server push in the header: live server stats and the notification bell. */
export function PushControls() {
  return (
    <div className="push-controls">
      <ServerStats />
      <NotificationBell />
    </div>
  );
}

/** Server push over the page: toasts, system notifications, and focusing an opened mention. */
export function PushLayer() {
  useMessageFocus();
  return (
    <>
      <Toasts />
      <SystemNotificationBridge />
    </>
  );
}
