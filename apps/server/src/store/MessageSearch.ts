import type { ChatMessage } from "@duplex/protocol";

/** One search, on behalf of `userId`: only rooms that user may read are searched. */
export interface SearchInput {
  userId: string;
  /** Whitespace-separated terms; a message hits when it contains every one (case-insensitively). */
  query: string;
  /** Only this room. */
  room?: string;
  /** Only messages by this user id. */
  author?: string;
  /** Only messages sent before this time (ms since epoch, exclusive). */
  before?: number;
  /** Only messages sent at or after this time (ms since epoch). */
  after?: number;
  limit: number;
  /** The previous page's `nextCursor`: continue with older messages. */
  cursor?: string;
}

/** A message that matched, with where: `[start, end)` in UTF-16 code units of `message.text`. */
export interface SearchHit {
  message: ChatMessage;
  ranges: [number, number][];
}

/**
 * Hits newest first. `nextCursor`, when present, continues with older messages; a page may hold fewer
 * than `limit` hits (even none) and still have one, because a short query scans a bounded window.
 */
export interface SearchPage {
  hits: SearchHit[];
  nextCursor?: string;
}

/**
 * Full-text search over stored messages: deleted ones never hit, edited ones hit on their new text,
 * and permissions are part of the query. Part of the {@link Store} seam (`store.search`).
 */
export interface MessageSearch {
  messages(input: SearchInput): Promise<SearchPage>;
}

/** At most this many terms count; the rest of a long query is ignored. */
export const MAX_SEARCH_TERMS = 8;
/** Trigram indexes find terms of at least this many characters (code points). */
export const INDEXED_TERM_LENGTH = 3;
/**
 * When no term is long enough for the index (one- and two-character words, common in Chinese), a page
 * scans at most this many of the newest messages not yet scanned, so its cost stays bounded.
 */
export const SHORT_QUERY_WINDOW = 20_000;

/** The distinct terms of a query, longest first (the most selective drives an index). */
export function searchTerms(query: string): string[] {
  const seen = new Set<string>();
  for (const term of query.split(/\s+/u)) {
    if (term !== "") seen.add(term);
    if (seen.size === MAX_SEARCH_TERMS) break;
  }
  return [...seen].sort((a, b) => [...b].length - [...a].length);
}

/** Whether some term is long enough for a trigram index. */
export const hasIndexedTerm = (terms: readonly string[]): boolean =>
  terms.some((t) => [...t].length >= INDEXED_TERM_LENGTH);

/** `%`, `_` and `\` taken literally in a `LIKE … ESCAPE '\'` pattern. */
export const escapeLike = (term: string): string => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Where the terms occur in `text`, merged and in order. Case is folded per code unit; a character
 * whose lower case has another length (rare) is compared as it is, so ranges stay true offsets.
 */
export function highlightRanges(text: string, terms: readonly string[]): [number, number][] {
  const fold = (s: string) =>
    Array.from(s, (c) => {
      const lower = c.toLowerCase();
      return lower.length === c.length ? lower : c;
    }).join("");
  const hay = fold(text);
  const found: [number, number][] = [];
  for (const term of terms) {
    const needle = fold(term);
    if (needle === "") continue;
    for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + needle.length)) {
      found.push([at, at + needle.length]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of found) {
    const last = merged.at(-1);
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** Opaque cursors: a position, encoded so clients do not build them. */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

/** The position of a cursor this store made, or undefined for anything else. */
export function decodeCursor(cursor: string | undefined): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value)) return undefined;
    const ok = value.every((v) => typeof v === "string" || typeof v === "number");
    return ok ? (value as (string | number)[]) : undefined;
  } catch {
    return undefined;
  }
}

/** A cursor this store did not make (bad input from a client). */
export class SearchCursorError extends Error {
  constructor() {
    super("unknown search cursor");
    this.name = "SearchCursorError";
  }
}
