import { useEffect } from "react";
import { useDuplex } from "../store/storeContext.js";

/** The product name: the same in every language, like the page's `<title>`. */
export const APP_TITLE = "Duplex";

/** Puts the unread notification count in the tab title, "(3) Duplex", so a background tab shows news. */
export function useTabTitle(): void {
  const unread = useDuplex((s) => s.notifications.unread);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${APP_TITLE}` : APP_TITLE;
  }, [unread]);
}
