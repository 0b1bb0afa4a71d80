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
  const notice =
    code === CloseCode.UpgradeRequired
      ? { text: t("session.upgraded"), action: t("session.reload"), onClick: onReload }
      : code === CloseCode.Unauthorized
        ? { text: t("session.expired"), action: t("session.signInAgain"), onClick: reconnect }
        : undefined;
  if (notice === undefined) return <ReconnectButton />;
  return (
    <p role="alert" className="session-notice">
      {notice.text}{" "}
      <button type="button" className="button-secondary" onClick={notice.onClick}>
        {notice.action}
      </button>
    </p>
  );
}
