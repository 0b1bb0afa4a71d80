import { ErrorCode, LIMITS, type ClientMessageOf } from "@duplex/protocol";
import type { Peer } from "../connection/Peer.js";
import type { ServerContext } from "../context.js";
import { DuplexError } from "../errors.js";
import { SearchCursorError } from "../store/MessageSearch.js";
import { userOf, withGuestAuthors } from "./access.js";
import { withMessageExtras } from "./reactions.js";

/**
 * What one search costs beyond the rows it may return, in the `history` rows budget: the index or a
 * bounded window is read whatever the hits, so even an empty page is not free.
 */
export const SEARCH_BASE_ROWS = 50;

/**
 * `search`: full-text search over every room the user may read (the store applies the permissions).
 * Charged to the user's and the address's read budget and kept whole, since the work is in the scan.
 */
export async function handleSearch(
  ctx: ServerContext,
  conn: Peer,
  msg: ClientMessageOf<"search">,
): Promise<void> {
  const user = userOf(conn);
  const limit = msg.limit ?? LIMITS.maxSearchLimit;
  ctx.budgets.reserveRows(user.id, conn.address, limit + SEARCH_BASE_ROWS, ctx.now());
  let page;
  try {
    page = await ctx.store.search.messages({
      userId: user.id,
      query: msg.query,
      limit,
      ...(msg.room !== undefined && { room: msg.room }),
      ...(msg.author !== undefined && { author: msg.author }),
      ...(msg.before !== undefined && { before: msg.before }),
      ...(msg.after !== undefined && { after: msg.after }),
      ...(msg.cursor !== undefined && { cursor: msg.cursor }),
    });
  } catch (err) {
    if (err instanceof SearchCursorError) {
      throw new DuplexError(ErrorCode.InvalidMessage, "unknown search cursor");
    }
    throw err;
  }
  const messages = await withMessageExtras(
    ctx,
    conn,
    await withGuestAuthors(
      ctx,
      conn,
      page.hits.map((h) => h.message),
    ),
  );
  conn.send({
    type: "search_results",
    ...(msg.ref !== undefined && { ref: msg.ref }),
    hits: page.hits.map((h, i) => ({ message: messages[i] ?? h.message, ranges: h.ranges })),
    ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }),
  });
}
