import type { TimelineItem } from "../store/timeline.js";
import { useActions } from "../store/storeContext.js";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

interface Row {
  sender: string;
  text: string;
  ts: number;
  own: boolean;
  /** Only our own messages carry a delivery status. */
  status?: { label: string; tone: "pending" | "sent" | "failed" };
  note?: string;
}

function toRow(item: TimelineItem, myId: string | undefined, myName: string): Row {
  if (item.kind === "stored") {
    const { message } = item;
    const own = message.from.id === myId;
    return {
      sender: message.from.name,
      text: message.deleted ? "" : message.text,
      ts: message.ts,
      own,
      ...(own && { status: { label: "Sent", tone: "sent" } }),
      ...(message.deleted
        ? { note: "message deleted" }
        : message.editedAt !== undefined && { note: "edited" }),
    };
  }
  const { entry } = item;
  const status: Row["status"] =
    entry.status === "acked"
      ? { label: "Sent", tone: "sent" }
      : entry.status === "failed"
        ? { label: `Failed: ${entry.error ?? "not delivered"}`, tone: "failed" }
        : { label: "Sending…", tone: "pending" };
  return { sender: myName, text: entry.text, ts: entry.createdAt, own: true, status };
}

/** One message. Text is rendered as a React text node, so markup in it shows literally. */
export function MessageItem({
  item,
  myId,
  myName,
}: {
  item: TimelineItem;
  myId: string | undefined;
  myName: string;
}) {
  const { retryMessage, discardMessage } = useActions();
  const row = toRow(item, myId, myName);
  const failedCid =
    item.kind === "outgoing" && item.entry.status === "failed" ? item.entry.cid : null;
  const classes = [
    "message",
    row.own ? "message-own" : "",
    row.status ? `is-${row.status.tone}` : "",
  ];
  return (
    <li className={classes.filter(Boolean).join(" ")}>
      <div className="message-meta">
        <span className="message-sender">
          {row.sender}
          {row.own && <span className="message-you"> (you)</span>}
        </span>
        <time dateTime={new Date(row.ts).toISOString()}>{timeFormat.format(row.ts)}</time>
      </div>
      <p className="message-text">{row.text}</p>
      {(row.note !== undefined || row.status) && (
        <div className="message-foot">
          {row.note !== undefined && <span className="message-note">{row.note}</span>}
          {row.status && (
            <span className={`message-status status-${row.status.tone}`}>{row.status.label}</span>
          )}
          {failedCid !== null && (
            <>
              <button type="button" className="link-button" onClick={() => retryMessage(failedCid)}>
                Retry
              </button>
              <button
                type="button"
                className="link-button"
                onClick={() => discardMessage(failedCid)}
              >
                Discard
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
