import { CloseCode } from "@duplex/protocol";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { ReconnectButton } from "./ReconnectButton.js";
import "../styles/session.css";

function reloadPage(): void {
  window.location.reload();
}

export interface SessionNoticeProps {
  /** What "Reload" does. @default window.location.reload */
  onReload?: () => void;
}

/**
 * Where the client stopped for good, says why and offers the one way out: a reload when the server no
 * longer speaks this build's protocol (4426), signing in again when the token was refused (4401), else
 * the plain Reconnect button.
 */
export function SessionNotice({ onReload = reloadPage }: SessionNoticeProps) {
  const code = useDuplex((s) =>
    s.connection.status === "closed" ? s.connection.lastClose?.code : undefined,
  );
  const { reconnect } = useActions();
  const t = useT();
  if (code === CloseCode.UpgradeRequired) {
    return (
      <p role="alert" className="session-notice">
        {t("session.upgraded")}{" "}
        <button type="button" className="button-secondary" onClick={onReload}>
          {t("session.reload")}
        </button>
      </p>
    );
  }
  if (code === CloseCode.Unauthorized) {
    return (
      <p role="alert" className="session-notice">
        {t("session.expired")}{" "}
        <button type="button" className="button-secondary" onClick={reconnect}>
          {t("session.signInAgain")}
        </button>
      </p>
    );
  }
  return <ReconnectButton />;
}
