import { SIGNED_OUT } from "@duplex/client";
import type { OutboxEntry } from "@duplex/client";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import "../styles/session.css";
import { LinkButton } from "./LinkButton.js";

const isSignedOut = (e: OutboxEntry) => e.status === "failed" && e.error === SIGNED_OUT;

/**
 * Messages queued under an identity the server refused (4401). They are never sent as someone else
 * without the user's say: once signed in again, "Send as <name>" re-sends them, "Discard" drops them.
 */
export function SignedOutMessages() {
  const outbox = useDuplex((s) => s.messages.outbox);
  // Only a live session has a name to send as.
  const newName = useDuplex((s) =>
    s.connection.status === "open" ? s.session.user?.name : undefined,
  );
  const cids = outbox.filter(isSignedOut).map((e) => e.cid);
  const { retryMessage, discardMessage } = useActions();
  const t = useT();
  if (cids.length === 0) return null;
  return (
    <section className="signed-out-messages" aria-label={t("signedOut.label")}>
      <p>{t("signedOut.count", { count: cids.length })}</p>
      {newName !== undefined && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => cids.forEach(retryMessage)}
        >
          {t("signedOut.sendAs", { name: newName })}
        </button>
      )}
      <LinkButton onClick={() => cids.forEach(discardMessage)}>{t("signedOut.discard")}</LinkButton>
    </section>
  );
}
