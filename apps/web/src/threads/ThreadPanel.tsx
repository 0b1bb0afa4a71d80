import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { ChatMessage } from "@duplex/protocol";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { MessageText } from "../components/MessageText.js";
import { absoluteTime } from "../components/relativeTime.js";

function ThreadMessage({ message, myName }: { message: ChatMessage; myName: string }) {
  const t = useT();
  return (
    <li className="thread-message" data-message-id={message.id}>
      <div className="thread-message-meta">
        <span className="thread-sender">{message.from.name}</span>
        <time dateTime={new Date(message.ts).toISOString()}>{absoluteTime(message.ts)}</time>
      </div>
      {message.deleted === true ? (
        <p className="message-text message-deleted">{t("message.deleted")}</p>
      ) : (
        <MessageText text={message.text} myName={myName} />
      )}
      {message.thread?.alsoToRoom === true && (
        <span className="thread-also-sent">{t("thread.alsoSent")}</span>
      )}
    </li>
  );
}

/** Where focus goes when the panel closes: the action that opened it, else the room's composer. */
function returnFocus(rootId: string): void {
  const opener = [...document.querySelectorAll<HTMLElement>("[data-thread-action]")].find(
    (el) => el.dataset.threadAction === rootId,
  );
  (opener ?? document.querySelector<HTMLElement>("textarea[data-composer]"))?.focus();
}

/**
 * A thread beside the conversation (full screen on a phone, with Back): the root, its replies, and a
 * composer of its own with "Also send to the room". Escape closes it and focus returns to its opener.
 */
export function ThreadPanel() {
  const t = useT();
  const { closeThread, sendThreadReply } = useActions();
  const view = useDuplex((s) => s.threads.view);
  const myName = useDuplex((s) => s.session.user?.name ?? s.session.name ?? "");
  const [text, setText] = useState("");
  const [alsoToRoom, setAlsoToRoom] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const titleId = useId();
  const rootId = view?.rootId;
  useEffect(() => {
    if (rootId !== undefined) input.current?.focus();
  }, [rootId]);
  if (!view) return null;

  const close = () => {
    closeThread();
    returnFocus(view.rootId);
  };
  const submit = (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    if (!sendThreadReply(text, alsoToRoom)) return;
    setText("");
    // The Send button is disabled now: typing goes on where it was.
    input.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      close();
    }
  };
  const count = view.replies.length;
  return (
    <aside className="thread-panel" aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <header className="thread-header">
        <button type="button" className="thread-close" onClick={close}>
          <span className="thread-back-text">← {t("thread.back")}</span>
          <span className="thread-close-text">{t("thread.close")}</span>
        </button>
        <h2 id={titleId}>{t("thread.title")}</h2>
      </header>
      <div className="thread-body">
        {view.root && (
          <ol className="thread-root" aria-label={t("thread.title")}>
            <ThreadMessage message={view.root} myName={myName} />
          </ol>
        )}
        {view.status === "loading" && <p className="thread-note">{t("thread.loading")}</p>}
        {view.status === "failed" && (
          <p className="thread-note" role="alert">
            {t("thread.failed")}
          </p>
        )}
        {view.status === "ready" && (
          <p className="thread-count">
            {count > 0 ? t("thread.replies", { count }) : t("thread.empty")}
          </p>
        )}
        <ol
          className="thread-replies"
          aria-live="polite"
          aria-label={t("thread.replies", { count })}
        >
          {view.replies.map((m) => (
            <ThreadMessage key={m.id} message={m} myName={myName} />
          ))}
        </ol>
      </div>
      <form className="thread-composer" onSubmit={submit}>
        <label className="visually-hidden" htmlFor={`${titleId}-input`}>
          {t("thread.composerLabel")}
        </label>
        <textarea
          id={`${titleId}-input`}
          ref={input}
          rows={2}
          value={text}
          placeholder={t("thread.composerLabel")}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) submit(e);
          }}
        />
        <div className="thread-composer-row">
          <label className="thread-also">
            <input
              type="checkbox"
              checked={alsoToRoom}
              onChange={(e) => setAlsoToRoom(e.target.checked)}
            />
            {t("thread.alsoToRoom")}
          </label>
          <button type="submit" className="thread-send" disabled={text.trim() === ""}>
            {t("thread.send")}
          </button>
        </div>
      </form>
    </aside>
  );
}
