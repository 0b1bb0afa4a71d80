import { SIGNED_OUT } from "@duplex/client";
import type { OutboxEntry } from "@duplex/client";
import { useActions, useDuplex } from "../store/storeContext.js";
import "../styles/session.css";

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
  if (cids.length === 0) return null;
  const count = cids.length === 1 ? "1 message" : `${cids.length} messages`;
  return (
    <section className="signed-out-messages" aria-label="Messages not sent">
      <p>{count} not sent — signed out.</p>
      {newName !== undefined && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => cids.forEach(retryMessage)}
        >
          Send as {newName}
        </button>
      )}
      <button type="button" className="link-button" onClick={() => cids.forEach(discardMessage)}>
        Discard
      </button>
    </section>
  );
}
