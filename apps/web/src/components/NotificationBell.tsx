import { useEffect, useId, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import type { SystemNotifications } from "../store/systemNotifications.js";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { NotificationCentre } from "./NotificationCentre.js";

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

  // A popover closes on Escape (focus back on the bell) and on a click outside it.
  useEffect(() => {
    if (!open) return;
    function onKey(event: KeyboardEvent) {
      if (event.key !== "Escape") return;
      setNotificationCentreOpen(false);
      button.current?.focus();
    }
    function onPointer(event: PointerEvent) {
      if (event.target instanceof Node && !anchor.current?.contains(event.target)) {
        setNotificationCentreOpen(false);
      }
    }
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open, setNotificationCentreOpen]);

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
