import { useDuplex } from "../store/storeContext.js";
import { connectionLabel } from "./connectionLabel.js";
import { useNow } from "./useNow.js";

export function StatusPill() {
  const connection = useDuplex((s) => s.connection);
  const now = useNow(connection.status === "reconnecting");
  const label = connectionLabel(connection, now);
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
