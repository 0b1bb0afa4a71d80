import type { CompareMode } from "@duplex/protocol";
import { useMemo } from "react";
import type { Locale } from "../../i18n/locale.js";
import type { Translate } from "../../i18n/translate.js";
import { useLocale, useT } from "../../i18n/useT.js";

/** The comparison's figures in words, for the UI language: numbers grouped as it writes them. */
export interface CompareFormat {
  bytes(n: number): string;
  count(n: number): string;
  ms(ms: number | undefined): string;
  mode(mode: CompareMode): string;
}

export function compareFormat(t: Translate, locale: Locale): CompareFormat {
  const count = (n: number) => n.toLocaleString(locale);
  return {
    // Small figures exactly, so a 40-byte difference between transports stays visible.
    bytes: (n) =>
      n < 10_000
        ? t("compare.bytes", { n: count(n) })
        : t("compare.kib", { n: (n / 1024).toFixed(1) }),
    count,
    ms: (ms) => (ms === undefined ? "—" : t("inspector.ms", { ms: ms.toFixed(ms < 10 ? 1 : 0) })),
    mode: (mode) => t(`compare.mode.${mode}`),
  };
}

/** The current `t` and the comparison's formatters; both change when the language does. */
export function useCompareFormat(): { t: Translate; format: CompareFormat } {
  const t = useT();
  const locale = useLocale();
  return useMemo(() => ({ t, format: compareFormat(t, locale) }), [t, locale]);
}
