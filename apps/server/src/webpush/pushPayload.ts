import { WEB_PUSH_LIMITS, type WebPushPayload } from "@duplex/protocol";
import type { NewNotification } from "../store/NotificationStore.js";

const encoder = new TextEncoder();
const bytes = (payload: WebPushPayload) => encoder.encode(JSON.stringify(payload)).length;

/** Cuts `text` to at most `max` UTF-16 units without splitting a surrogate pair, marking the cut. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text.slice(0, Math.max(0, max - 1)));
  // Array.from keeps pairs whole; drop a trailing lone half the slice may have left.
  const last = chars.at(-1);
  if (last !== undefined && /[\uD800-\uDBFF]/u.test(last)) chars.pop();
  return `${chars.join("")}…`;
}

/**
 * The JSON a service worker receives for `notification`: its id, kind, title, body, and the room and
 * message it points at. At most `WEB_PUSH_LIMITS.maxPayloadBytes` (push services refuse more than
 * 4 KiB once encrypted): the body, then the title, is shortened until it fits.
 */
export function pushPayload(notification: NewNotification): WebPushPayload {
  const payload: WebPushPayload = {
    id: notification.id,
    kind: notification.kind,
    title: notification.title,
    body: notification.body,
    ts: notification.ts,
    ...(notification.link && {
      room: notification.link.room,
      messageId: notification.link.messageId,
    }),
  };
  const max = WEB_PUSH_LIMITS.maxPayloadBytes;
  while (bytes(payload) > max && payload.body.length > 0) {
    payload.body = cut(payload.body, Math.floor(payload.body.length / 2));
    if (payload.body === "…") payload.body = "";
  }
  while (bytes(payload) > max && payload.title.length > 1) {
    payload.title = cut(payload.title, Math.floor(payload.title.length / 2));
  }
  return payload;
}
