import { CloseCode } from "@duplex/protocol";
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
  if (code === CloseCode.UpgradeRequired) {
    return (
      <p role="alert" className="session-notice">
        Please reload: the server was upgraded.{" "}
        <button type="button" className="button-secondary" onClick={onReload}>
          Reload
        </button>
      </p>
    );
  }
  if (code === CloseCode.Unauthorized) {
    return (
      <p role="alert" className="session-notice">
        Signed out: your session expired.{" "}
        <button type="button" className="button-secondary" onClick={reconnect}>
          Sign in again
        </button>
      </p>
    );
  }
  return <ReconnectButton />;
}
