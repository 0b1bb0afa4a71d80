import { useT } from "../i18n/useT.js";
import { useDuplex } from "../store/storeContext.js";
import { connectionLabel } from "./connectionLabel.js";
import { useNow } from "./useNow.js";

export function StatusPill() {
  const t = useT();
  const connection = useDuplex((s) => s.connection);
  const now = useNow(connection.status === "reconnecting");
  const label = connectionLabel(connection, now, t);
  return (
    <p role="status" aria-live="polite" className={`status-pill status-${label.tone}`}>
      <span className="status-dot" aria-hidden="true" />
      <span>
        {label.lead}
        {label.countdown && <span aria-hidden="true">{label.countdown}</span>}
        {label.trail}
      </span>
    </p>
  );
}
