import { useT } from "../i18n/useT.js";
import { useDuplex } from "../store/storeContext.js";

/** Under the join form: why the server refused the last join (a private room: ask for an invite). */
export function JoinRefusedNotice() {
  const refused = useDuplex((s) => s.rooms.refused);
  const t = useT();
  if (refused === undefined) return null;
  return (
    <p role="alert" className="field-error">
      {refused.code === "unauthorized"
        ? t("room.refusedPrivate", { room: refused.room })
        : t("room.refused", { room: refused.room, reason: refused.message })}
    </p>
  );
}
