/**
 * The one shape of a broker payload, for room broadcasts and user pushes alike: the encoded frame(s),
 * preceded by a one-line JSON header when there is one (`!{header}\n{frame}`). Frames are JSON objects
 * and start with `{`, headers start with `!`, so a bare frame (no header) cannot be misread. Every node
 * of a cluster must run the same build: this is the bytes nodes exchange, not the client protocol.
 */
export interface Envelope<Header extends object> {
  header: Partial<Header>;
  frame: string;
}

function isEmpty(header: object): boolean {
  for (const key in header) {
    const value: unknown = (header as Record<string, unknown>)[key];
    if (value !== undefined && value !== false) return false;
  }
  return true;
}

export function packEnvelope<Header extends object>(header: Header, frame: string): string {
  if (isEmpty(header)) return frame;
  return `!${JSON.stringify(header)}\n${frame}`;
}

/** Throws on a header that is not JSON (the caller logs it and drops the payload). */
export function unpackEnvelope<Header extends object>(payload: string): Envelope<Header> {
  if (!payload.startsWith("!")) return { header: {}, frame: payload };
  const newline = payload.indexOf("\n");
  if (newline < 0) throw new Error("broker envelope without a frame");
  return {
    header: JSON.parse(payload.slice(1, newline)) as Partial<Header>,
    frame: payload.slice(newline + 1),
  };
}

/**
 * Several payloads of one channel as one broker message: `*<len>,<len>,…\n` then the payloads end to
 * end (lengths in UTF-16 code units). One Redis PUBLISH and one receive per node for a tick's worth of a
 * room's broadcasts instead of one each. A single payload travels as it is.
 */
export function packMany(payloads: readonly string[]): string {
  if (payloads.length === 1) return payloads[0] ?? "";
  return `*${payloads.map((p) => p.length).join(",")}\n${payloads.join("")}`;
}

/** The payloads of {@link packMany}, in order. Throws on a malformed bundle. */
export function unpackMany(message: string): string[] {
  if (!message.startsWith("*")) return [message];
  const newline = message.indexOf("\n");
  if (newline < 0) throw new Error("broker bundle without payloads");
  const out: string[] = [];
  let at = newline + 1;
  for (const length of message.slice(1, newline).split(",").map(Number)) {
    if (!Number.isInteger(length) || length < 0 || at + length > message.length)
      throw new Error("broker bundle with a bad length");
    out.push(message.slice(at, at + length));
    at += length;
  }
  return out;
}
