// Binary upload frames, apart from the zod schemas of the JSON half (files.ts), so the client can
// frame chunks without loading zod in the web app's first chunk.

// --- binary chunk frames -----------------------------------------------------------------------

/**
 * Layout of a binary frame carrying upload bytes (all integers big-endian):
 *
 * | bytes  | field     | meaning                                             |
 * |--------|-----------|-----------------------------------------------------|
 * | 0      | version   | `CHUNK_VERSION` (1)                                  |
 * | 1–16   | uploadId  | the 16 bytes of `upload_ready.uploadId`              |
 * | 17–24  | offset    | uint64: where in the file the payload starts         |
 * | 25–    | payload   | the bytes (at most `chunkSize`)                      |
 */
export const CHUNK_VERSION = 1;
export const CHUNK_HEADER_BYTES = 25;

export interface Chunk {
  uploadId: string;
  offset: number;
  payload: Uint8Array;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** The header and payload of one chunk frame, ready for `socket.send`. */
export function encodeChunk(uploadId: string, offset: number, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(CHUNK_HEADER_BYTES + payload.byteLength);
  frame[0] = CHUNK_VERSION;
  for (let i = 0; i < 16; i += 1)
    frame[1 + i] = Number.parseInt(uploadId.slice(i * 2, i * 2 + 2), 16);
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  view.setUint32(17, Math.floor(offset / 2 ** 32));
  view.setUint32(21, offset >>> 0);
  frame.set(payload, CHUNK_HEADER_BYTES);
  return frame;
}

/** The chunk a binary frame carries, or a reason it is not one. The payload is a view, not a copy. */
export function decodeChunk(frame: Uint8Array): Chunk | { error: string } {
  if (frame.byteLength < CHUNK_HEADER_BYTES)
    return { error: "frame shorter than the chunk header" };
  if (frame[0] !== CHUNK_VERSION) return { error: `unknown chunk version ${String(frame[0])}` };
  let uploadId = "";
  for (let i = 1; i <= 16; i += 1) uploadId += HEX[frame[i] ?? 0] ?? "00";
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const offset = view.getUint32(17) * 2 ** 32 + view.getUint32(21);
  if (!Number.isSafeInteger(offset)) return { error: "offset out of range" };
  return { uploadId, offset, payload: frame.subarray(CHUNK_HEADER_BYTES) };
}
