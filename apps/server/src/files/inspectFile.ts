import { open } from "node:fs/promises";
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";

/** Types shown inline (and thumbnailed); anything else is served as a download. */
export const INLINE_IMAGES: ReadonlySet<string> = new Set([
  "image/png",
  "image/jpeg",
  "image/webp",
  "image/gif",
]);

export interface Inspected {
  mime: string;
  width?: number;
  height?: number;
  thumb?: Buffer;
}

/**
 * The type sniffed from the bytes (never the client's word), and for the four image types their
 * dimensions and a WebP thumbnail, decoded under a pixel limit: a decompression bomb, or bytes
 * that only look like an image, stay a plain download.
 */
export async function inspectFile(
  path: string,
  options: { maxInputPixels: number; thumbSize: number },
): Promise<Inspected> {
  const head = Buffer.alloc(4100);
  const file = await open(path, "r");
  const read = await file
    .read(head, 0, head.length, 0)
    .then((r) => r.bytesRead)
    .finally(() => file.close());
  const sniffed = await fileTypeFromBuffer(head.subarray(0, read));
  const mime = sniffed?.mime ?? "application/octet-stream";
  if (!INLINE_IMAGES.has(mime)) return { mime };
  try {
    const input = { limitInputPixels: options.maxInputPixels };
    const meta = await sharp(path, input).metadata();
    const thumb = await sharp(path, input)
      .rotate()
      .resize(options.thumbSize, options.thumbSize, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    const result: Inspected = { mime, thumb };
    if (meta.width !== undefined && meta.height !== undefined) {
      result.width = meta.width;
      result.height = meta.height;
    }
    return result;
  } catch {
    return { mime };
  }
}
