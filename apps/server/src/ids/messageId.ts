import { randomToken } from "./randomId.js";

let lastMs = -1;
let prefix = "";

/**
 * A new message id: `m_`, the time in milliseconds as 9 base-36 digits (byte order = time order),
 * then 72 random bits. New ids land at the right edge of the messages' id index, so a commit of
 * many messages writes a page or two of it instead of one random page per message; the random part
 * keeps an id unguessable (the prefix says when the message was sent, which its `ts` says anyway).
 * Uniqueness rests on the random part alone, so a clock that steps back changes nothing but order.
 */
export function newMessageId(nowMs: number = Date.now()): string {
  if (nowMs !== lastMs) {
    lastMs = nowMs;
    prefix = Math.max(0, Math.floor(nowMs)).toString(36).padStart(9, "0");
  }
  return `m_${prefix}${randomToken(9)}`;
}
