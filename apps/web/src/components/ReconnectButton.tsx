import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";

/** Shown only once the client has stopped retrying (a fatal close such as an expired token). */
export function ReconnectButton() {
  const closed = useDuplex((s) => s.connection.status === "closed");
  const { reconnect } = useActions();
  const t = useT();
  if (!closed) return null;
  return (
    <button type="button" className="button-secondary" onClick={reconnect}>
      {t("connection.reconnect")}
    </button>
  );
}
