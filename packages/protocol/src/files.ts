import { z } from "zod";
import { RoomId } from "./names.js";
import { Cid, MessageId, Ref, Seq, Timestamp } from "./fields.js";
import { Attachment, FILE_LIMITS, FileName } from "./attachment.js";
import { ErrorCode } from "./codes.js";
import { openEnum } from "./openEnum.js";

// Files over binary frames (capability `files`). The JSON half of an upload lives here; the bytes
// travel in binary frames whose layout is `CHUNK_HEADER` below. Without the capability a binary frame
// still closes the socket with 1003.

/** Server-assigned upload id: 16 random bytes as 32 lowercase hex digits (the binary header holds the bytes). */
export const UploadId = z.string().regex(/^[0-9a-f]{32}$/u, "must be 32 lowercase hex digits");

/** A SHA-256 digest as 64 lowercase hex digits. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/u, "must be 64 lowercase hex digits");

// --- client → server ---------------------------------------------------------------------------

/**
 * Starts (or resumes) an upload into a joined room. `cid` names it on the client: a second
 * `upload_start` with the same `cid` (or with `resume: uploadId`) resumes the upload at the server's
 * stored offset instead of starting over. Answered by `upload_ready`.
 */
export const UploadStartMessage = z.strictObject({
  type: z.literal("upload_start"),
  ref: Ref.optional(),
  cid: Cid,
  room: RoomId,
  name: FileName,
  size: z.number().int().nonnegative().max(FILE_LIMITS.maxUploadBytes),
  /** The client's guess; the server sniffs the type from the bytes. */
  mime: z.string().min(1).max(FILE_LIMITS.maxMimeLength).optional(),
  /** The `uploadId` of an earlier `upload_ready` to continue. */
  resume: UploadId.optional(),
});

/** Every byte was sent: the server checks size and digest, stores the file and posts the message. */
export const UploadFinishMessage = z.strictObject({
  type: z.literal("upload_finish"),
  ref: Ref.optional(),
  uploadId: UploadId,
  sha256: Sha256Hex,
});

/** Abandons an upload; the server drops its bytes. No reply. */
export const UploadCancelMessage = z.strictObject({
  type: z.literal("upload_cancel"),
  ref: Ref.optional(),
  uploadId: UploadId,
});

// --- server → client ---------------------------------------------------------------------------

/** Send bytes from `offset` on, in chunks of at most `chunkSize`, with at most `window` bytes unacked. */
export const UploadReadyMessage = z.strictObject({
  type: z.literal("upload_ready"),
  ref: Ref.optional(),
  cid: Cid,
  uploadId: UploadId,
  /** Bytes the server holds already (0 for a new upload). */
  offset: z.number().int().nonnegative(),
  chunkSize: z.number().int().positive(),
  /** Most bytes sent and not yet acknowledged by `upload_progress`. */
  window: z.number().int().positive(),
  /** When the partial upload expires if nothing more arrives (ms since epoch). */
  expiresAt: Timestamp,
});

/** The bytes up to `offset` are stored (on disk, not in memory). */
export const UploadProgressMessage = z.strictObject({
  type: z.literal("upload_progress"),
  uploadId: UploadId,
  offset: z.number().int().nonnegative(),
});

/** The file is stored and the message carrying it is in the room at `seq`. */
export const UploadDoneMessage = z.strictObject({
  type: z.literal("upload_done"),
  ref: Ref.optional(),
  uploadId: UploadId,
  cid: Cid,
  messageId: MessageId,
  seq: Seq,
  attachment: Attachment,
});

/**
 * The server gave the upload up (expired, refused, checksum mismatch, or cancelled by the client's
 * `upload_cancel`); `code` is one of `ErrorCode`. Its bytes are gone: start again to retry.
 */
export const UploadCancelledMessage = z.strictObject({
  type: z.literal("upload_cancel"),
  ref: Ref.optional(),
  uploadId: UploadId,
  /** Open: a code this reader does not know reads as `internal` ([C3]). */
  code: openEnum(
    Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]],
    ErrorCode.Internal,
    "upload_cancel.code",
  ),
  message: z.string(),
});

/** A short-lived URL of a file (and its thumbnail), answered by `GET /api/files/<id>/url`. */
export const FileUrlReply = z.strictObject({
  url: z.string(),
  thumbUrl: z.string().optional(),
  expiresAt: Timestamp,
});
export type FileUrlReply = z.infer<typeof FileUrlReply>;

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
