import { useT } from "../i18n/useT.js";

/** An unread count on a button, capped at "99+", read out as "N unread". */
export function UnreadBadge({ count }: { count: number }) {
  const t = useT();
  if (count <= 0) return null;
  return (
    <span className="unread-badge">
      {count > 99 ? "99+" : count}
      <span className="visually-hidden">{t("rooms.unread")}</span>
    </span>
  );
}
