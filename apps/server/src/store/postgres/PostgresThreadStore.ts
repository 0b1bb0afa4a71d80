import type { ChatMessage, ThreadSummary } from "@duplex/protocol";
import type pg from "pg";
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from "../rows.js";
import {
  foldThreadSummaries,
  type LinkThreadInput,
  type LinkThreadResult,
  type ThreadCountRow,
  type ThreadPartRow,
  type ThreadReadState,
  type ThreadStore,
  type ThreadViewerRow,
} from "../ThreadStore.js";
import { inTransaction } from "./transaction.js";

type Queryable = Pick<pg.PoolClient, "query">;

const COUNTS = `SELECT root_id, count(*) AS c, max(ts) AS last_at, max(seq) AS last_seq
  FROM thread_replies WHERE root_id = ANY($1::text[]) GROUP BY root_id`;
const PARTS = `SELECT root_id, user_id FROM thread_replies WHERE root_id = ANY($1::text[])
  GROUP BY root_id, user_id ORDER BY root_id, min(seq)`;
const AUTHORS = `SELECT id, user_id FROM messages WHERE id = ANY($1::text[])`;
const FOLLOW = `INSERT INTO thread_reads (user_id, root_id, room, seq, at) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (user_id, root_id) DO UPDATE SET seq = GREATEST(thread_reads.seq, excluded.seq),
  at = excluded.at`;

async function summariesOf(
  db: Queryable,
  roots: readonly string[],
  viewerId: string | undefined,
): Promise<Map<string, ThreadSummary>> {
  const counts = await db.query<ThreadCountRow>(COUNTS, [roots]);
  if (counts.rows.length === 0) return new Map();
  const found = counts.rows.map((r) => r.root_id);
  const [parts, authors, viewer] = await Promise.all([
    db.query<ThreadPartRow>(PARTS, [found]),
    db.query<{ id: string; user_id: string }>(AUTHORS, [found]),
    viewerId === undefined
      ? undefined
      : db.query<ThreadViewerRow>(
          `SELECT r.root_id, r.seq, (SELECT count(*) FROM thread_replies t
             WHERE t.root_id = r.root_id AND t.seq > r.seq AND t.user_id <> r.user_id) AS unread
           FROM thread_reads r WHERE r.user_id = $1 AND r.root_id = ANY($2::text[])`,
          [viewerId, found],
        ),
  ]);
  return foldThreadSummaries(
    counts.rows,
    parts.rows,
    new Map(authors.rows.map((r) => [r.id, r.user_id])),
    viewer?.rows,
  );
}

/** {@link ThreadStore} on the {@link PostgresStore}'s pool (migration 11). */
export class PostgresThreadStore implements ThreadStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Links a reply into its thread (`threadLinkOf`), after its append: `PostgresStore.append`. */
  async link(input: LinkThreadInput, at: number): Promise<LinkThreadResult> {
    return inTransaction(this.pool, async (client) => {
      // The root row's lock serializes the replies of one thread across nodes.
      const root = await client.query<{ seq: string; user_id: string; deleted: boolean }>(
        `SELECT seq, user_id, deleted FROM messages WHERE id = $1 AND room = $2 FOR UPDATE`,
        [input.rootId, input.room],
      );
      const row = root.rows[0];
      let result: LinkThreadResult | undefined;
      if (!row || row.deleted) result = { status: "not_found" };
      else {
        const nested = await client.query(`SELECT 1 FROM thread_replies WHERE message_id = $1`, [
          input.rootId,
        ]);
        if (nested.rowCount !== 0) result = { status: "nested" };
      }
      if (result || !row) {
        return result ?? { status: "not_found" };
      }
      const rootSeq = Number(row.seq);
      const { reply } = input;
      const inserted = await client.query(
        `INSERT INTO thread_replies (message_id, room, root_id, seq, user_id, ts, also_to_room)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (message_id) DO NOTHING`,
        [reply.id, input.room, input.rootId, reply.seq, reply.userId, reply.ts, input.alsoToRoom],
      );
      const added = inserted.rowCount === 1;
      const summary = (await summariesOf(client, [input.rootId], undefined)).get(input.rootId) ?? {
        replyCount: 0,
        lastReplyAt: 0,
        lastSeq: 0,
        participants: [],
      };
      let changeSeq: number | undefined;
      if (added) {
        await client.query(FOLLOW, [reply.userId, input.rootId, input.room, reply.seq, at]);
        await client.query(FOLLOW, [row.user_id, input.rootId, input.room, rootSeq, at]);
        // Only the newest summary of a root is worth replaying.
        await client.query(
          `DELETE FROM changes WHERE room = $1 AND message_id = $2 AND kind = 'thread'`,
          [input.room, input.rootId],
        );
        const bumped = await client.query<{ change_seq: string }>(
          `UPDATE rooms SET change_seq = change_seq + 1 WHERE name = $1 RETURNING change_seq`,
          [input.room],
        );
        changeSeq = Number(bumped.rows[0]?.change_seq);
        await client.query(
          `INSERT INTO changes (room, change_seq, kind, message_id, message_seq, payload, at)
           VALUES ($1, $2, 'thread', $3, $4, $5, $6)`,
          [input.room, changeSeq, input.rootId, rootSeq, JSON.stringify(summary), at],
        );
      }
      const followers = await client.query<{ user_id: string }>(
        `SELECT user_id FROM thread_reads WHERE root_id = $1`,
        [input.rootId],
      );
      return {
        status: "ok",
        changed: added,
        rootSeq,
        summary,
        changeSeq,
        followers: followers.rows.map((r) => r.user_id),
      };
    });
  }

  async threadRefs(messageIds: readonly string[]) {
    const out = new Map<string, { root: string; alsoToRoom: boolean }>();
    if (messageIds.length === 0) return out;
    const { rows } = await this.pool.query<{
      message_id: string;
      root_id: string;
      also_to_room: boolean;
    }>(
      `SELECT message_id, root_id, also_to_room FROM thread_replies
       WHERE message_id = ANY($1::text[])`,
      [messageIds],
    );
    for (const r of rows) out.set(r.message_id, { root: r.root_id, alsoToRoom: r.also_to_room });
    return out;
  }

  async summaries(messageIds: readonly string[], viewerId: string) {
    if (messageIds.length === 0) return new Map<string, ThreadSummary>();
    return summariesOf(this.pool, messageIds, viewerId);
  }

  async root(room: string, rootId: string): Promise<ChatMessage | undefined> {
    const { rows } = await this.pool.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN users u ON u.id = m.user_id
       WHERE m.id = $1 AND m.room = $2`,
      [rootId, room],
    );
    return rows[0] ? toMessage(rows[0]) : undefined;
  }

  async replies(rootId: string, limit: number, before?: number) {
    const { rows } = await this.pool.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM thread_replies t JOIN messages m ON m.id = t.message_id
       LEFT JOIN users u ON u.id = m.user_id
       WHERE t.root_id = $1 AND t.seq < $2 ORDER BY t.seq DESC LIMIT $3`,
      [rootId, before ?? Number.MAX_SAFE_INTEGER, limit + 1],
    );
    return {
      messages: rows.slice(0, limit).reverse().map(toMessage),
      hasMore: rows.length > limit,
    };
  }

  async advance(userId: string, room: string, rootId: string, seq: number, at: number) {
    const { rowCount } = await this.pool.query(
      `INSERT INTO thread_reads (user_id, root_id, room, seq, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, root_id) DO UPDATE SET seq = excluded.seq, at = excluded.at
       WHERE excluded.seq > thread_reads.seq`,
      [userId, rootId, room, seq, at],
    );
    return rowCount === 1;
  }

  async readState(userId: string, rootId: string): Promise<ThreadReadState> {
    const { rows } = await this.pool.query<{ seq: string; unread: string }>(
      `SELECT r.seq, (SELECT count(*) FROM thread_replies t WHERE t.root_id = r.root_id
         AND t.seq > r.seq AND t.user_id <> r.user_id) AS unread
       FROM thread_reads r WHERE r.user_id = $1 AND r.root_id = $2`,
      [userId, rootId],
    );
    const row = rows[0];
    if (!row) return { seq: 0, unread: 0, following: false };
    return { seq: Number(row.seq), unread: Number(row.unread), following: true };
  }
}
