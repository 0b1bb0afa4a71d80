import { inspectorStrings } from "../inspector/strings.js";
import type { Locale } from "./locale.js";
import { inspectorStringsZh } from "./inspectorStringsZh.js";
import { useLocale } from "./useT.js";

/** The inspector's strings with each text widened to `string`, so a translation can fill them. */
export type InspectorStrings = {
  readonly [K in keyof typeof inspectorStrings]: (typeof inspectorStrings)[K] extends string
    ? string
    : (typeof inspectorStrings)[K];
};

const BY_LOCALE: Readonly<Record<Locale, InspectorStrings>> = {
  en: inspectorStrings,
  "zh-CN": inspectorStringsZh,
};

/** The inspector's strings in the current UI language; re-renders the caller when it changes. */
export function useInspectorStrings(): InspectorStrings {
  return BY_LOCALE[useLocale()];
}
