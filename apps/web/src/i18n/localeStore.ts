import { createStore, type StoreApi } from "zustand/vanilla";
import { LOCALE_STORAGE_KEY, detectLocale, isLocale, type Locale } from "./locale.js";
import { translator, type Translate } from "./translate.js";

export interface LocaleState {
  locale: Locale;
  /** Translates into `locale`; a new function exactly when the language changes. */
  t: Translate;
  setLocale(locale: Locale): void;
}

export type LocaleStore = StoreApi<LocaleState>;

export interface LocaleEnvironment {
  /** Where the choice is remembered. @default no persistence */
  storage?: Pick<Storage, "getItem" | "setItem">;
  /** The browser's preferred languages, best first. @default [] (English) */
  languages?: readonly string[];
  /** The element whose `lang` follows the choice (screen readers, fonts, hyphenation). @default none */
  root?: { lang: string };
}

/**
 * The UI language, outside React like the app store, so labels built in plain functions (`t()`)
 * and components (`useT()`) read the same choice. It is its own small store rather than a slice
 * of the app store: the language does not depend on the connection, and it is chosen before the
 * sign-in that creates the session.
 */
export function createLocaleStore(env: LocaleEnvironment = {}): LocaleStore {
  const { storage, languages = [], root } = env;
  const remembered = readStorage(storage);
  const initial = isLocale(remembered) ? remembered : detectLocale(languages);
  if (root) root.lang = initial;

  return createStore<LocaleState>()((set) => ({
    locale: initial,
    t: translator(initial),
    setLocale(locale) {
      try {
        storage?.setItem(LOCALE_STORAGE_KEY, locale);
      } catch {
        // Storage full or blocked (private mode): the choice still holds for this page.
      }
      if (root) root.lang = locale;
      set({ locale, t: translator(locale) });
    },
  }));
}

function readStorage(storage: LocaleEnvironment["storage"]): string | null {
  try {
    return storage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function browserEnvironment(): LocaleEnvironment {
  if (typeof window === "undefined") return {};
  let storage: Storage | undefined;
  try {
    storage = window.localStorage;
  } catch {
    storage = undefined;
  }
  const { languages, language } = window.navigator;
  return {
    ...(storage && { storage }),
    languages: languages.length > 0 ? languages : [language],
    root: window.document.documentElement,
  };
}

/** The page's one language store. */
export const localeStore = createLocaleStore(browserEnvironment());

/** Translates with the current language, for code outside React (store-built labels). */
export const t: Translate = (key, ...args) => localeStore.getState().t(key, ...args);

/** The current language, for `Intl` formatters outside React. */
export function currentLocale(): Locale {
  return localeStore.getState().locale;
}
