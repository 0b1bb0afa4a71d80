import { DM_PREFIX } from "@duplex/protocol";
import type pg from "pg";
import {
  SHORT_QUERY_WINDOW,
  SearchCursorError,
  decodeCursor,
  encodeCursor,
  escapeLike,
  hasIndexedTerm,
  highlightRanges,
  searchTerms,
  type MessageSearch,
  type SearchInput,
  type SearchPage,
} from "../MessageSearch.js";
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from "../rows.js";

type Position = [number, string, number];

const isPosition = (p: unknown[] | undefined): p is Position =>
  p?.length === 3 &&
  typeof p[0] === "number" &&
  typeof p[1] === "string" &&
  typeof p[2] === "number";

/** Parameters $1–$3: the user id, `dm:<id>:`, `:<id>`. */
const READABLE = `(CASE WHEN left(m.room, ${DM_PREFIX.length}) = '${DM_PREFIX}'
    THEN starts_with(m.room, $2) OR right(m.room, length($3)) = $3
    ELSE NOT EXISTS (SELECT 1 FROM private_rooms p WHERE p.room = m.room)
      OR EXISTS (SELECT 1 FROM room_members rm WHERE rm.room = m.room AND rm.user_id = $1) END)`;

const ORDER = "ORDER BY m.ts DESC, m.room DESC, m.seq DESC";

/**
 * {@link MessageSearch} on Postgres (migration 6): `ILIKE` per term, which a `pg_trgm` GIN index
 * answers for terms of three or more characters (given a UTF-8 locale: in the C locale pg_trgm finds
 * no trigrams in Chinese, and the same query stays right but scans). Newest first by
 * (ts, room, seq); a query of only shorter terms scans a bounded window of that order.
 */
export class PostgresMessageSearch implements MessageSearch {
  constructor(private readonly pool: pg.Pool) {}

  async messages(input: SearchInput): Promise<SearchPage> {
    const terms = searchTerms(input.query);
    if (terms.length === 0) return { hits: [] };
    const decoded = decodeCursor(input.cursor);
    if (input.cursor !== undefined && !isPosition(decoded)) throw new SearchCursorError();
    const position = isPosition(decoded) ? decoded : undefined;
    const params: unknown[] = [input.userId, `${DM_PREFIX}${input.userId}:`, `:${input.userId}`];
    const arg = (value: unknown) => `$${params.push(value)}`;
    const where = ["NOT m.deleted"];
    for (const t of terms) where.push(`m.text ILIKE ${arg(`%${escapeLike(t)}%`)}`);
    if (input.room !== undefined) where.push(`m.room = ${arg(input.room)}`);
    if (input.author !== undefined) where.push(`m.user_id = ${arg(input.author)}`);
    if (input.before !== undefined) where.push(`m.ts < ${arg(input.before)}`);
    if (input.after !== undefined) where.push(`m.ts >= ${arg(input.after)}`);
    if (isPosition(position))
      where.push(
        `(m.ts, m.room, m.seq) < (${arg(position[0])}, ${arg(position[1])}, ${arg(position[2])})`,
      );
    let edge: Position | undefined;
    if (!hasIndexedTerm(terms)) {
      // No term the index can find: scan only the next SHORT_QUERY_WINDOW messages, newest first.
      edge = await this.#windowEdge(position);
      if (edge) {
        where.push(`(m.ts, m.room, m.seq) >= (${arg(edge[0])}, ${arg(edge[1])}, ${arg(edge[2])})`);
      }
    }
    where.push(READABLE);
    const { rows } = await this.pool.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users u ON u.id = m.user_id
       WHERE ${where.join(" AND ")} ${ORDER} LIMIT ${arg(input.limit + 1)}`,
      params,
    );
    const hits = rows.slice(0, input.limit).map((row) => ({
      message: toMessage(row),
      ranges: highlightRanges(row.text, terms),
    }));
    const last = rows[input.limit - 1];
    if (rows.length > input.limit && last) {
      return { hits, nextCursor: encodeCursor([last.ts, last.room, last.seq]) };
    }
    return edge ? { hits, nextCursor: encodeCursor(edge) } : { hits };
  }

  /** The oldest message of the next window, or undefined when fewer messages than a window remain. */
  async #windowEdge(from: Position | undefined): Promise<Position | undefined> {
    const { rows } = await this.pool.query<{ ts: number; room: string; seq: number }>(
      `SELECT ts, room, seq FROM messages m
       ${from ? "WHERE (m.ts, m.room, m.seq) < ($2, $3, $4)" : ""}
       ${ORDER} OFFSET $1 LIMIT 1`,
      from ? [SHORT_QUERY_WINDOW - 1, ...from] : [SHORT_QUERY_WINDOW - 1],
    );
    const row = rows[0];
    return row ? [row.ts, row.room, row.seq] : undefined;
  }
}
