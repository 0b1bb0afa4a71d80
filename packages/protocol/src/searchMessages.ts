import { z } from "zod";
import { LIMITS } from "./limits.js";
import { ChatMessage, Ref } from "./fields.js";

/** One search hit: the message and where it matched, `[start, end)` in UTF-16 units of its text. */
export const SearchHit = z.strictObject({
  message: ChatMessage,
  ranges: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])),
});
export type SearchHit = z.infer<typeof SearchHit>;

/**
 * Answer to `search`: hits newest first. `nextCursor` continues with older ones; a page may hold
 * fewer hits than asked (even none) and still have one, since a one- or two-character query scans a
 * bounded window of messages per page.
 */
export const SearchResultsMessage = z.strictObject({
  type: z.literal("search_results"),
  ref: Ref.optional(),
  hits: z.array(SearchHit),
  nextCursor: z.string().min(1).max(LIMITS.maxSearchCursorLength).optional(),
});
