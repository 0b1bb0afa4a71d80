import type { Locale } from "./locale.js";

const cache = new Map<string, Intl.DateTimeFormat>();

/** A date formatter for `locale`, built once per locale and options (they are costly to create). */
export function dateTimeFormat(
  locale: Locale,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}
