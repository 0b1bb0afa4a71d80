import { useState } from "react";
import type { Notification } from "@duplex/protocol";
import {
  browserSystemNotifications,
  type SystemNotifications,
} from "../store/systemNotifications.js";
import { useActions, useDuplex } from "../store/storeContext.js";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Every notification we know, newest first, with mark-read and the system notifications opt-in. */
export function NotificationCentre({
  id,
  system = browserSystemNotifications(),
}: {
  id: string;
  system?: SystemNotifications;
}) {
  const items = useDuplex((s) => s.notifications.items);
  const unread = useDuplex((s) => s.notifications.unread);
  const { markAllNotificationsRead } = useActions();
  return (
    <section id={id} className="popover centre" aria-label="Notification centre">
      <div className="centre-head">
        <h2 className="popover-title">Notifications</h2>
        <button
          type="button"
          className="button-secondary"
          disabled={unread === 0}
          onClick={markAllNotificationsRead}
        >
          Mark all read
        </button>
      </div>
      <SystemToggle system={system} />
      {items.length === 0 ? (
        <p className="muted centre-empty">Nothing yet. Mentions and announcements show up here.</p>
      ) : (
        <ul className="centre-list" aria-label="Notifications">
          {items.map((n) => (
            <CentreItem key={n.id} notification={n} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CentreItem({ notification: n }: { notification: Notification }) {
  const { markNotificationRead, openNotification } = useActions();
  const title = n.link ? (
    <button type="button" className="centre-open" onClick={() => openNotification(n.id)}>
      {n.title}
    </button>
  ) : (
    n.title
  );
  return (
    <li className={`centre-item level-${n.level}${n.read ? "" : " is-unread"}`}>
      <p className="centre-title">
        {!n.read && <span className="visually-hidden">Unread: </span>}
        {title}
      </p>
      {n.body && <p className="centre-body">{n.body}</p>}
      <div className="centre-meta">
        <time dateTime={new Date(n.ts).toISOString()}>{when.format(n.ts)}</time>
        {!n.read && (
          <button
            type="button"
            className="link-button"
            aria-label={`Mark "${n.title}" read`}
            onClick={() => markNotificationRead(n.id)}
          >
            Mark read
          </button>
        )}
      </div>
    </li>
  );
}

/** Opt-in to system notifications: the browser's permission is asked only on this click. */
function SystemToggle({ system }: { system: SystemNotifications }) {
  const enabled = useDuplex((s) => s.notifications.systemEnabled);
  const { setSystemNotifications } = useActions();
  const [permission, setPermission] = useState(() => system.permission());
  if (permission === "unsupported") return null;

  async function toggle(on: boolean) {
    if (on && permission !== "granted") {
      const answer = await system.requestPermission();
      setPermission(answer);
      if (answer !== "granted") return;
    }
    setSystemNotifications(on);
  }

  return (
    <div className="centre-system">
      <label>
        <input
          type="checkbox"
          checked={enabled && permission === "granted"}
          disabled={permission === "denied"}
          onChange={(event) => void toggle(event.currentTarget.checked)}
        />{" "}
        Desktop notifications while this tab is hidden
      </label>
      {permission === "denied" && <p className="muted">Blocked in the browser's site settings.</p>}
    </div>
  );
}
