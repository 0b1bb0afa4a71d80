/**
 * How a thread reply's root reads in an encoded frame. Inside a JSON string every `"` is escaped, so
 * this exact text only ever occurs as a key, never inside a message's text.
 */
const THREAD_KEY = '"thread":{';

// A broadcast hands the same frame to every socket in turn: it is re-encoded once, not per recipient.
let lastWith: string | undefined;
let lastWithout = "";

/**
 * A `message` frame as a socket without `threads` reads it: a live thread reply is one frame for the
 * whole room (the room's sequencer delivers each seq once), and a v1 reader's strict message would
 * refuse its `thread`, so it goes out as an ordinary message. Frames without the key pass untouched.
 */
export function withoutThreadMarks(frame: string): string {
  if (!frame.includes(THREAD_KEY)) return frame;
  if (frame === lastWith) return lastWithout;
  const parsed = JSON.parse(frame) as { type?: unknown; thread?: unknown };
  if (parsed.type !== "message") return frame;
  delete parsed.thread;
  lastWith = frame;
  lastWithout = JSON.stringify(parsed);
  return lastWithout;
}
