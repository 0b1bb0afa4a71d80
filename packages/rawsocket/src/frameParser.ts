import { Opcode } from "./opcode.js";

/**
 * What the parser reports for each frame. Payloads are views valid only during the call. `first` is
 * the frame's first byte (FIN, RSV1-3, opcode: read it with {@link isFin} and {@link rsvOf});
 * `masked` is the header's mask bit (a masked payload arrives already unmasked).
 */
export interface FrameSink {
  /**
   * Called for every data frame. `payload` is the whole payload when it arrived in one chunk (or when
   * `collect` is on); otherwise `undefined`: counting never waits for or copies the bytes.
   */
  onData(opcode: Opcode, payload: Buffer | undefined, first: number, masked: boolean): void;
  /** Called for control frames (close, ping, pong) with their full payload. */
  onControl(opcode: Opcode, payload: Buffer, first: number, masked: boolean): void;
}

/** The FIN bit of a frame's first byte. */
export const isFin = (first: number): boolean => (first & 0x80) !== 0;

/** RSV1..3 of a frame's first byte as a 3-bit number (0b100 = RSV1). */
export const rsvOf = (first: number): number => (first >> 4) & 0x7;

/** XORs `payload` in place with the 4-byte `key` (§5.3). */
function unmaskInPlace(payload: Buffer, key: Buffer): Buffer {
  for (let i = 0; i < payload.length; i++) payload[i] = (payload[i] ?? 0) ^ (key[i & 3] ?? 0);
  return payload;
}

/** An unmasked copy of `payload`: the input chunk is the caller's and stays as it was. */
const unmasked = (payload: Buffer, key: Buffer): Buffer => unmaskInPlace(Buffer.from(payload), key);

/**
 * A streaming parser of RFC 6455 frames (§5.2). It reads headers and skips payload bytes, so a
 * receiver costs little more than the kernel read. Fragments are reported frame by frame. Servers
 * never mask (§5.1), but a masked frame is still parsed and unmasked, so a test can see the fault.
 * Input chunks may be reused by the caller after `push` returns, so whatever is kept is copied.
 */
export class FrameParser {
  /** When true, payloads split across chunks are gathered so `onData` always sees them whole. */
  collect = false;
  private pending: Buffer | undefined;
  private skipRemaining = 0;
  private gathering: Buffer[] | undefined;
  private gatherOpcode: Opcode = Opcode.Text;
  private gatherFirst = 0;
  private gatherKey: Buffer | undefined;

  constructor(private readonly sink: FrameSink) {}

  push(input: Buffer): void {
    let chunk = input;
    let offset = 0;
    if (this.skipRemaining > 0) {
      const take = Math.min(this.skipRemaining, chunk.length);
      if (this.gathering) this.gathering.push(Buffer.from(chunk.subarray(0, take)));
      this.skipRemaining -= take;
      offset = take;
      if (this.skipRemaining === 0 && this.gathering) this.deliverGathered();
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
      const masked = b1 >= 0x80;
      let key: Buffer | undefined;
      if (masked) {
        if (end - offset < header + 4) break;
        key = chunk.subarray(offset + header, offset + header + 4);
        header += 4;
      }
      const start = offset + header;
      const available = end - start;
      if (opcode >= Opcode.Close) {
        // Control frames are tiny; wait until the whole frame is here.
        if (available < length) break;
        const payload = chunk.subarray(start, start + length);
        this.sink.onControl(opcode, key ? unmasked(payload, key) : payload, b0, masked);
        offset = start + length;
        continue;
      }
      if (available >= length) {
        const payload = chunk.subarray(start, start + length);
        this.sink.onData(opcode, key ? unmasked(payload, key) : payload, b0, masked);
        offset = start + length;
        continue;
      }
      // The payload runs past this chunk: skip (or gather) the rest as it comes.
      if (this.collect) {
        this.gathering = [Buffer.from(chunk.subarray(start, end))];
        this.gatherOpcode = opcode;
        this.gatherFirst = b0;
        this.gatherKey = key && Buffer.from(key);
      } else {
        this.sink.onData(opcode, undefined, b0, masked);
      }
      this.skipRemaining = length - available;
      return;
    }
    if (offset < end) this.pending = Buffer.from(chunk.subarray(offset, end));
  }

  private deliverGathered(): void {
    const whole = Buffer.concat(this.gathering ?? []);
    const key = this.gatherKey;
    this.gathering = undefined;
    this.gatherKey = undefined;
    if (key) unmaskInPlace(whole, key);
    this.sink.onData(this.gatherOpcode, whole, this.gatherFirst, key !== undefined);
  }
}
