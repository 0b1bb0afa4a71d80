import { en } from "./en.js";
import type { Locale } from "./locale.js";
import { createTranslator, type LocaleStrings } from "./translate.js";

export type { LocaleStrings } from "./translate.js";

/** English is in the first chunk: it is the fallback, shown until another language has loaded. */
export const ENGLISH: LocaleStrings = {
  t: createTranslator("en", en),
};

/**
 * Every other language is a chunk of its own, fetched the first time it is needed, so English
 * readers never download it. The module system fetches a chunk once; later calls resolve to the
 * same object (and so the same `t`).
 */
const LOADERS: Readonly<Record<Locale, () => Promise<LocaleStrings>>> = {
  en: () => Promise.resolve(ENGLISH),
  "zh-CN": () => import("./zhStrings.js").then((m) => m.zhStrings),
};

/** A language's strings; rejects when its chunk cannot be fetched (offline, replaced by a deploy). */
export function loadStrings(locale: Locale): Promise<LocaleStrings> {
  return LOADERS[locale]();
}
