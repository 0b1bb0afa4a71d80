import { z } from "zod";

/** Limits of uploads; the server enforces them and announces chunk size and window in `upload_ready`. */
export const FILE_LIMITS = {
  /** Longest file name, in characters. */
  maxFileNameLength: 255,
  /** Longest declared MIME type. */
  maxMimeLength: 127,
  /** Largest file any server accepts; a node may set a lower `MAX_UPLOAD_BYTES` (default 25 MiB). */
  maxUploadBytes: 1024 * 1024 * 1024,
} as const;

/** A stored file's id (what `GET /files/<id>` names). */
export const FileId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/u, "must be a file id");

export const FileName = z
  .string()
  .min(1)
  .max(FILE_LIMITS.maxFileNameLength)
  .regex(/\S/u, "must not be blank");

/**
 * A file attached to a chat message. `mime` is what the server sniffed from the bytes (never the
 * client's word); `width`/`height` and `thumb` only for images the server could decode.
 */
export const Attachment = z.strictObject({
  id: FileId,
  name: FileName,
  size: z.number().int().nonnegative(),
  mime: z.string().min(1).max(FILE_LIMITS.maxMimeLength),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /** Whether `GET /files/<id>/thumb` serves a thumbnail. */
  thumb: z.boolean(),
});
export type Attachment = z.infer<typeof Attachment>;
