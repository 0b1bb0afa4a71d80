import { useLayoutEffect, useMemo, useRef } from "react";
import type { ChatMessage } from "@duplex/protocol";
import { roomTimeline } from "../store/timeline.js";
import { useDuplex } from "../store/storeContext.js";
import { MessageItem } from "./MessageItem.js";

const NO_MESSAGES: readonly ChatMessage[] = [];
/** Within this many pixels of the bottom counts as "reading the latest": follow new messages. */
const STICK_PX = 80;

export function MessageList({ room }: { room: string }) {
  // Two stable references from the store; the merged view is derived here, not in a selector,
  // because a selector returning a fresh array would re-render forever.
  const messages = useDuplex((s) => s.messages.byRoom[room] ?? NO_MESSAGES);
  const outbox = useDuplex((s) => s.messages.outbox);
  const myId = useDuplex((s) => s.session.user?.id);
  const myName = useDuplex((s) => s.session.user?.name ?? s.session.name ?? "");
  const items = useMemo(() => roomTimeline(room, messages, outbox), [room, messages, outbox]);

  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [items]);

  return (
    <div
      ref={scroller}
      className="message-scroller"
      role="log"
      aria-label={`#${room} conversation`}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
      }}
    >
      {items.length === 0 ? (
        <p className="empty">No messages yet. Say hello!</p>
      ) : (
        <ol className="message-list">
          {items.map((item) => (
            <MessageItem key={item.key} item={item} myId={myId} myName={myName} />
          ))}
        </ol>
      )}
    </div>
  );
}
