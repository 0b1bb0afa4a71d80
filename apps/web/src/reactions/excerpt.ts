/** At most this many characters of a quoted message. */
const EXCERPT_CHARS = 100;

/** The start of a message's text for a quote, cut at a character boundary with "…". */
export function excerptOf(text: string): string {
  const chars = [...text];
  return chars.length <= EXCERPT_CHARS ? text : `${chars.slice(0, EXCERPT_CHARS - 1).join("")}…`;
}
