import { dateTimeFormat } from "./intlFormat.js";
import { useLocale } from "./useT.js";

/** Medium date and short time: how lists (sessions, passkeys, audit, notifications) say when. */
export const MEDIUM_DATE_TIME: Intl.DateTimeFormatOptions = {
  dateStyle: "medium",
  timeStyle: "short",
};

/** A moment as the locale writes it, machine-readable in `dateTime`. */
export function DateTime({ ts }: { ts: number }) {
  const format = dateTimeFormat(useLocale(), MEDIUM_DATE_TIME);
  return <time dateTime={new Date(ts).toISOString()}>{format.format(ts)}</time>;
}
