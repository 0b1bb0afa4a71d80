import { randomFillSync } from "node:crypto";

// 4 KiB of CSPRNG output drawn at once: one `randomFillSync` per ~340 message ids instead of one
// `randomBytes` call (and its Buffer) per id. The bytes are as unguessable as before; each is used once.
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

/** `bytes` fresh random bytes as base64url text (what `randomBytes(bytes).toString("base64url")` gave). */
export function randomToken(bytes: number): string {
  if (bytes > POOL_BYTES) return randomFillSync(Buffer.allocUnsafe(bytes)).toString("base64url");
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const token = pool.toString("base64url", offset, offset + bytes);
  offset += bytes;
  return token;
}
