/**
 * Reads WebSocket frame heads (RFC 6455 §5.2) from a raw byte stream and reports each data frame's
 * size on the wire (head + mask + payload as sent, i.e. compressed when deflate is on). Frames are
 * found by their lengths alone; payloads are skipped, never copied.
 */
export class FrameScanner {
  #head = Buffer.alloc(0);
  /** Payload bytes of the current frame still to skip. */
  #skip = 0;

  constructor(private readonly onDataFrame: (wireBytes: number) => void) {}

  push(chunk: Buffer): void {
    let rest = chunk;
    while (rest.length > 0) {
      if (this.#skip > 0) {
        const n = Math.min(this.#skip, rest.length);
        this.#skip -= n;
        rest = rest.subarray(n);
        continue;
      }
      this.#head = Buffer.concat([this.#head, rest]);
      const parsed = parseHead(this.#head);
      if (!parsed) return; // the head is not complete yet
      const { headBytes, payloadBytes, opcode } = parsed;
      if (opcode < 0x8) this.onDataFrame(headBytes + payloadBytes);
      rest = this.#head.subarray(headBytes);
      this.#head = Buffer.alloc(0);
      this.#skip = payloadBytes;
    }
  }
}

function parseHead(
  b: Buffer,
): { headBytes: number; payloadBytes: number; opcode: number } | undefined {
  if (b.length < 2) return undefined;
  const opcode = (b[0] ?? 0) & 0x0f;
  const masked = ((b[1] ?? 0) & 0x80) !== 0;
  const len7 = (b[1] ?? 0) & 0x7f;
  const extra = len7 === 126 ? 2 : len7 === 127 ? 8 : 0;
  const headBytes = 2 + extra + (masked ? 4 : 0);
  if (b.length < headBytes) return undefined;
  const payloadBytes =
    len7 === 126 ? b.readUInt16BE(2) : len7 === 127 ? Number(b.readBigUInt64BE(2)) : len7;
  return { headBytes, payloadBytes, opcode };
}
