import { randomBytes, randomFillSync } from "node:crypto";
import { Opcode } from "./opcode.js";

// One pool of random bytes refilled in bulk: a mask per frame without a syscall per frame.
const MASK_POOL = Buffer.alloc(4096);
let maskOffset = MASK_POOL.length;

function nextMask(): Buffer {
  if (maskOffset + 4 > MASK_POOL.length) {
    randomFillSync(MASK_POOL);
    maskOffset = 0;
  }
  const mask = MASK_POOL.subarray(maskOffset, maskOffset + 4);
  maskOffset += 4;
  return mask;
}

/**
 * Builds one well-formed masked client frame (FIN set) in a single allocation: the load generator's
 * path. Clients must mask every frame (§5.3); a real random key keeps servers on their ordinary path.
 */
export function maskedFrame(opcode: Opcode, payload: Buffer): Buffer {
  const length = payload.length;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + 4 + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) {
    frame[1] = 0x80 | length;
  } else if (length < 65536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  const mask = nextMask();
  mask.copy(frame, headerLength);
  const body = headerLength + 4;
  for (let i = 0; i < length; i++) {
    frame[body + i] = (payload[i] ?? 0) ^ (mask[i & 3] ?? 0);
  }
  return frame;
}

/** A masked text frame. */
export function textFrame(text: string): Buffer {
  return maskedFrame(Opcode.Text, Buffer.from(text, "utf8"));
}

/** One client frame, well-formed by default; each option breaks one rule on purpose. */
export interface FrameSpec {
  /** Any 4-bit value, reserved opcodes included. */
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

/** Encodes one client frame as `spec` says (§5.2): header, extended length, masking key, payload. */
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
