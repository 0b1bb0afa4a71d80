import { useCallback, useId, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import type { SystemNotifications } from "../store/systemNotifications.js";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { NotificationCentre } from "./NotificationCentre.js";
import { usePopoverDismiss } from "./usePopoverDismiss.js";

/** The header's bell: the unread count at a glance, and the notification centre under it. */
export function NotificationBell({ system }: { system?: SystemNotifications }) {
  const { unread, open } = useDuplex(
    useShallow((s) => ({ unread: s.notifications.unread, open: s.notifications.centreOpen })),
  );
  const { setNotificationCentreOpen } = useActions();
  const t = useT();
  const centreId = useId();
  const anchor = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const closeCentre = useCallback(
    () => setNotificationCentreOpen(false),
    [setNotificationCentreOpen],
  );
  usePopoverDismiss(open, closeCentre, anchor, button);

  const label = unread > 0 ? t("bell.labelUnread", { count: unread }) : t("bell.label");
  return (
    <div className="bell-anchor" ref={anchor}>
      <button
        ref={button}
        type="button"
        className="header-button bell"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? centreId : undefined}
        onClick={() => setNotificationCentreOpen(!open)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="bell-badge" aria-hidden="true">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && <NotificationCentre id={centreId} {...(system && { system })} />}
    </div>
  );
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        d="M12 3a6 6 0 0 0-6 6v3.6L4.4 15.5A1 1 0 0 0 5.3 17h13.4a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15.5a2.5 2.5 0 0 0 5 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
