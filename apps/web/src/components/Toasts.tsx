import { useEffect, useRef, useState } from "react";
import type { Notification } from "@duplex/protocol";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { UndoDeleteToasts } from "./UndoDeleteToasts.js";
import { LinkButton } from "./LinkButton.js";

/** How long a toast stays while the pointer and focus are elsewhere. */
export const TOAST_MS = 5000;
/** From this many toasts at once, one summary stands for them (a burst would cover a phone). */
export const GROUP_AT = 3;

/**
 * New notifications, briefly. One polite live region announces each as it appears (a toast is news,
 * not an interruption); the bell's centre keeps them after the toast goes.
 */
export function Toasts() {
  const toasts = useDuplex((s) => s.notifications.toasts);
  const t = useT();
  return (
    <section className="toasts" role="status" aria-live="polite" aria-label={t("toasts.label")}>
      {toasts.length >= GROUP_AT ? (
        <GroupToast ids={toasts} />
      ) : (
        toasts.map((id) => <Toast key={id} id={id} />)
      )}
      <UndoDeleteToasts />
    </section>
  );
}

/** A burst as one toast: how many, and the way to the centre that lists them. */
function GroupToast({ ids }: { ids: readonly string[] }) {
  const { dismissToast, setNotificationCentreOpen } = useActions();
  const t = useT();
  const title = t("toasts.group", { count: ids.length });
  const dismissAll = () => {
    for (const id of ids) dismissToast(id);
  };
  const [paused, setPaused] = useState(false);
  // Goes like a single toast; each newcomer to the burst restarts the clock.
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => {
      for (const id of ids) dismissToast(id);
    }, TOAST_MS);
    return () => clearTimeout(timer);
  }, [paused, ids, dismissToast]);
  return (
    <article
      className="toast toast-info"
      aria-label={title}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <span className="toast-mark" aria-hidden="true">
        {ids.length}
      </span>
      <div className="toast-content">
        <p className="toast-title">{title}</p>
        <LinkButton
          onClick={() => {
            dismissAll();
            setNotificationCentreOpen(true);
          }}
        >
          {t("toasts.showAll")}
        </LinkButton>
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label={t("toast.dismiss", { title })}
        onClick={dismissAll}
      >
        ×
      </button>
    </article>
  );
}

function Toast({ id }: { id: string }) {
  const notification = useDuplex((s) => s.notifications.items.find((n) => n.id === id));
  const { dismissToast, openNotification } = useActions();
  const t = useT();
  const [paused, setPaused] = useState(false);
  const remaining = useRef(TOAST_MS);

  // Hover or focus holds the toast (WCAG 2.2.1: the user can read it at their own pace).
  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = setTimeout(() => dismissToast(id), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(0, remaining.current - (Date.now() - started));
    };
  }, [paused, id, dismissToast]);

  if (!notification) return null;
  return (
    <article
      className={`toast toast-${notification.level}`}
      aria-label={notification.title}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <span className="toast-mark" aria-hidden="true">
        {levelMark(notification)}
      </span>
      <div className="toast-content">
        <p className="toast-title">{notification.title}</p>
        {notification.body && <p className="toast-body">{notification.body}</p>}
        {notification.link && (
          <LinkButton onClick={() => openNotification(id)}>{t("toast.open")}</LinkButton>
        )}
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label={t("toast.dismiss", { title: notification.title })}
        onClick={() => dismissToast(id)}
      >
        ×
      </button>
    </article>
  );
}

function levelMark(notification: Notification): string {
  if (notification.kind === "mention") return "@";
  if (notification.kind === "dm") return "✉";
  switch (notification.level) {
    case "success":
      return "✓";
    case "warning":
      return "!";
    case "error":
      return "×";
    case "info":
      return "i";
  }
}
