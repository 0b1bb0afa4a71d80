import { DM_PREFIX } from "@duplex/protocol";
import type Database from "better-sqlite3";
import {
  INDEXED_TERM_LENGTH,
  SHORT_QUERY_WINDOW,
  SearchCursorError,
  decodeCursor,
  encodeCursor,
  escapeLike,
  highlightRanges,
  searchTerms,
  type MessageSearch,
  type SearchInput,
  type SearchPage,
} from "./MessageSearch.js";
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from "./rows.js";
import type { SqliteSearchIndexer } from "./sqliteSearchIndexer.js";

// A query first indexes what is pending (normally a few commits' worth), so a message acked just
// before is found; bounded so a backlog after a crash cannot stall one query for long.
const CATCH_UP_ROWS = 20_000;

type Row = MessageRow & { sid: number };

// Readable: a DM only to its two participants (`dm:<first>:<second>`; ids hold no `:`), a private
// room only to its members, any other room to all.
const READABLE = `(CASE WHEN substr(m.room, 1, ${DM_PREFIX.length}) = '${DM_PREFIX}'
    THEN substr(m.room, 1, length(@dmFirst)) = @dmFirst OR substr(m.room, -length(@dmSecond)) = @dmSecond
    ELSE NOT EXISTS (SELECT 1 FROM private_rooms p WHERE p.room = m.room)
      OR EXISTS (SELECT 1 FROM room_members rm WHERE rm.room = m.room AND rm.user_id = @userId) END)`;

/** An FTS5 phrase: the term as a substring, quotes doubled. */
const phrase = (term: string) => `"${term.replaceAll('"', '""')}"`;

/**
 * {@link MessageSearch} on SQLite (migrations 8 and 14): an FTS5 `trigram` index finds terms of three or more
 * characters in any script; `search_rows` numbers messages in the order stored, which is both the
 * FTS rowid and the newest-first order. A query of only shorter terms scans a bounded window of that
 * order with `LIKE` instead.
 */
export class SqliteMessageSearch implements MessageSearch {
  readonly #top;
  // One statement per query shape (which filters, how many terms), bounded by the shapes there are.
  readonly #statements = new Map<string, Database.Statement<Record<string, unknown>, Row>>();

  readonly #indexer: SqliteSearchIndexer;

  constructor(
    private readonly db: Database.Database,
    indexer: SqliteSearchIndexer,
  ) {
    this.#indexer = indexer;
    this.#top = db.prepare<[], { top: number | null }>(`SELECT max(id) AS top FROM search_rows`);
  }

  async messages(input: SearchInput): Promise<SearchPage> {
    const terms = searchTerms(input.query);
    if (terms.length === 0) return { hits: [] };
    this.#indexer.catchUp(CATCH_UP_ROWS);
    const position = decodeCursor(input.cursor);
    if (input.cursor !== undefined && typeof position?.[0] !== "number") {
      throw new SearchCursorError();
    }
    const below = typeof position?.[0] === "number" ? position[0] : (this.#top.get()?.top ?? 0) + 1;
    const indexed = terms.filter((t) => [...t].length >= INDEXED_TERM_LENGTH);
    const scanned = terms.filter((t) => [...t].length < INDEXED_TERM_LENGTH);
    const floor = indexed.length > 0 ? 0 : below - SHORT_QUERY_WINDOW;
    const params: Record<string, unknown> = {
      userId: input.userId,
      dmFirst: `${DM_PREFIX}${input.userId}:`,
      dmSecond: `:${input.userId}`,
      below,
      floor,
      limit: input.limit + 1,
      ...(indexed.length > 0 && { match: indexed.map(phrase).join(" AND ") }),
      ...(input.room !== undefined && { room: input.room }),
      ...(input.author !== undefined && { author: input.author }),
      ...(input.before !== undefined && { before: input.before }),
      ...(input.after !== undefined && { after: input.after }),
    };
    scanned.forEach((t, i) => (params[`s${i}`] = `%${escapeLike(t)}%`));
    const rows = this.#statement(input, indexed.length > 0, scanned.length).all(params);
    const hits = rows.slice(0, input.limit).map((row) => ({
      message: toMessage(row),
      ranges: highlightRanges(row.text, terms),
    }));
    const last = rows[input.limit - 1];
    if (rows.length > input.limit && last) return { hits, nextCursor: encodeCursor([last.sid]) };
    if (floor > 1) return { hits, nextCursor: encodeCursor([floor]) };
    return { hits };
  }

  #statement(input: SearchInput, indexed: boolean, scanned: number) {
    const filters = [input.room, input.author, input.before, input.after];
    const key = `${indexed}:${scanned}:${filters.map((v) => (v === undefined ? 0 : 1)).join("")}`;
    let stmt = this.#statements.get(key);
    if (stmt) return stmt;
    const where = [
      "m.deleted = 0",
      ...Array.from({ length: scanned }, (_, i) => `m.text LIKE @s${i} ESCAPE '\\'`),
      ...(input.room !== undefined ? ["m.room = @room"] : []),
      ...(input.author !== undefined ? ["m.user_id = @author"] : []),
      ...(input.before !== undefined ? ["m.ts < @before"] : []),
      ...(input.after !== undefined ? ["m.ts >= @after"] : []),
      READABLE,
    ].join(" AND ");
    const sql = indexed
      ? `SELECT f.rowid AS sid, ${MESSAGE_COLUMNS} FROM message_fts f
         JOIN search_rows r ON r.id = f.rowid
         JOIN messages m ON m.room = r.room AND m.seq = r.seq JOIN users u ON u.id = m.user_id
         WHERE message_fts MATCH @match AND f.rowid < @below AND ${where}
         ORDER BY f.rowid DESC LIMIT @limit`
      : `SELECT r.id AS sid, ${MESSAGE_COLUMNS} FROM search_rows r
         JOIN messages m ON m.room = r.room AND m.seq = r.seq JOIN users u ON u.id = m.user_id
         WHERE r.id < @below AND r.id >= @floor AND ${where}
         ORDER BY r.id DESC LIMIT @limit`;
    stmt = this.db.prepare<Record<string, unknown>, Row>(sql);
    this.#statements.set(key, stmt);
    return stmt;
  }
}
