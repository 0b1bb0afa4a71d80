import { useStore } from "zustand";
import type { InspectorStrings } from "../inspector/strings.js";
import { localeStore, type LocaleState } from "./localeStore.js";

export type { InspectorStrings } from "../inspector/strings.js";

/** The inspector's strings in the current UI language; re-renders the caller when it changes. */
export function useInspectorStrings(): InspectorStrings {
  return useStore(localeStore, selectInspector);
}

const selectInspector = (s: LocaleState) => s.inspector;
