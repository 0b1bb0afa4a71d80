/**
 * How a reply's quote reads in an encoded frame. Inside a JSON string every `"` is escaped, so this
 * exact text only ever occurs as a key, never inside a message's text.
 */
const REPLY_KEY = '"replyTo":{';

// A broadcast hands the same frame to every socket in turn: it is re-encoded once, not per recipient.
let lastWith: string | undefined;
let lastWithout = "";

/**
 * A `message` frame as a socket without the `replies` capability may read it: a live message that
 * answers another carries `replyTo`, which a v1 reader's strict message would refuse. Frames
 * without the key (nearly all) pass untouched after one substring scan.
 */
export function withoutReplyTo(frame: string): string {
  if (!frame.includes(REPLY_KEY)) return frame;
  if (frame === lastWith) return lastWithout;
  const parsed = JSON.parse(frame) as { type?: unknown; replyTo?: unknown };
  if (parsed.type !== "message") return frame;
  delete parsed.replyTo;
  lastWith = frame;
  lastWithout = JSON.stringify(parsed);
  return lastWithout;
}
