import { z } from "zod";
import { RoomId } from "./names.js";
import { Cid, MessageId, Ref, Seq, Timestamp } from "./fields.js";
import { Attachment, FILE_LIMITS, FileName } from "./attachment.js";
import { ErrorCode } from "./codes.js";
import { openEnum } from "./openEnum.js";

// Files over binary frames (capability `files`). The JSON half of an upload lives here; the bytes
// travel in binary frames whose layout is in chunkFrames.ts. Without the capability a binary frame
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

export {
  CHUNK_HEADER_BYTES,
  CHUNK_VERSION,
  decodeChunk,
  encodeChunk,
  type Chunk,
} from "./chunkFrames.js";
