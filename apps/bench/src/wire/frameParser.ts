import { Opcode } from "./frames.js";

/** What the parser reports for each server frame. Payloads are views valid only during the call. */
export interface FrameSink {
  /**
   * Called for every data frame. `payload` is the whole payload when it arrived in one chunk (or when
   * `collect` is on); otherwise `undefined` — counting never waits for or copies the bytes.
   */
  onData(opcode: Opcode, payload: Buffer | undefined): void;
  /** Called for control frames (close, ping, pong) with their full payload (at most 125 bytes). */
  onControl(opcode: Opcode, payload: Buffer): void;
}

/**
 * A minimal streaming parser for unmasked server frames (RFC 6455 §5.2). It reads headers and skips
 * payload bytes, so a receiver costs little more than the kernel read. Fragmented messages are counted
 * per frame: the servers under test never fragment. Input chunks may be reused by the caller after
 * `push` returns, so whatever is kept across calls is copied.
 */
export class FrameParser {
  /** When true, payloads split across chunks are gathered so `onData` always sees them whole. */
  collect = false;
  private pending: Buffer | undefined;
  private skipRemaining = 0;
  private gathering: Buffer[] | undefined;
  private gatherOpcode: Opcode = Opcode.Text;

  constructor(private readonly sink: FrameSink) {}

  push(input: Buffer): void {
    let chunk = input;
    let offset = 0;
    if (this.skipRemaining > 0) {
      const take = Math.min(this.skipRemaining, chunk.length);
      if (this.gathering) this.gathering.push(Buffer.from(chunk.subarray(0, take)));
      this.skipRemaining -= take;
      offset = take;
      if (this.skipRemaining === 0 && this.gathering) {
        const whole = Buffer.concat(this.gathering);
        this.gathering = undefined;
        this.sink.onData(this.gatherOpcode, whole);
      }
      if (offset === chunk.length) return;
    }
    if (this.pending) {
      chunk = Buffer.concat([this.pending, chunk.subarray(offset)]);
      offset = 0;
      this.pending = undefined;
    }
    const end = chunk.length;
    while (offset < end) {
      if (end - offset < 2) break;
      const b0 = chunk[offset] ?? 0;
      const b1 = chunk[offset + 1] ?? 0;
      const opcode = (b0 & 0x0f) as Opcode;
      let length = b1 & 0x7f;
      let header = 2;
      if (length === 126) {
        if (end - offset < 4) break;
        length = chunk.readUInt16BE(offset + 2);
        header = 4;
      } else if (length === 127) {
        if (end - offset < 10) break;
        length = Number(chunk.readBigUInt64BE(offset + 2));
        header = 10;
      }
      const start = offset + header;
      const available = end - start;
      if (opcode >= Opcode.Close) {
        // Control frames are tiny; wait until the whole frame is here.
        if (available < length) break;
        this.sink.onControl(opcode, chunk.subarray(start, start + length));
        offset = start + length;
        continue;
      }
      if (available >= length) {
        this.sink.onData(opcode, chunk.subarray(start, start + length));
        offset = start + length;
        continue;
      }
      // The payload runs past this chunk: skip (or gather) the rest as it comes.
      if (this.collect) {
        this.gathering = [Buffer.from(chunk.subarray(start, end))];
        this.gatherOpcode = opcode;
      } else {
        this.sink.onData(opcode, undefined);
      }
      this.skipRemaining = length - available;
      return;
    }
    if (offset < end) this.pending = Buffer.from(chunk.subarray(offset, end));
  }
}
