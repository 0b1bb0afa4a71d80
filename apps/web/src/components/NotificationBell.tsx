import { useShallow } from "zustand/react/shallow";
import type { SystemNotifications } from "../store/systemNotifications.js";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { BellIcon } from "./icons.js";
import { NotificationCentre } from "./NotificationCentre.js";
import { PopoverButton } from "./PopoverButton.js";

/** The header's bell: the unread count at a glance, and the notification centre under it. */
export function NotificationBell({ system }: { system?: SystemNotifications }) {
  const { unread, open } = useDuplex(
    useShallow((s) => ({ unread: s.notifications.unread, open: s.notifications.centreOpen })),
  );
  const { setNotificationCentreOpen } = useActions();
  const t = useT();
  const label = unread > 0 ? t("bell.labelUnread", { count: unread }) : t("bell.label");
  return (
    <PopoverButton
      open={open}
      onOpenChange={setNotificationCentreOpen}
      className="bell-anchor"
      buttonClassName="header-button bell"
      label={label}
      button={
        <>
          <BellIcon />
          {unread > 0 && (
            <span className="bell-badge" aria-hidden="true">
              {unread > 99 ? "99+" : unread}
            </span>
          )}
        </>
      }
    >
      {(id) => <NotificationCentre id={id} {...(system && { system })} />}
    </PopoverButton>
  );
}
