import { plainExcerpt } from "../format/plainExcerpt.js";

/** At most this many characters of a quoted message. */
const EXCERPT_CHARS = 100;

/** The start of a message's text for a quote, plain, cut at a character boundary with "…". */
export function excerptOf(text: string): string {
  const plain = plainExcerpt(text);
  const chars = [...plain];
  return chars.length <= EXCERPT_CHARS ? plain : `${chars.slice(0, EXCERPT_CHARS - 1).join("")}…`;
}
