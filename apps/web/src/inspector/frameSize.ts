/**
 * RFC 6455 §5.2 framing arithmetic. The base header is 2 bytes; a payload of 126–65,535 bytes adds a
 * 16-bit extended length (4 in all), a larger one a 64-bit length (10 in all). Frames from client to
 * server also carry a 4-byte masking key (§5.3); server frames are never masked.
 */
export function frameHeaderBytes(payloadBytes: number): 2 | 4 | 10 {
  if (payloadBytes <= 125) return 2;
  if (payloadBytes <= 0xffff) return 4;
  return 10;
}

/** The masking key's bytes: 4 on every client→server frame, 0 the other way. */
export function maskBytes(direction: "in" | "out"): 0 | 4 {
  return direction === "out" ? 4 : 0;
}

const encoder = new TextEncoder();

/** Payload bytes of a text frame: the UTF-8 length, not the JavaScript string length. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** A close frame's payload: a 2-byte code and the UTF-8 reason (§5.5.1); none without a code. */
export function closePayloadBytes(code: number | undefined, reason: string): number {
  return code === undefined ? 0 : 2 + utf8Length(reason);
}
