import { dateTimeFormat } from "../i18n/intlFormat.js";
import { currentLocale, t } from "../i18n/localeStore.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "3 min ago", "2 h ago", then the clock time for yesterday and older, in the UI language. */
export function relativeTime(ts: number, now: number): string {
  const age = now - ts;
  // The phrases come from the dictionary: Intl.RelativeTimeFormat's English ("3 min. ago") is not
  // the app's wording; clock times and dates do come from Intl in the current locale.
  if (age < MINUTE) return t("time.justNow");
  if (age < HOUR) return t("time.minutesAgo", { count: Math.floor(age / MINUTE) });
  if (age < 6 * HOUR) return t("time.hoursAgo", { count: Math.floor(age / HOUR) });
  const locale = currentLocale();
  if (age < DAY) return dateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(ts);
  return dateTimeFormat(locale, {
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(ts);
}

/** The absolute time, for a tooltip. */
export function absoluteTime(ts: number): string {
  return dateTimeFormat(currentLocale(), { dateStyle: "full", timeStyle: "medium" }).format(ts);
}
