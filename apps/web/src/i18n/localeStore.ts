import { createStore, type StoreApi } from "zustand/vanilla";
import { LOCALE_STORAGE_KEY, detectLocale, isLocale, type Locale } from "./locale.js";
import { ENGLISH, loadStrings, type LocaleStrings } from "./localeStrings.js";
import type { Translate } from "./translate.js";

export interface LocaleState {
  /** The language shown. It changes only once that language's strings have loaded. */
  locale: Locale;
  /** Translates into `locale`; a new function exactly when the language changes. */
  t: Translate;
  /**
   * Loads the language's strings if needed, then shows and remembers it. Never rejects: a failed
   * load keeps the current language.
   */
  setLocale(locale: Locale): Promise<void>;
}

export type LocaleStore = StoreApi<LocaleState> & {
  /** Settles once the preferred language is shown (or failed to load, leaving English). */
  readonly ready: Promise<void>;
};

export interface LocaleEnvironment {
  /** Where the choice is remembered. @default no persistence */
  storage?: Pick<Storage, "getItem" | "setItem">;
  /** The browser's preferred languages, best first. @default [] (English) */
  languages?: readonly string[];
  /** The element whose `lang` follows the choice (screen readers, fonts, hyphenation). @default none */
  root?: { lang: string };
  /** Fetches a language's strings. @default `loadStrings` (a chunk per language) */
  load?: (locale: Locale) => Promise<LocaleStrings>;
}

/**
 * The UI language, outside React like the app store, so labels built in plain functions (`t()`)
 * and components (`useT()`) read the same choice. It is its own small store rather than a slice
 * of the app store: the language does not depend on the connection, and it is chosen before the
 * sign-in that creates the session.
 *
 * It starts in English (always loaded) and switches to the preferred language when its strings
 * arrive; `ready` lets the first render wait for that instead of flashing English.
 */
export function createLocaleStore(env: LocaleEnvironment = {}): LocaleStore {
  const { storage, languages = [], root, load = loadStrings } = env;
  const remembered = readStorage(storage);
  const preferred = isLocale(remembered) ? remembered : detectLocale(languages);

  const store = createStore<LocaleState>()(() => ({
    locale: "en",
    ...ENGLISH,
    setLocale: (locale) => show(locale, true),
  }));

  // The latest request wins: picking English while Chinese is still loading must end in English.
  let latest = 0;
  async function show(locale: Locale, remember: boolean): Promise<void> {
    const request = ++latest;
    let strings: LocaleStrings;
    try {
      strings = await load(locale);
    } catch {
      // Offline, or a deploy replaced the chunk: stay readable in the current language.
      return;
    }
    if (request !== latest) return;
    if (remember) writeStorage(storage, locale);
    if (root) root.lang = locale;
    store.setState({ locale, ...strings });
  }

  // The detected language is not remembered: only an explicit choice outlives a browser change.
  return Object.assign(store, { ready: show(preferred, false) });
}

function writeStorage(storage: LocaleEnvironment["storage"], locale: Locale): void {
  try {
    storage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage full or blocked (private mode): the choice still holds for this page.
  }
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
