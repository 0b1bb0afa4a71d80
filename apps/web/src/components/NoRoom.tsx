import { DEFAULT_ROOM } from "../store/roomsSlice.js";
import { useActions } from "../store/storeContext.js";
import { useT } from "../i18n/useT.js";

/** Shown after leaving the last room: nothing to read or send, and the way back. */
export function NoRoom() {
  const t = useT();
  const { joinRoom } = useActions();
  return (
    <section className="no-room" aria-labelledby="no-room-title">
      <h2 id="no-room-title">{t("room.none")}</h2>
      <p>{t("room.noneHint")}</p>
      <button type="button" className="button-primary" onClick={() => joinRoom(DEFAULT_ROOM)}>
        {t("room.backToGeneral")}
      </button>
    </section>
  );
}
