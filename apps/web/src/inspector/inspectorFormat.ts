import type { CloseCode } from "@duplex/protocol";
import type { Translate } from "../i18n/translate.js";

/**
 * The inspector's figures in words: the numbers are rounded here, once for every language, and
 * the dictionary only places them.
 */

/** A duration to a tenth of a millisecond, or a dash before there is one. */
export function formatMs(t: Translate, ms: number | undefined): string {
  return ms === undefined ? "—" : t("inspector.ms", { ms: ms.toFixed(1) });
}

/** The dictionary key of a close code's meaning: a code without one fails typecheck. */
export function closeCodeKey(code: CloseCode) {
  return `inspector.code.${code}` as const;
}

/** A frame's header bytes, with the browser's mask beside them when there is one. */
export function formatHeader(t: Translate, header: number, mask: number): string {
  return mask > 0
    ? t("inspector.headerWithMask", { header, mask })
    : t("inspector.bytes", { n: header });
}

/** A close frame's code and reason; 1006 is never sent, so it says why there is no frame. */
export function formatCloseDetail(t: Translate, code: number | undefined, reason: string): string {
  return code === 1006 ? t("inspector.closeAbnormal") : `${code ?? "—"} ${reason}`.trim();
}

/** A binary frame: its opcode, and the chunk header the upload put in its payload. */
export function formatBinary(t: Translate, chunkHeader: number | undefined): string {
  return chunkHeader === undefined
    ? t("inspector.binary")
    : t("inspector.binaryChunk", { bytes: chunkHeader });
}

/** How the connection ended, or that it is still open. */
export function formatFinalCode(t: Translate, code: number | undefined, reason: string): string {
  if (code === undefined) return t("inspector.open");
  return reason
    ? t("inspector.finalCodeReason", { code, reason })
    : t("inspector.finalCode", { code });
}
