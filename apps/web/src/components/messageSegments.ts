/** A run of a chat message's text, as it is rendered: plain, a link, or an `@mention`. */
export type Segment =
  | { kind: "text"; text: string }
  | { kind: "link"; text: string; href: string }
  | { kind: "mention"; text: string; me: boolean };

// Only http(s) is ever matched, so `javascript:` and `data:` stay plain text by construction.
const URL_OR_AT = /https?:\/\/[^\s<>"]+|@/giu;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const TRAILING_PUNCTUATION = /[.,;:!?'"]+$/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** A URL as typed, minus sentence punctuation after it; `undefined` unless it parses as http(s). */
function cleanUrl(raw: string): string | undefined {
  let url = raw.replace(TRAILING_PUNCTUATION, "");
  // "(see https://x.y/z)": the closing parenthesis belongs to the sentence, not the link.
  if (url.endsWith(")") && !url.includes("(")) url = url.slice(0, -1);
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The mention at `text[at] === "@"`: your own name (which may hold spaces) when it follows, else
 * one word — the same rule as the server's mention notifications (start or non-word before `@`).
 */
function mentionAt(text: string, at: number, myName: string | undefined): Segment | undefined {
  if (isWordChar(text[at - 1])) return undefined;
  const rest = text.slice(at + 1);
  if (
    myName !== undefined &&
    myName !== "" &&
    rest.slice(0, myName.length).toLowerCase() === myName.toLowerCase() &&
    !isWordChar(rest[myName.length])
  ) {
    return { kind: "mention", text: `@${rest.slice(0, myName.length)}`, me: true };
  }
  const word = /^[\p{L}\p{N}_]+/u.exec(rest)?.[0];
  return word === undefined ? undefined : { kind: "mention", text: `@${word}`, me: false };
}

/** Splits message text into plain runs, safe links and mentions. Never produces HTML. */
export function messageSegments(text: string, myName?: string): Segment[] {
  const segments: Segment[] = [];
  let plainFrom = 0;
  const flushPlain = (to: number) => {
    if (to > plainFrom) segments.push({ kind: "text", text: text.slice(plainFrom, to) });
  };
  for (const match of text.matchAll(URL_OR_AT)) {
    const at = match.index;
    if (at < plainFrom) continue;
    let segment: Segment | undefined;
    if (match[0] === "@") {
      segment = mentionAt(text, at, myName);
    } else {
      const href = cleanUrl(match[0]);
      if (href !== undefined) segment = { kind: "link", text: href, href };
    }
    if (segment === undefined) continue;
    flushPlain(at);
    segments.push(segment);
    plainFrom = at + segment.text.length;
  }
  flushPlain(text.length);
  return segments;
}
