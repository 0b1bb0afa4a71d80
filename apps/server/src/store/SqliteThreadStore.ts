import type { ChatMessage, ThreadSummary } from "@duplex/protocol";
import type Database from "better-sqlite3";
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from "./rows.js";
import { sqliteChangeWriter } from "./SqliteChangeLog.js";
import type { SqliteWrites } from "./sqliteWrites.js";
import {
  foldThreadSummaries,
  type LinkThreadInput,
  type LinkThreadResult,
  type ThreadCountRow,
  type ThreadPartRow,
  type ThreadReadState,
  type ThreadStore,
  type ThreadViewerRow,
} from "./ThreadStore.js";

const IDS = `SELECT value FROM json_each(?)`;

/** {@link ThreadStore} on the {@link SqliteStore}'s database (migration 13). */
export class SqliteThreadStore implements ThreadStore {
  readonly #writes: SqliteWrites;
  readonly #stmt;
  readonly #link: (input: LinkThreadInput, at: number) => LinkThreadResult;

  constructor(db: Database.Database, writes: SqliteWrites) {
    this.#writes = writes;
    const s = {
      message: db.prepare<[string, string], { seq: number; user_id: string; deleted: number }>(
        `SELECT seq, user_id, deleted FROM messages WHERE id = ? AND room = ?`,
      ),
      isReply: db.prepare<[string], { one: number }>(
        `SELECT 1 AS one FROM thread_replies WHERE message_id = ?`,
      ),
      insert: db.prepare(
        `INSERT INTO thread_replies (message_id, room, root_id, seq, user_id, ts, also_to_room)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING`,
      ),
      follow: db.prepare(
        `INSERT INTO thread_reads (user_id, root_id, room, seq, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_id, root_id) DO UPDATE SET seq = max(seq, excluded.seq), at = excluded.at`,
      ),
      followers: db.prepare<[string], { user_id: string }>(
        `SELECT user_id FROM thread_reads WHERE root_id = ?`,
      ),
      forgetSummaries: db.prepare(
        `DELETE FROM changes WHERE room = ? AND message_id = ? AND kind = 'thread'`,
      ),
      refs: db.prepare<[string], { message_id: string; root_id: string; also_to_room: number }>(
        `SELECT message_id, root_id, also_to_room FROM thread_replies WHERE message_id IN (${IDS})`,
      ),
      counts: db.prepare<[string], ThreadCountRow>(
        `SELECT root_id, count(*) AS c, max(ts) AS last_at, max(seq) AS last_seq FROM thread_replies
         WHERE root_id IN (${IDS}) GROUP BY root_id`,
      ),
      parts: db.prepare<[string], ThreadPartRow>(
        `SELECT root_id, user_id FROM thread_replies WHERE root_id IN (${IDS})
         GROUP BY root_id, user_id ORDER BY root_id, min(seq)`,
      ),
      authors: db.prepare<[string], { id: string; user_id: string }>(
        `SELECT id, user_id FROM messages WHERE id IN (${IDS})`,
      ),
      viewer: db.prepare<[string, string], ThreadViewerRow>(
        `SELECT r.root_id, r.seq, (SELECT count(*) FROM thread_replies t WHERE t.root_id = r.root_id
           AND t.seq > r.seq AND t.user_id <> r.user_id) AS unread
         FROM thread_reads r WHERE r.user_id = ? AND r.root_id IN (${IDS})`,
      ),
      root: db.prepare<[string, string], MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM messages m LEFT JOIN users u ON u.id = m.user_id
         WHERE m.id = ? AND m.room = ?`,
      ),
      replies: db.prepare<[string, number, number], MessageRow>(
        `SELECT ${MESSAGE_COLUMNS} FROM thread_replies t JOIN messages m ON m.id = t.message_id
         LEFT JOIN users u ON u.id = m.user_id
         WHERE t.root_id = ? AND t.seq < ? ORDER BY t.seq DESC LIMIT ?`,
      ),
      cursor: db.prepare<[string, string], { seq: number }>(
        `SELECT seq FROM thread_reads WHERE user_id = ? AND root_id = ?`,
      ),
      advance: db.prepare(
        `INSERT INTO thread_reads (user_id, root_id, room, seq, at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_id, root_id) DO UPDATE SET seq = excluded.seq, at = excluded.at
         WHERE excluded.seq > thread_reads.seq`,
      ),
      unread: db.prepare<[string, number, string], { c: number }>(
        `SELECT count(*) AS c FROM thread_replies WHERE root_id = ? AND seq > ? AND user_id <> ?`,
      ),
    };
    this.#stmt = s;
    const logChange = sqliteChangeWriter(db);
    this.#link = db.transaction((input: LinkThreadInput, at: number): LinkThreadResult => {
      const root = s.message.get(input.rootId, input.room);
      if (!root || root.deleted) return { status: "not_found" };
      if (s.isReply.get(input.rootId)) return { status: "nested" };
      const { reply } = input;
      const added =
        s.insert.run(
          reply.id,
          input.room,
          input.rootId,
          reply.seq,
          reply.userId,
          reply.ts,
          input.alsoToRoom ? 1 : 0,
        ).changes > 0;
      let changeSeq: number | undefined;
      const summary = this.#summary(input.rootId);
      if (added) {
        s.follow.run(reply.userId, input.rootId, input.room, reply.seq, at);
        s.follow.run(root.user_id, input.rootId, input.room, root.seq, at);
        // Only the newest summary of a root is worth replaying.
        s.forgetSummaries.run(input.room, input.rootId);
        changeSeq = logChange({
          room: input.room,
          kind: "thread",
          messageId: input.rootId,
          messageSeq: root.seq,
          payload: summary,
          at,
        });
      }
      const followers = s.followers.all(input.rootId).map((r) => r.user_id);
      return { status: "ok", changed: added, rootSeq: root.seq, summary, changeSeq, followers };
    });
  }

  #summary(rootId: string): ThreadSummary {
    const ids = JSON.stringify([rootId]);
    const s = this.#stmt;
    const authors = new Map(s.authors.all(ids).map((r) => [r.id, r.user_id]));
    const summary = foldThreadSummaries(s.counts.all(ids), s.parts.all(ids), authors, undefined);
    return summary.get(rootId) ?? { replyCount: 0, lastReplyAt: 0, lastSeq: 0, participants: [] };
  }

  /** Inside the append's transaction: links the reply into its thread (a savepoint of it). */
  linkNow(input: LinkThreadInput, at: number): LinkThreadResult {
    return this.#link(input, at);
  }

  async threadRefs(messageIds: readonly string[]) {
    if (messageIds.length === 0) return new Map<string, { root: string; alsoToRoom: boolean }>();
    const rows = this.#stmt.refs.all(JSON.stringify(messageIds));
    return new Map(
      rows.map((r) => [r.message_id, { root: r.root_id, alsoToRoom: r.also_to_room === 1 }]),
    );
  }

  async summaries(messageIds: readonly string[], viewerId: string) {
    if (messageIds.length === 0) return new Map<string, ThreadSummary>();
    const ids = JSON.stringify(messageIds);
    const s = this.#stmt;
    const counts = s.counts.all(ids);
    if (counts.length === 0) return new Map<string, ThreadSummary>();
    const roots = JSON.stringify(counts.map((c) => c.root_id));
    const authors = new Map(s.authors.all(roots).map((r) => [r.id, r.user_id]));
    return foldThreadSummaries(counts, s.parts.all(roots), authors, s.viewer.all(viewerId, roots));
  }

  async root(room: string, rootId: string): Promise<ChatMessage | undefined> {
    const row = this.#stmt.root.get(rootId, room);
    return row ? toMessage(row) : undefined;
  }

  async replies(rootId: string, limit: number, before?: number) {
    const rows = this.#stmt.replies.all(rootId, before ?? Number.MAX_SAFE_INTEGER, limit + 1);
    const hasMore = rows.length > limit;
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore };
  }

  async advance(userId: string, room: string, rootId: string, seq: number, at: number) {
    const s = this.#stmt;
    return this.#writes.run(() => s.advance.run(userId, rootId, room, seq, at).changes > 0);
  }

  async readState(userId: string, rootId: string): Promise<ThreadReadState> {
    const cursor = this.#stmt.cursor.get(userId, rootId);
    if (!cursor) return { seq: 0, unread: 0, following: false };
    const unread = this.#stmt.unread.get(rootId, cursor.seq, userId)?.c ?? 0;
    return { seq: cursor.seq, unread, following: true };
  }
}
