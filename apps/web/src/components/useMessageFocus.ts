import { useEffect } from "react";
import { useDuplex } from "../store/storeContext.js";

/** How long an opened message stays highlighted. */
export const HIGHLIGHT_MS = 2500;

/**
 * Scrolls to the message an opened notification points to, once its room shows it, and highlights
 * it briefly. Rows carry `data-message-id`; the store has already paged history back to it.
 */
export function useMessageFocus(): void {
  const focus = useDuplex((s) => s.notifications.focus);
  const room = useDuplex((s) => s.rooms.current);
  const ready = focus?.status === "ready" && focus.room === room;
  const messageId = ready ? focus.messageId : undefined;
  const nonce = focus?.nonce;

  useEffect(() => {
    if (messageId === undefined) return;
    let row: Element | null = null;
    let clear: ReturnType<typeof setTimeout> | undefined;
    // After the list's own layout effect (which may pin the scroll to the bottom).
    const frame = requestAnimationFrame(() => {
      row =
        [...document.querySelectorAll<HTMLElement>("[data-message-id]")].find(
          (el) => el.dataset.messageId === messageId,
        ) ?? null;
      if (!row) return;
      row.scrollIntoView({ block: "center", behavior: "smooth" });
      // Focus follows, so the keyboard continues from the message instead of from <body>.
      if (row instanceof HTMLElement) {
        row.tabIndex = -1;
        row.focus({ preventScroll: true });
      }
      row.classList.add("is-highlighted");
      clear = setTimeout(() => row?.classList.remove("is-highlighted"), HIGHLIGHT_MS);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (clear !== undefined) clearTimeout(clear);
      row?.classList.remove("is-highlighted");
    };
  }, [messageId, nonce]);
}
