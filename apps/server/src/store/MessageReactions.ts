import { REACTION_LIMITS, type ReactionSummary, type ReplyRef, type User } from "@duplex/protocol";

/** One user's reaction `emoji` on a message of `room`, set (`on`) or taken back. */
export interface ToggleReactionInput {
  room: string;
  messageId: string;
  userId: string;
  emoji: string;
  on: boolean;
  /** When it was set (ms since epoch). */
  at: number;
  /** The reactor as the room sees them, for the change log's replay. @default id as the name */
  user?: User;
}

/**
 * `ok`: `changed` says whether a row was added or removed (false for a repeat), `count` is the emoji's
 * count on the message now, `changeSeq` the change log's seq of a change. `not_found`: no such message in the room (or it was deleted). `too_many`:
 * the message already holds `maxEmojiPerMessage` distinct emoji, or the user `maxPerUserPerMessage`.
 */
export type ToggleReactionResult =
  | { status: "ok"; changed: boolean; count: number; changeSeq?: number }
  | { status: "not_found" }
  | { status: "too_many" };

/**
 * Emoji reactions on messages, in the same database (part of the {@link Store} seam). The one write
 * is {@link toggleReaction}: anything that must follow every reaction change (a change log for
 * resume) belongs in it.
 */
export interface MessageReactions {
  toggleReaction(input: ToggleReactionInput): Promise<ToggleReactionResult>;
  /**
   * The reactions on each of `messageIds` (any rooms) as `viewerId` sees them, most first; messages
   * without reactions are absent from the map.
   */
  reactionSummaries(
    messageIds: readonly string[],
    viewerId: string,
  ): Promise<Map<string, ReactionSummary[]>>;
}

/** Which message a reply answers, in the same database (part of the {@link Store} seam). */
export interface MessageReplies {
  // Written by `Store.append` (its `replyTo`), with the message.
  /** The originals quoted by each of `messageIds` that answers one still stored. */
  replyRefs(messageIds: readonly string[]): Promise<Map<string, ReplyRef>>;
}

/** A row of the summaries query: one per (message, emoji, named or asking user). */
export interface ReactionRow {
  message_id: string;
  emoji: string;
  user_id: string;
  name: string;
  c: number | string;
  n: number | string;
}

/**
 * Both stores rank with the same window query: the first `namesPerReaction` reactors of each emoji
 * and the viewer's own row, with the emoji's count, most reacted first, then earliest.
 * `IDS` and `VIEWER` are the placeholders of the dialect.
 */
export function summariesSql(ids: string, viewer: string): string {
  return `SELECT message_id, emoji, user_id, name, c, n FROM (
      SELECT r.message_id, r.emoji, r.user_id, COALESCE(u.name, r.user_id) AS name,
        count(*) OVER (PARTITION BY r.message_id, r.emoji) AS c,
        row_number() OVER (PARTITION BY r.message_id, r.emoji ORDER BY r.at, r.user_id) AS n,
        min(r.at) OVER (PARTITION BY r.message_id, r.emoji) AS first
      FROM message_reactions r LEFT JOIN users u ON u.id = r.user_id
      WHERE r.message_id IN (${ids})) ranked
    WHERE n <= ${REACTION_LIMITS.namesPerReaction} OR user_id = ${viewer}
    ORDER BY message_id, c DESC, first, emoji, n`;
}

/** Folds summary rows (in {@link summariesSql} order) into per-message lists. */
export function foldSummaries(
  rows: readonly ReactionRow[],
  viewerId: string,
): Map<string, ReactionSummary[]> {
  const out = new Map<string, ReactionSummary[]>();
  for (const row of rows) {
    let list = out.get(row.message_id);
    if (!list) {
      list = [];
      out.set(row.message_id, list);
    }
    let summary = list.at(-1);
    if (summary?.emoji !== row.emoji) {
      summary = { emoji: row.emoji, count: Number(row.c), me: false, users: [] };
      list.push(summary);
    }
    if (row.user_id === viewerId) summary.me = true;
    if (Number(row.n) <= REACTION_LIMITS.namesPerReaction) summary.users?.push(row.name);
  }
  return out;
}

/** A row of the reply query: the reply's id and its original. */
export interface ReplyRow {
  message_id: string;
  original_id: string;
  seq: number | string;
  user_id: string;
  name: string;
  text: string;
  deleted: boolean | number;
}

export function toReplyRef(row: ReplyRow): ReplyRef {
  return {
    messageId: row.original_id,
    seq: Number(row.seq),
    from: { id: row.user_id, name: row.name },
    excerpt: excerptOf(row.deleted ? "" : row.text),
  };
}

/** The text cut to `excerptLength` UTF-16 units at a code point boundary, "…" marking a cut. */
export function excerptOf(text: string): string {
  const max = REACTION_LIMITS.excerptLength;
  if (text.length <= max) return text;
  let out = "";
  for (const ch of text) {
    if (out.length + ch.length > max - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** The reply query's select list over `message_replies r`, the original `o` and its author `u`. */
export const REPLY_COLUMNS = `r.message_id, o.id AS original_id, o.seq, o.user_id,
  COALESCE(o.author_name, u.name) AS name, o.text, o.deleted`;

/** What a reaction change logs: the live `reaction` frame's fields, so a replay is that frame. */
export function reactionChange(input: ToggleReactionInput, count: number) {
  return {
    emoji: input.emoji,
    user: input.user ?? { id: input.userId, name: input.userId },
    on: input.on,
    count,
  };
}
