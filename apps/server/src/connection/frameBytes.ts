let lastText: string | undefined;
let lastBytes: Buffer = Buffer.alloc(0);

/**
 * The UTF-8 bytes of an encoded frame, converted once per broadcast. Every fan-out (rooms, users,
 * the directory, stats) hands the same string to each recipient in turn, and `ws` would measure and
 * encode a string again for every socket; a Buffer sent with `{binary: false}` goes out as a text
 * frame as is. One entry is enough: a broadcast's sends are consecutive, and a string compare of a
 * different frame is cheap (length first).
 */
export function frameBytes(text: string): Buffer {
  if (text !== lastText) {
    lastText = text;
    lastBytes = Buffer.from(text, "utf8");
  }
  return lastBytes;
}
