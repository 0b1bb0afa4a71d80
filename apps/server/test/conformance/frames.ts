import { randomBytes } from "node:crypto";

/** Opcodes of RFC 6455 §5.2. */
export const Op = {
  Continuation: 0x0,
  Text: 0x1,
  Binary: 0x2,
  Close: 0x8,
  Ping: 0x9,
  Pong: 0xa,
} as const;

export interface FrameSpec {
  opcode: number;
  payload?: Buffer | string;
  /** @default true */
  fin?: boolean;
  /** RSV1..3 as a 3-bit number (0b100 = RSV1). @default 0 */
  rsv?: number;
  /** Clients MUST mask (§5.3); false sends an unmasked frame. @default true */
  masked?: boolean;
  /** Write this payload length in the header instead of the real one (the payload is not sent). */
  claimedLength?: bigint;
}

/** Encodes one client frame by hand (§5.2): header, extended length, masking key, masked payload. */
export function encodeFrame(spec: FrameSpec): Buffer {
  const payload =
    typeof spec.payload === "string"
      ? Buffer.from(spec.payload, "utf8")
      : (spec.payload ?? Buffer.alloc(0));
  const masked = spec.masked ?? true;
  const length = spec.claimedLength ?? BigInt(payload.length);
  const first = ((spec.fin ?? true) ? 0x80 : 0) | ((spec.rsv ?? 0) << 4) | (spec.opcode & 0x0f);
  const maskBit = masked ? 0x80 : 0;
  let header: Buffer;
  if (length < 126n) {
    header = Buffer.from([first, maskBit | Number(length)]);
  } else if (length <= 0xffffn) {
    header = Buffer.alloc(4);
    header.writeUInt8(first, 0);
    header.writeUInt8(maskBit | 126, 1);
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header.writeUInt8(first, 0);
    header.writeUInt8(maskBit | 127, 1);
    header.writeBigUInt64BE(length, 2);
  }
  const body = spec.claimedLength === undefined ? payload : Buffer.alloc(0);
  if (!masked) return Buffer.concat([header, body]);
  const key = randomBytes(4);
  const out = Buffer.alloc(body.length);
  for (let i = 0; i < body.length; i += 1) out[i] = (body[i] ?? 0) ^ (key[i % 4] ?? 0);
  return Buffer.concat([header, key, out]);
}

/** A close frame payload: 2-byte code then reason bytes (§5.5.1). */
export function closePayload(code: number, reason: Buffer | string = ""): Buffer {
  const head = Buffer.alloc(2);
  head.writeUInt16BE(code, 0);
  return Buffer.concat([head, typeof reason === "string" ? Buffer.from(reason) : reason]);
}

/** A server frame as read off the wire. */
export interface ServerFrame {
  fin: boolean;
  rsv: number;
  opcode: number;
  masked: boolean;
  payload: Buffer;
}

/** Incremental parser of server frames (servers never mask, §5.1, but the bit is kept to check). */
export class FrameReader {
  #buffer = Buffer.alloc(0);

  push(chunk: Buffer): ServerFrame[] {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    const frames: ServerFrame[] = [];
    for (;;) {
      const frame = this.#next();
      if (frame === undefined) return frames;
      frames.push(frame);
    }
  }

  #next(): ServerFrame | undefined {
    const b = this.#buffer;
    if (b.length < 2) return undefined;
    const first = b.readUInt8(0);
    const second = b.readUInt8(1);
    let offset = 2;
    let length = second & 0x7f;
    if (length === 126) {
      if (b.length < 4) return undefined;
      length = b.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (b.length < 10) return undefined;
      length = Number(b.readBigUInt64BE(2));
      offset = 10;
    }
    const masked = (second & 0x80) !== 0;
    const keyLength = masked ? 4 : 0;
    if (b.length < offset + keyLength + length) return undefined;
    const key = b.subarray(offset, offset + keyLength);
    const payload = Buffer.from(b.subarray(offset + keyLength, offset + keyLength + length));
    if (masked)
      for (let i = 0; i < payload.length; i += 1)
        payload[i] = (payload[i] ?? 0) ^ (key[i % 4] ?? 0);
    this.#buffer = b.subarray(offset + keyLength + length);
    return {
      fin: (first & 0x80) !== 0,
      rsv: (first >> 4) & 0x7,
      opcode: first & 0x0f,
      masked,
      payload,
    };
  }
}
