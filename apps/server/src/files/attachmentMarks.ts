/**
 * How an attachment reads in an encoded frame. Inside a JSON string every `"` is escaped, so this
 * text only ever occurs as a key, never inside a message's text or a file name.
 */
const ATTACHMENT_KEY = '"attachment":{';

// The last frame stripped and its result: a broadcast hands the same frame to every socket in turn.
let lastWith: string | undefined;
let lastWithout = "";

/**
 * A frame as a socket without the `files` capability may read it: chat messages (live, in `joined`,
 * `history`, search hits) lose their `attachment`, whose text (the file name) remains. A v1 reader's
 * strict `ChatMessage` would refuse the field. Frames without one pass after one substring scan.
 */
export function withoutAttachments(frame: string): string {
  if (!frame.includes(ATTACHMENT_KEY)) return frame;
  if (frame === lastWith) return lastWithout;
  lastWith = frame;
  lastWithout = JSON.stringify(JSON.parse(frame), (key, value: unknown) =>
    key === "attachment" ? undefined : value,
  );
  return lastWithout;
}
