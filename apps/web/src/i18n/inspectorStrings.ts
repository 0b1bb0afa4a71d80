import { useStore } from "zustand";
import type { inspectorStrings } from "../inspector/strings.js";
import { localeStore, type LocaleState } from "./localeStore.js";

/** The inspector's strings with each text widened to `string`, so a translation can fill them. */
export type InspectorStrings = {
  readonly [K in keyof typeof inspectorStrings]: (typeof inspectorStrings)[K] extends string
    ? string
    : (typeof inspectorStrings)[K];
};

/** The inspector's strings in the current UI language; re-renders the caller when it changes. */
export function useInspectorStrings(): InspectorStrings {
  return useStore(localeStore, selectInspector);
}

const selectInspector = (s: LocaleState) => s.inspector;
