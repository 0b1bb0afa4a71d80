import { useState } from "react";
import type { Notification } from "@duplex/protocol";
import {
  browserSystemNotifications,
  type SystemNotifications,
} from "../store/systemNotifications.js";
import { DateTime } from "../i18n/DateTime.js";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { PushOptIn } from "../webpush/PushOptIn.js";
import { LinkButton } from "./LinkButton.js";

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
  const t = useT();
  return (
    <section id={id} className="popover centre" aria-label={t("centre.label")}>
      <div className="centre-head">
        <h2 className="popover-title">{t("centre.title")}</h2>
        <button
          type="button"
          className="button-secondary"
          disabled={unread === 0}
          onClick={markAllNotificationsRead}
        >
          {t("centre.markAll")}
        </button>
      </div>
      <SystemToggle system={system} />
      <PushOptIn />
      {items.length === 0 ? (
        <p className="muted centre-empty">{t("centre.empty")}</p>
      ) : (
        <ul className="centre-list" aria-label={t("centre.list")}>
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
  const t = useT();
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
        {!n.read && <span className="visually-hidden">{t("centre.unread")}</span>}
        {title}
      </p>
      {n.body && <p className="centre-body">{n.body}</p>}
      <div className="centre-meta">
        <DateTime ts={n.ts} />
        {!n.read && (
          <LinkButton
            label={t("centre.markReadLabel", { title: n.title })}
            onClick={() => markNotificationRead(n.id)}
          >
            {t("centre.markRead")}
          </LinkButton>
        )}
      </div>
    </li>
  );
}

/** Opt-in to system notifications: the browser's permission is asked only on this click. */
function SystemToggle({ system }: { system: SystemNotifications }) {
  const enabled = useDuplex((s) => s.notifications.systemEnabled);
  const { setSystemNotifications } = useActions();
  const t = useT();
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
        {t("centre.system")}
      </label>
      {permission === "denied" && <p className="muted">{t("centre.systemBlocked")}</p>}
    </div>
  );
}
