import { memo, useState } from "react";
import type { Translate } from "../i18n/translate.js";
import { useT } from "../i18n/useT.js";
import type { TimelineItem } from "../store/timeline.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { GuestBadge } from "./GuestBadge.js";
import { MessageEditor } from "./MessageEditor.js";
import { MessageText } from "./MessageText.js";
import { absoluteTime, relativeTime } from "./relativeTime.js";
import { LazyMessageExtras, LazyReplyQuote } from "../reactions/LazyMessageExtras.js";
import { AttachmentView } from "../files/AttachmentView.js";
import { attachmentOf } from "../files/uploadPort.js";
import { ThreadAction } from "../threads/ThreadAction.js";
import { LinkButton } from "./LinkButton.js";

interface Row {
  sender: string;
  text: string;
  ts: number;
  own: boolean;
  /** Another user's message whose author is a guest. */
  guest: boolean;
  deleted: boolean;
  edited: boolean;
  /** Only our own messages carry a delivery status. */
  status?: { label: string; tone: "pending" | "sent" | "failed" };
}

function toRow(
  item: TimelineItem,
  myId: string | undefined,
  myName: string,
  t: Translate,
  /** Our delete of it waits out its undo time: shown as done. */
  held: boolean,
): Row {
  if (item.kind === "stored") {
    const { message } = item;
    const own = message.from.id === myId;
    const deleted = message.deleted === true || held;
    return {
      sender: message.from.name,
      text: deleted ? "" : message.text,
      ts: message.ts,
      own,
      guest: !own && message.from.guest === true,
      deleted,
      edited: message.editedAt !== undefined && !deleted,
      // "Sent" is about a text; a deleted one has none left to vouch for.
      ...(own && !deleted && { status: { label: t("message.sent"), tone: "sent" } }),
    };
  }
  const { entry } = item;
  const status: Row["status"] =
    entry.status === "acked"
      ? { label: t("message.sent"), tone: "sent" }
      : entry.status === "failed"
        ? {
            label: t("message.failed", { error: entry.error ?? t("message.notDelivered") }),
            tone: "failed",
          }
        : { label: t("message.sending"), tone: "pending" };
  return {
    sender: myName,
    text: entry.text,
    ts: entry.createdAt,
    own: true,
    guest: false,
    deleted: false,
    edited: false,
    status,
  };
}

export interface MessageItemProps {
  item: TimelineItem;
  myId: string | undefined;
  myName: string;
  /** Same sender within a minute of the previous message: no header of its own. */
  continued?: boolean;
  /** The clock relative times are measured against. @default Date.now() at render */
  now?: number;
}

/** One message. Text is rendered as React elements (text, links, mentions): never as HTML. */
function MessageItemView({ item, myId, myName, continued = false, now }: MessageItemProps) {
  const { retryMessage, discardMessage, editMessage, deleteMessage } = useActions();
  const [editing, setEditing] = useState(false);
  // A hook, so this memoised row still re-renders when the language changes.
  const t = useT();
  const held = useDuplex(
    (s) => item.kind === "stored" && s.chat.heldDeletes.some((h) => h.id === item.message.id),
  );
  const row = toRow(item, myId, myName, t, held);
  const failedCid =
    item.kind === "outgoing" && item.entry.status === "failed" ? item.entry.cid : null;
  const editable = item.kind === "stored" && row.own && !row.deleted ? item.message : null;
  const attachment =
    item.kind === "stored" && !row.deleted ? attachmentOf(item.message) : undefined;
  const classes = [
    "message",
    row.own ? "message-own" : "",
    continued ? "message-continued" : "",
    row.status ? `is-${row.status.tone}` : "",
    editing ? "is-editing" : "",
  ];
  return (
    <li
      className={classes.filter(Boolean).join(" ")}
      // An opened notification finds its message by this (useMessageFocus).
      data-message-id={item.kind === "stored" ? item.message.id : undefined}
    >
      {!continued && (
        <div className="message-meta">
          <span className="message-sender">
            {row.sender}
            {row.guest && <GuestBadge />}
            {row.own && <span className="message-you">{t("message.you")}</span>}
          </span>
          <time dateTime={new Date(row.ts).toISOString()} title={absoluteTime(row.ts)}>
            {relativeTime(row.ts, now ?? Date.now())}
          </time>
        </div>
      )}
      {item.kind === "stored" && !row.deleted && <LazyReplyQuote message={item.message} />}
      {editing && editable ? (
        <MessageEditor
          initial={editable.text}
          onCancel={() => setEditing(false)}
          onSave={(text) => {
            if (editMessage(editable.room, editable.id, text)) setEditing(false);
          }}
        />
      ) : row.deleted ? (
        <p className="message-text message-deleted">{t("message.deleted")}</p>
      ) : (
        // An attachment's message may carry the file name as its text (for older readers).
        (attachment === undefined || (row.text !== "" && row.text !== attachment.name)) && (
          <MessageText text={row.text} myName={myName} />
        )
      )}
      {attachment && !editing && <AttachmentView attachment={attachment} />}
      {(row.edited || row.status) && (
        <div className="message-foot">
          {row.edited && <span className="message-note">{t("message.edited")}</span>}
          {row.status && (
            <span className={`message-status status-${row.status.tone}`}>{row.status.label}</span>
          )}
          {failedCid !== null && (
            <>
              <LinkButton onClick={() => retryMessage(failedCid)}>{t("message.retry")}</LinkButton>
              <LinkButton onClick={() => discardMessage(failedCid)}>
                {t("message.discard")}
              </LinkButton>
            </>
          )}
        </div>
      )}
      {item.kind === "stored" && !row.deleted && <LazyMessageExtras message={item.message} />}
      {item.kind === "stored" && !row.deleted && <ThreadAction message={item.message} />}
      {editable && !editing && (
        <div className="message-actions">
          <button type="button" onClick={() => setEditing(true)}>
            {t("message.edit")}
          </button>
          <button type="button" onClick={() => deleteMessage(editable.room, editable.id)}>
            {t("message.delete")}
          </button>
        </div>
      )}
    </li>
  );
}

function sameItem(a: TimelineItem, b: TimelineItem): boolean {
  if (a.kind === "stored" && b.kind === "stored") return a.message === b.message;
  if (a.kind === "outgoing" && b.kind === "outgoing") return a.entry === b.entry;
  return false;
}

/** Re-renders only when its message (or how it is shown) changed, so long lists stay cheap. */
export const MessageItem = memo(
  MessageItemView,
  (a, b) =>
    sameItem(a.item, b.item) &&
    a.myId === b.myId &&
    a.myName === b.myName &&
    a.continued === b.continued &&
    a.now === b.now,
);
