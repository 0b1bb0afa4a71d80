import { useEffect } from "react";
import { useShallow } from "zustand/react/shallow";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";

/** While the directory is open its counts refresh on this period (pushed updates land as well). */
const REFRESH_MS = 10_000;

/** Public rooms with how many people are online in each; a click joins. */
export function RoomDirectory() {
  const { rooms, status, error } = useDuplex(
    useShallow((s) => ({
      rooms: s.chat.directory.rooms,
      status: s.chat.directory.status,
      error: s.chat.directory.error,
    })),
  );
  const online = useDuplex((s) => s.connection.status === "open");
  const joined = useDuplex((s) => s.rooms.joined);
  const { refreshDirectory, joinRoom, setPanel } = useActions();
  const t = useT();

  useEffect(() => {
    if (!online) return;
    refreshDirectory();
    const timer = setInterval(refreshDirectory, REFRESH_MS);
    return () => clearInterval(timer);
  }, [online, refreshDirectory]);

  return (
    <section className="sidebar-section" aria-labelledby="directory-title">
      <h2 id="directory-title" className="sidebar-title">
        {t("directory.title")}
      </h2>
      {status === "error" && (
        <p className="sidebar-note">{t("directory.error", { error: error ?? "" })}</p>
      )}
      {status !== "error" && rooms.length === 0 && (
        <p className="sidebar-note">
          {status === "ready" ? t("directory.empty") : t("directory.loading")}
        </p>
      )}
      <ul className="directory" aria-label={t("directory.list")}>
        {rooms.map((r) => (
          <li key={r.room}>
            <button
              type="button"
              className="room-link"
              onClick={() => {
                joinRoom(r.room);
                setPanel(null);
              }}
            >
              <span className="room-name">#{r.room}</span>
              <span className="online-count" title={t("directory.online", { count: r.online })}>
                {joined.includes(r.room) ? t("directory.joined") : ""}
                {t("directory.online", { count: r.online })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
