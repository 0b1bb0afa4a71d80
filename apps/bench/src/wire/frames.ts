import { randomFillSync } from "node:crypto";

/** RFC 6455 §5.2 opcodes the generator cares about. */
export const Opcode = {
  Continuation: 0x0,
  Text: 0x1,
  Binary: 0x2,
  Close: 0x8,
  Ping: 0x9,
  Pong: 0xa,
} as const;
export type Opcode = (typeof Opcode)[keyof typeof Opcode];

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
 * Builds one masked client frame (FIN set). Clients must mask every frame (RFC 6455 §5.3); a real random
 * key keeps the servers on their ordinary unmasking path.
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
