import { useT } from "../i18n/useT.js";
import { useDuplex } from "../store/storeContext.js";
import "../styles/session.css";

/** On the sign-in screen: why the server ended the last session (signed out elsewhere, or banned). */
export function SessionEndedNotice() {
  const ended = useDuplex((s) => s.session.ended);
  const t = useT();
  if (ended === undefined) return null;
  return (
    <p role="alert" className="session-notice session-ended">
      {t(ended === "banned" ? "sessionEnded.banned" : "sessionEnded.revoked")}
    </p>
  );
}
