import { useEffect, useLayoutEffect, useMemo, useRef, useState, type UIEvent } from "react";
import type { ChatMessage } from "@duplex/protocol";
import { roomTimeline } from "../store/timeline.js";
import { useT } from "../i18n/useT.js";
import { useActions, useDuplex } from "../store/storeContext.js";
import { MessageItem } from "./MessageItem.js";
import { continuesGroup } from "./messageGroups.js";
import { useNow } from "./useNow.js";
import { SeenBy } from "../receipts/SeenBy.js";

const NO_MESSAGES: readonly ChatMessage[] = [];
/** Within this many pixels of the bottom counts as "reading the latest": follow new messages. */
const STICK_PX = 80;
/** Within this many pixels of the top, show (or fetch) older messages. */
const TOP_PX = 120;
/**
 * Rows kept in the DOM while following the latest messages. Thousands of loaded messages would
 * otherwise all be rendered (measured in MessageList.perf.test.tsx); older ones are revealed
 * `REVEAL_ROWS` at a time as the user scrolls up.
 */
export const WINDOW_ROWS = 150;
const REVEAL_ROWS = 100;
/** Rows shown above a message opened from a notification, for context. */
const FOCUS_CONTEXT_ROWS = 20;

/** Scrolls to the bottom and notes where that left the log (the browser clamps the value). */
function stick(el: HTMLElement, lastTop: { current: number }) {
  el.scrollTop = el.scrollHeight;
  lastTop.current = el.scrollTop;
}

/** A room's conversation; remounted per room so scroll state never leaks between rooms. */
export function MessageList({ room }: { room: string }) {
  return <RoomLog key={room} room={room} />;
}

function RoomLog({ room }: { room: string }) {
  // Two stable references from the store; the merged view is derived here, not in a selector,
  // because a selector returning a fresh array would re-render forever.
  const messages = useDuplex((s) => s.messages.byRoom[room] ?? NO_MESSAGES);
  const outbox = useDuplex((s) => s.messages.outbox);
  const myId = useDuplex((s) => s.session.user?.id);
  const myName = useDuplex((s) => s.session.user?.name ?? s.session.name ?? "");
  const hasMore = useDuplex((s) => s.chat.history[room]?.hasMore ?? false);
  const loading = useDuplex((s) => s.chat.history[room]?.loading ?? false);
  const { loadOlder } = useActions();
  // An opened notification's message in this room, however old: the window must include it.
  const focusId = useDuplex((s) => {
    const f = s.notifications.focus;
    return f?.status === "ready" && f.room === room ? f.messageId : undefined;
  });
  const focusNonce = useDuplex((s) => s.notifications.focus?.nonce);
  const t = useT();
  const now = useNow(true, 30_000);

  const items = useMemo(() => roomTimeline(room, messages, outbox), [room, messages, outbox]);
  const continued = useMemo(() => continuesGroup(items, myId), [items, myId]);
  // "Seen by" goes under our newest stored message.
  const myLastSeq = useMemo(() => {
    for (let i = messages.length - 1; i >= 0; i--) {
      const m = messages[i];
      if (m && m.from.id === myId && m.deleted !== true) return m.seq;
    }
    return undefined;
  }, [messages, myId]);

  // The window starts at `firstKey` once the user scrolled away from the bottom (so arrivals do
  // not shift what they read); following the bottom, it is the last WINDOW_ROWS rows.
  const [firstKey, setFirstKey] = useState<string | null>(null);
  const pinnedAt = firstKey === null ? -1 : items.findIndex((i) => i.key === firstKey);
  const start = pinnedAt >= 0 ? pinnedAt : Math.max(0, items.length - WINDOW_ROWS);
  const visible = useMemo(() => items.slice(start), [items, start]);

  const [newBelow, setNewBelow] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  /** The scroll position last seen or set: a reader leaves the bottom only by moving up from it. */
  const lastTop = useRef(0);
  const last = useRef({ first: "", last: "", height: 0 });

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const first = visible[0]?.key ?? "";
    const lastItem = visible.at(-1);
    const lastKey = lastItem?.key ?? "";
    const prev = last.current;
    const appended = lastKey !== prev.last && prev.last !== "";
    const ownArrival = lastItem?.kind === "outgoing";
    if (atBottom.current || (appended && ownArrival)) {
      stick(el, lastTop);
      atBottom.current = true;
    } else if (first !== prev.first && visible.some((i) => i.key === prev.first)) {
      // Older rows were put above: keep the rows the user was reading where they were.
      el.scrollTop += el.scrollHeight - prev.height;
      lastTop.current = el.scrollTop;
    }
    if (appended && !atBottom.current) setNewBelow(true);
    last.current = { first, last: lastKey, height: el.scrollHeight };
  }, [visible]);

  // Rows can change height after they are placed (web fonts, a narrower column when the inspector
  // docks, an edit): a reader at the bottom stays at the bottom.
  const hasRows = items.length > 0;
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) stick(el, lastTop);
    });
    observer.observe(el);
    if (list.current) observer.observe(list.current);
    return () => observer.disconnect();
  }, [hasRows]);

  // Before paint, so the row exists when the focus hook scrolls to it on the next frame.
  useLayoutEffect(() => {
    if (focusId === undefined) return;
    const at = items.findIndex((i) => i.key === `m:${focusId}`);
    if (at < 0) return;
    // Even a row already in the window: once the focus hook scrolls to it, a keep-at-bottom pass
    // (an arrival, a resize) must not scroll it away again. Scrolling back down re-arms it.
    atBottom.current = false;
    if (at >= start) return;
    setFirstKey(items[Math.max(0, at - FOCUS_CONTEXT_ROWS)]?.key ?? null);
    // Only a new focus moves the window; later arrivals must not pull it back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusId, focusNonce]);

  function scrollToBottom() {
    const el = scroller.current;
    atBottom.current = true;
    setNewBelow(false);
    setFirstKey(null);
    if (el) stick(el, lastTop);
  }

  async function showOlder() {
    if (start > 0) {
      setFirstKey(items[Math.max(0, start - REVEAL_ROWS)]?.key ?? null);
      return;
    }
    const loaded = await loadOlder(room);
    const oldest = loaded[0];
    if (oldest) setFirstKey(`m:${oldest.id}`);
  }

  function onScroll(event: UIEvent<HTMLDivElement>) {
    const el = event.currentTarget;
    const movedUp = el.scrollTop < lastTop.current;
    lastTop.current = el.scrollTop;
    const near = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
    if (!near && atBottom.current && !movedUp) {
      // Not the reader leaving: rows grew below the position we set (a chunk with the rows' extras
      // loaded, text rewrapped) before this event, dispatched a frame later, was read. Taking that
      // gap for "scrolled up" would leave the room open far above its newest message.
      stick(el, lastTop);
      return;
    }
    atBottom.current = near;
    if (atBottom.current) {
      setNewBelow(false);
      // Back at the bottom: let the window follow again, dropping rows far above.
      if (items.length - start > WINDOW_ROWS + REVEAL_ROWS) setFirstKey(null);
    } else if (firstKey === null && visible[0]) {
      setFirstKey(visible[0].key);
    }
    if (el.scrollTop < TOP_PX && (start > 0 || (hasMore && !loading))) void showOlder();
  }

  const olderExist = start > 0 || hasMore;
  return (
    <div className="message-log">
      <div
        ref={scroller}
        className="message-scroller"
        role="log"
        aria-label={t("log.label", { room })}
        aria-busy={loading}
        tabIndex={0}
        onScroll={onScroll}
      >
        {olderExist && (
          <div className="history-edge">
            <button
              type="button"
              className="button-secondary"
              disabled={loading}
              onClick={() => void showOlder()}
            >
              {loading ? t("log.loading") : t("log.loadOlder")}
            </button>
          </div>
        )}
        {items.length === 0 ? (
          <p className="empty">{t("log.empty")}</p>
        ) : (
          <ol ref={list} className="message-list">
            {visible.map((item, i) => (
              <MessageItem
                key={item.key}
                item={item}
                myId={myId}
                myName={myName}
                continued={continued[start + i] ?? false}
                now={now}
              />
            ))}
          </ol>
        )}
        {myLastSeq !== undefined && <SeenBy room={room} seq={myLastSeq} />}
      </div>
      {newBelow && (
        <button type="button" className="new-below" onClick={scrollToBottom}>
          {t("log.newBelow")}
        </button>
      )}
    </div>
  );
}
