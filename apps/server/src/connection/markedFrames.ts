/**
 * A rewrite of encoded frames that carry `mark`, for sockets without the capability the mark belongs
 * to. `mark` is the JSON of a key (or of a key and its value): inside a JSON string every `"` is
 * escaped, so that text never occurs inside a message's text or a file name. Frames without it
 * (nearly all) pass untouched after one substring scan. A broadcast hands the same frame to every
 * socket in turn, so the last result is kept: one rewrite per broadcast, not one per recipient.
 */
export function markRemover(mark: string, remove: (frame: string) => string): MarkRemover {
  let lastWith: string | undefined;
  let lastWithout = "";
  const removeMarks = (frame: string) => {
    if (!frame.includes(mark)) return frame;
    if (frame === lastWith) return lastWithout;
    lastWith = frame;
    lastWithout = remove(frame);
    return lastWithout;
  };
  return Object.assign(removeMarks, { mark });
}

/** A frame rewrite for sockets without one capability, and the text that marks a frame it changes. */
export type MarkRemover = ((frame: string) => string) & { readonly mark: string };

/** A `message` frame re-encoded without its top-level `key`; any other frame as it is. */
export function withoutMessageKey(frame: string, key: string): string {
  const parsed = JSON.parse(frame) as Record<string, unknown>;
  if (parsed.type !== "message") return frame;
  delete parsed[key];
  return JSON.stringify(parsed);
}
