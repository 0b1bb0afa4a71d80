import { useStore } from "zustand";
import type { Locale } from "./locale.js";
import { localeStore } from "./localeStore.js";
import type { Translate } from "./translate.js";

/** The current `t`; the component re-renders when the language changes. */
export function useT(): Translate {
  return useStore(localeStore, selectT);
}

export function useLocale(): Locale {
  return useStore(localeStore, selectLocale);
}

const selectT = (s: { t: Translate }) => s.t;
const selectLocale = (s: { locale: Locale }) => s.locale;
