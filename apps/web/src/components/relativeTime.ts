const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dateAndClock = new Intl.DateTimeFormat(undefined, {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const full = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "medium" });

/** "just now", "3 min ago", "2 h ago", then the clock time for yesterday and older. */
export function relativeTime(ts: number, now: number): string {
  const age = now - ts;
  if (age < MINUTE) return "just now";
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`;
  if (age < 6 * HOUR) return `${Math.floor(age / HOUR)} h ago`;
  if (age < DAY) return clock.format(ts);
  return dateAndClock.format(ts);
}

/** The absolute time, for a tooltip. */
export function absoluteTime(ts: number): string {
  return full.format(ts);
}
