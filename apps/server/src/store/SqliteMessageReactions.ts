import { REACTION_LIMITS, type ReactionSummary, type ReplyRef } from "@duplex/protocol";
import type Database from "better-sqlite3";
import {
  REPLY_COLUMNS,
  foldSummaries,
  reactionChange,
  summariesSql,
  toReplyRef,
  type MessageReactions,
  type MessageReplies,
  type ReactionRow,
  type ReplyRow,
  type ToggleReactionInput,
  type ToggleReactionResult,
} from "./MessageReactions.js";
import { sqliteChangeWriter } from "./SqliteChangeLog.js";
import type { SqliteWrites } from "./sqliteWrites.js";

/** Reactions and reply links on the {@link SqliteStore}'s database (migration 11). */
export class SqliteMessageReactions implements MessageReactions, MessageReplies {
  readonly #writes: SqliteWrites;
  readonly #stmt;
  readonly #toggle: (input: ToggleReactionInput) => ToggleReactionResult;

  /** `writes` commits each toggle with the other small writes of the turn. */
  constructor(db: Database.Database, writes: SqliteWrites) {
    this.#writes = writes;
    this.#stmt = {
      message: db.prepare<[string, string], { deleted: number; seq: number }>(
        `SELECT deleted, seq FROM messages WHERE id = ? AND room = ?`,
      ),
      has: db.prepare<[string, string, string], { one: number }>(
        `SELECT 1 AS one FROM message_reactions WHERE message_id = ? AND user_id = ? AND emoji = ?`,
      ),
      distinct: db.prepare<[string, string], { emoji: number; mine: number }>(
        `SELECT count(DISTINCT emoji) AS emoji, coalesce(sum(user_id = ?), 0) AS mine
         FROM message_reactions WHERE message_id = ?`,
      ),
      emojiUsed: db.prepare<[string, string], { one: number }>(
        `SELECT 1 AS one FROM message_reactions WHERE message_id = ? AND emoji = ? LIMIT 1`,
      ),
      insert: db.prepare(
        `INSERT INTO message_reactions (room, message_id, user_id, emoji, at) VALUES (?, ?, ?, ?, ?)`,
      ),
      remove: db.prepare(
        `DELETE FROM message_reactions WHERE message_id = ? AND user_id = ? AND emoji = ?`,
      ),
      count: db.prepare<[string, string], { c: number }>(
        `SELECT count(*) AS c FROM message_reactions WHERE message_id = ? AND emoji = ?`,
      ),
      summaries: db.prepare<[string, string], ReactionRow>(
        summariesSql("SELECT value FROM json_each(?)", "?"),
      ),
      setReply: db.prepare(
        `INSERT INTO message_replies (message_id, room, reply_to)
         SELECT ?, room, id FROM messages WHERE id = ? AND room = ?
         ON CONFLICT (message_id) DO NOTHING`,
      ),
      replies: db.prepare<[string], ReplyRow>(
        `SELECT ${REPLY_COLUMNS} FROM message_replies r JOIN messages o ON o.id = r.reply_to
         LEFT JOIN users u ON u.id = o.user_id
         WHERE r.message_id IN (SELECT value FROM json_each(?))`,
      ),
    };
    const record = sqliteChangeWriter(db);
    this.#toggle = db.transaction((input: ToggleReactionInput): ToggleReactionResult => {
      const s = this.#stmt;
      const message = s.message.get(input.messageId, input.room);
      if (!message || message.deleted) return { status: "not_found" };
      const key = [input.messageId, input.userId, input.emoji] as const;
      const has = s.has.get(...key) !== undefined;
      let changed = false;
      if (input.on && !has) {
        const { emoji, mine } = s.distinct.get(input.userId, input.messageId) ?? {
          emoji: 0,
          mine: 0,
        };
        const newEmoji = s.emojiUsed.get(input.messageId, input.emoji) === undefined;
        if (
          (newEmoji && emoji >= REACTION_LIMITS.maxEmojiPerMessage) ||
          mine >= REACTION_LIMITS.maxPerUserPerMessage
        ) {
          return { status: "too_many" };
        }
        s.insert.run(input.room, ...key, input.at);
        changed = true;
      } else if (!input.on && has) {
        s.remove.run(...key);
        changed = true;
      }
      const count = s.count.get(input.messageId, input.emoji)?.c ?? 0;
      if (!changed) return { status: "ok", changed, count };
      // Logged with the toggle, so a resuming client learns of it exactly once.
      const changeSeq = record({
        room: input.room,
        kind: "reaction",
        messageId: input.messageId,
        messageSeq: message.seq,
        payload: reactionChange(input, count),
        at: input.at,
      });
      return { status: "ok", changed, count, changeSeq };
    });
  }

  async toggleReaction(input: ToggleReactionInput): Promise<ToggleReactionResult> {
    return this.#writes.run(() => this.#toggle(input));
  }

  async reactionSummaries(
    messageIds: readonly string[],
    viewerId: string,
  ): Promise<Map<string, ReactionSummary[]>> {
    if (messageIds.length === 0) return new Map();
    const rows = this.#stmt.summaries.all(JSON.stringify(messageIds), viewerId);
    return foldSummaries(rows, viewerId);
  }

  /**
   * Inside the append's transaction: records that `messageId` answers `replyTo` if that is a message
   * of the same room (a repeat is a no-op); returns its quote, or undefined when it is not there.
   */
  linkReplyNow(room: string, messageId: string, replyTo: string): ReplyRef | undefined {
    this.#stmt.setReply.run(messageId, replyTo, room);
    const row = this.#stmt.replies.get(JSON.stringify([messageId]));
    return row && toReplyRef(row);
  }

  async replyRefs(messageIds: readonly string[]): Promise<Map<string, ReplyRef>> {
    if (messageIds.length === 0) return new Map();
    const rows = this.#stmt.replies.all(JSON.stringify(messageIds));
    return new Map(rows.map((row) => [row.message_id, toReplyRef(row)]));
  }
}
