import { useEffect, useRef } from "react";
import "../styles/account-page.css";
import { useT } from "../i18n/useT.js";
import { AuditPanel } from "./AuditPanel.js";
import { PasskeysPanel } from "./PasskeysPanel.js";
import { SessionsPanel } from "./SessionsPanel.js";

/** The account screen in place of the conversation: devices, and the moderation log for moderators. */
export function AccountPage({ onClose }: { onClose: () => void }) {
  const t = useT();
  const back = useRef<HTMLButtonElement>(null);
  // Opened from the header: focus lands on the page, not left behind on a button now far away.
  useEffect(() => back.current?.focus(), []);
  return (
    <div
      className="account-page"
      id="account-page"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <button type="button" ref={back} className="account-back" onClick={onClose}>
        {t("sessions.back")}
      </button>
      <SessionsPanel />
      <PasskeysPanel />
      <AuditPanel />
    </div>
  );
}
