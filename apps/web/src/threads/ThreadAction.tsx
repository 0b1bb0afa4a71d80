import type { ChatMessage } from "@duplex/protocol";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import "./threads.css";

/**
 * Under a message: "Reply in thread", or "N replies" with its unread count once it has some. Opens
 * the thread beside the conversation; focus comes back here when it closes (`data-thread-action`).
 */
export function ThreadAction({ message }: { message: ChatMessage }) {
  const t = useT();
  const { openThread } = useActions();
  const summary = useDuplex((s) => s.threads.summaries[message.id]) ?? message.threadSummary;
  const open = useDuplex((s) => s.threads.view?.rootId === message.id);
  // A reply is not a root: threads are one level deep.
  if (message.thread !== undefined) return null;
  const count = summary?.replyCount ?? 0;
  const unread = summary?.unread ?? 0;
  return (
    <button
      type="button"
      className={`link-button thread-action${count > 0 ? " has-replies" : ""}`}
      data-thread-action={message.id}
      aria-expanded={open}
      onClick={() => openThread(message.room, message.id)}
    >
      {count > 0 ? t("thread.replies", { count }) : t("thread.action")}
      {unread > 0 && " "}
      {unread > 0 && <span className="thread-unread">{t("thread.unread", { count: unread })}</span>}
    </button>
  );
}
