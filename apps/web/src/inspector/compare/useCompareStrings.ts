import { useLocale } from "../../i18n/useT.js";
import { compareStrings, type CompareStrings } from "./compareStrings.js";
import { compareStringsZh } from "./compareStringsZh.js";

/** The panel's strings in the UI language (both dictionaries load with the panel's own chunk). */
export function useCompareStrings(): CompareStrings {
  return useLocale() === "zh-CN" ? compareStringsZh : compareStrings;
}
