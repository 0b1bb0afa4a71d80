import type { Translate } from "../i18n/translate.js";

const KIB = 1024;
const MIB = 1024 * 1024;

/** One decimal below 10 ("2.5 MB"), none above ("25 MB"): enough to tell files apart. */
function short(value: number): string {
  return value < 10 ? (Math.round(value * 10) / 10).toString() : Math.round(value).toString();
}

/** A file size in words: bytes, KB or MB (binary multiples, as file managers show them). */
export function formatFileSize(bytes: number, t: Translate): string {
  if (bytes < KIB) return t("files.bytes", { count: bytes });
  if (bytes < MIB) return t("files.kilobytes", { size: short(bytes / KIB) });
  return t("files.megabytes", { size: short(bytes / MIB) });
}

/**
 * The box an image is shown in: its own size scaled down (never up) to fit `max`, so the row's
 * height is known before the thumbnail loads and the list does not jump.
 */
export function fitWithin(
  width: number,
  height: number,
  max: { width: number; height: number },
): { width: number; height: number } {
  if (width <= 0 || height <= 0) return max;
  const scale = Math.min(1, max.width / width, max.height / height);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}
