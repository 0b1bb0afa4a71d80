import { REACTION_LIMITS, type ReactionSummary, type ReplyRef } from "@duplex/protocol";
import type pg from "pg";
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
} from "../MessageReactions.js";
import { inTransaction } from "./transaction.js";

const SUMMARIES = summariesSql("SELECT unnest($1::text[])", "$2");

/** Reactions and reply links on the {@link PostgresStore}'s pool (migration 9). */
export class PostgresMessageReactions implements MessageReactions, MessageReplies {
  constructor(private readonly pool: pg.Pool) {}

  async toggleReaction(input: ToggleReactionInput): Promise<ToggleReactionResult> {
    return inTransaction(this.pool, async (client) => {
      // The message row's lock serializes toggles on one message, so the bounds hold across nodes.
      const message = await client.query<{ deleted: boolean; seq: string }>(
        `SELECT deleted, seq FROM messages WHERE id = $1 AND room = $2 FOR UPDATE`,
        [input.messageId, input.room],
      );
      const row = message.rows[0];
      if (!row || row.deleted) {
        return { status: "not_found" };
      }
      const key = [input.messageId, input.userId, input.emoji];
      let changed = false;
      if (input.on) {
        const { rows } = await client.query<{ emoji: string; mine: string; used: boolean }>(
          `SELECT count(DISTINCT emoji) AS emoji, count(*) FILTER (WHERE user_id = $2) AS mine,
             bool_or(emoji = $3) AS used
           FROM message_reactions WHERE message_id = $1`,
          key,
        );
        const stats = rows[0];
        const has = await client.query(
          `SELECT 1 FROM message_reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3`,
          key,
        );
        if (has.rowCount === 0) {
          if (
            (stats?.used !== true &&
              Number(stats?.emoji ?? 0) >= REACTION_LIMITS.maxEmojiPerMessage) ||
            Number(stats?.mine ?? 0) >= REACTION_LIMITS.maxPerUserPerMessage
          ) {
            return { status: "too_many" };
          }
          await client.query(
            `INSERT INTO message_reactions (room, message_id, user_id, emoji, at)
             VALUES ($1, $2, $3, $4, $5)`,
            [input.room, ...key, input.at],
          );
          changed = true;
        }
      } else {
        const removed = await client.query(
          `DELETE FROM message_reactions WHERE message_id = $1 AND user_id = $2 AND emoji = $3`,
          key,
        );
        changed = (removed.rowCount ?? 0) > 0;
      }
      const { rows } = await client.query<{ c: string }>(
        `SELECT count(*) AS c FROM message_reactions WHERE message_id = $1 AND emoji = $2`,
        [input.messageId, input.emoji],
      );
      const count = Number(rows[0]?.c ?? 0);
      // Logged in the toggle's transaction (message row, then room row: the order edits lock in).
      const changeSeq = changed
        ? await logReaction(client, input, Number(row.seq), count)
        : undefined;
      return {
        status: "ok",
        changed,
        count,
        ...(changeSeq !== undefined && { changeSeq }),
      };
    });
  }

  async reactionSummaries(
    messageIds: readonly string[],
    viewerId: string,
  ): Promise<Map<string, ReactionSummary[]>> {
    if (messageIds.length === 0) return new Map();
    const { rows } = await this.pool.query<ReactionRow>(SUMMARIES, [messageIds, viewerId]);
    return foldSummaries(rows, viewerId);
  }

  /**
   * After the append (`PostgresStore.append`): records that `messageId` answers `replyTo` if that is
   * a message of the same room (a repeat is a no-op); returns its quote, or undefined.
   */
  async linkReply(room: string, messageId: string, replyTo: string): Promise<ReplyRef | undefined> {
    await this.pool.query({
      name: "duplex_link_reply",
      text: `INSERT INTO message_replies (message_id, room, reply_to)
       SELECT $1, room, id FROM messages WHERE id = $2 AND room = $3
       ON CONFLICT (message_id) DO NOTHING`,
      values: [messageId, replyTo, room],
    });
    return (await this.replyRefs([messageId])).get(messageId);
  }

  async replyRefs(messageIds: readonly string[]): Promise<Map<string, ReplyRef>> {
    if (messageIds.length === 0) return new Map();
    const { rows } = await this.pool.query<ReplyRow>(
      `SELECT ${REPLY_COLUMNS} FROM message_replies r JOIN messages o ON o.id = r.reply_to
       LEFT JOIN users u ON u.id = o.user_id WHERE r.message_id = ANY($1::text[])`,
      [messageIds],
    );
    return new Map(rows.map((row) => [row.message_id, toReplyRef(row)]));
  }
}

/** Appends a reaction change to the room's change log; returns its change seq. */
async function logReaction(
  client: pg.PoolClient,
  input: ToggleReactionInput,
  messageSeq: number,
  count: number,
): Promise<number> {
  const { rows } = await client.query<{ change_seq: string }>(
    `WITH c AS (
       UPDATE rooms SET change_seq = change_seq + 1 WHERE name = $1 RETURNING change_seq
     )
     INSERT INTO changes (room, change_seq, kind, message_id, message_seq, payload, at)
     SELECT $1, c.change_seq, 'reaction', $2, $3, $4::jsonb, $5 FROM c
     RETURNING change_seq`,
    [
      input.room,
      input.messageId,
      messageSeq,
      JSON.stringify(reactionChange(input, count)),
      input.at,
    ],
  );
  return Number(rows[0]?.change_seq);
}
