/** The languages the UI speaks; the first is the fallback. */
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];

/** Where the chosen language is remembered across reloads. */
export const LOCALE_STORAGE_KEY = "duplex-web.locale";

/** Each language named in itself, so a reader of either finds their own in the switcher. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: "English",
  "zh-CN": "简体中文",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * The browser's preferred language among ours: the first of `languages` we speak decides
 * (`zh`, `zh-TW`, `zh-Hans-CN` → `zh-CN`; `en-GB` → `en`); none of them → English.
 */
export function detectLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const base = tag.toLowerCase().split("-")[0];
    if (base === "zh") return "zh-CN";
    if (base === "en") return "en";
  }
  return "en";
}
