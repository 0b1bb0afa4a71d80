/** Characters of context kept before the first match when a long message is cut to a snippet. */
const LEAD = 40;
/** Longest snippet shown for a hit. */
const SNIPPET = 240;

/**
 * A hit's text with its matches in `<mark>`, as React elements (never HTML). A long text is cut to
 * a snippet around the first match, with an ellipsis where it was cut.
 */
export function HighlightedText({
  text,
  ranges,
}: {
  text: string;
  ranges: readonly (readonly [number, number])[];
}) {
  const first = ranges[0]?.[0] ?? 0;
  const start = text.length > SNIPPET && first > LEAD ? first - LEAD : 0;
  const end = Math.min(text.length, start + SNIPPET);
  const parts: React.ReactNode[] = [];
  if (start > 0) parts.push("…");
  let at = start;
  for (const [from, to] of ranges) {
    const a = Math.max(from, at);
    const b = Math.min(to, end);
    if (b <= a) continue;
    if (a > at) parts.push(text.slice(at, a));
    parts.push(<mark key={a}>{text.slice(a, b)}</mark>);
    at = b;
  }
  if (at < end) parts.push(text.slice(at, end));
  if (end < text.length) parts.push("…");
  return <>{parts}</>;
}
