import type { ChatMessage } from "@duplex/protocol";
import type pg from "pg";
import type { EditInput, MessageChangeInput, MessageChangeResult } from "../messageEdits.js";
import type { AppendInput, AppendResult, MessagePage } from "../Store.js";
import {
  MESSAGE_COLUMNS,
  attachmentJson,
  messageValues,
  toMessage,
  type MessageRow,
} from "../rows.js";
import { GroupCommit, type GroupCommitOptions } from "./GroupCommit.js";
import { UNIQUE_VIOLATION, constraintOf, sqlState } from "./pool.js";

/**
 * One statement, so one round trip and its own transaction: the upsert creates the room or bumps
 * its counter under the row lock (concurrent appenders on any node queue there, so seqs are
 * gap-free and in commit order — unlike a SEQUENCE), then the message takes that seq. A repeated
 * (user_id, cid) raises a unique violation that aborts the whole statement, bump included.
 */
const APPEND_SQL = `
  WITH room AS (
    INSERT INTO rooms AS r (name, epoch, seq, created_at) VALUES ($1, $2, 1, $3)
    ON CONFLICT (name) DO UPDATE SET seq = r.seq + 1
    RETURNING seq
  ), m AS (
    INSERT INTO messages (room, seq, id, user_id, cid, text, ts, author_name, attachment)
    SELECT $1, room.seq, $4, $5, $6, $7, $8,
      COALESCE($9::text, (SELECT name FROM users WHERE id = $5)), $10::text FROM room
    RETURNING *
  )
  SELECT ${MESSAGE_COLUMNS} FROM m JOIN users u ON u.id = m.user_id`;

const BY_CID_SQL = `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users u ON u.id = m.user_id
  WHERE m.user_id = $1 AND m.cid = $2`;

// One row more than asked tells whether older messages exist, without a second query.
const PAGE_SQL = `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users u ON u.id = m.user_id
  WHERE m.room = $1 AND m.seq < $2 ORDER BY m.seq DESC LIMIT $3`;

const AFTER_SQL = `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users u ON u.id = m.user_id
  WHERE m.room = $1 AND m.seq > $2 ORDER BY m.seq ASC LIMIT $3`;

// Author and deleted are checked in the UPDATE itself: user_id never changes and deleted only goes
// false → true, so a miss can be explained afterwards without a lock. The change log row is part of
// the same statement: its seq is bumped on the room row, under that row's lock.
const EDIT_SQL = `WITH m AS (
    UPDATE messages SET text = $4, edited_at = $5
    WHERE room = $1 AND id = $2 AND user_id = $3 AND NOT deleted RETURNING *
  ), c AS (
    UPDATE rooms SET change_seq = change_seq + 1
    WHERE name = $1 AND EXISTS (SELECT 1 FROM m) RETURNING change_seq
  ), log AS (
    INSERT INTO changes (room, change_seq, kind, message_id, message_seq, payload, at)
    SELECT $1, c.change_seq, 'edit', m.id, m.seq,
      jsonb_build_object('text', $4::text, 'editedAt', $5::bigint), $5 FROM c, m
    RETURNING change_seq
  ) SELECT ${MESSAGE_COLUMNS}, (SELECT change_seq FROM log) AS change_seq
    FROM m JOIN users u ON u.id = m.user_id`;

// A repeat delete changes nothing and logs nothing; a first one forgets the message's logged edits
// (its text must really be gone). `prev` reads the statement's snapshot, i.e. the row before `m`
// (FOR UPDATE would follow the row to `m`'s own new version).
const DELETE_SQL = `WITH prev AS (
    SELECT deleted FROM messages WHERE room = $1 AND id = $2
  ), m AS (
    UPDATE messages SET text = '', deleted = true
    WHERE room = $1 AND id = $2 AND (user_id = $3 OR $4) RETURNING *
  ), c AS (
    UPDATE rooms SET change_seq = change_seq + 1
    WHERE name = $1 AND EXISTS (SELECT 1 FROM m) AND NOT (SELECT deleted FROM prev)
    RETURNING change_seq
  ), forget AS (
    DELETE FROM changes WHERE room = $1 AND message_id = $2 AND kind = 'edit'
      AND EXISTS (SELECT 1 FROM c)
  ), log AS (
    INSERT INTO changes (room, change_seq, kind, message_id, message_seq, payload, at)
    SELECT $1, c.change_seq, 'delete', m.id, m.seq, '{}'::jsonb, $5 FROM c, m
    RETURNING change_seq
  ) SELECT ${MESSAGE_COLUMNS}, (SELECT change_seq FROM log) AS change_seq
    FROM m JOIN users u ON u.id = m.user_id`;

type ChangedRow = MessageRow & { change_seq: string | null };

/** The store's answer for a changed row: the message and, if one was logged, its change seq. */
function changed(row: ChangedRow): MessageChangeResult {
  return {
    status: "ok",
    message: toMessage(row),
    ...(row.change_seq !== null && { changeSeq: Number(row.change_seq) }),
  };
}

const OWNER_SQL = `SELECT user_id FROM messages WHERE room = $1 AND id = $2`;

/** Messages on Postgres: append, paging and edits ({@link PostgresStore} delegates here). */
export class PostgresMessages {
  readonly #pool: pg.Pool;
  readonly #newEpoch: () => string;
  readonly #groupCommit: GroupCommit | undefined;

  /** `groupCommit` undefined: one single-statement transaction per append. */
  constructor(pool: pg.Pool, newEpoch: () => string, groupCommit: GroupCommitOptions | undefined) {
    this.#pool = pool;
    this.#newEpoch = newEpoch;
    this.#groupCommit =
      groupCommit &&
      new GroupCommit(pool, (input) => this.#appendOne(input), newEpoch, groupCommit);
  }

  append(input: AppendInput): Promise<AppendResult> {
    return this.#groupCommit ? this.#groupCommit.append(input) : this.#appendOne(input);
  }

  async #appendOne(input: AppendInput): Promise<AppendResult> {
    try {
      const { rows } = await this.#pool.query<MessageRow>({
        name: "duplex_append",
        text: APPEND_SQL,
        values: [
          input.room,
          this.#newEpoch(),
          input.ts,
          ...messageValues(input),
          attachmentJson(input),
        ],
      });
      const row = rows[0];
      if (!row) throw new Error(`append to ${input.room} returned no row`);
      return { message: toMessage(row), duplicate: false };
    } catch (err) {
      if (sqlState(err) !== UNIQUE_VIOLATION || constraintOf(err) !== "messages_user_cid")
        throw err;
      const original = await this.#byCid(input.userId, input.cid);
      // The original committed before our insert saw it; a miss means it was removed since.
      if (!original) throw err;
      return { message: original, duplicate: true };
    }
  }

  async #byCid(userId: string, cid: string): Promise<ChatMessage | undefined> {
    const { rows } = await this.#pool.query<MessageRow>({
      name: "duplex_by_cid",
      text: BY_CID_SQL,
      values: [userId, cid],
    });
    return rows[0] ? toMessage(rows[0]) : undefined;
  }

  async page(room: string, limit: number, before?: number): Promise<MessagePage> {
    const { rows } = await this.#pool.query<MessageRow>({
      name: "duplex_page",
      text: PAGE_SQL,
      values: [room, before ?? Number.MAX_SAFE_INTEGER, limit + 1],
    });
    const hasMore = rows.length > limit;
    const messages = rows.slice(0, limit).reverse().map(toMessage);
    return { messages, hasMore };
  }

  async after(room: string, since: number, limit: number): Promise<ChatMessage[]> {
    const { rows } = await this.#pool.query<MessageRow>({
      name: "duplex_after",
      text: AFTER_SQL,
      values: [room, since, limit],
    });
    return rows.map(toMessage);
  }

  async edit(input: EditInput): Promise<MessageChangeResult> {
    const { rows } = await this.#pool.query<ChangedRow>(EDIT_SQL, [
      input.room,
      input.id,
      input.userId,
      input.text,
      input.editedAt,
    ]);
    return rows[0] ? changed(rows[0]) : this.#explainMiss(input);
  }

  async delete(input: MessageChangeInput): Promise<MessageChangeResult> {
    const { rows } = await this.#pool.query<ChangedRow>(DELETE_SQL, [
      input.room,
      input.id,
      input.userId,
      input.anyAuthor === true,
      input.at ?? Date.now(),
    ]);
    return rows[0] ? changed(rows[0]) : this.#explainMiss(input);
  }

  /** Why an edit or delete touched nothing: another author's message, else none (or deleted). */
  async #explainMiss(input: MessageChangeInput): Promise<MessageChangeResult> {
    const { rows } = await this.#pool.query<{ user_id: string }>(OWNER_SQL, [input.room, input.id]);
    const owner = rows[0];
    return owner && owner.user_id !== input.userId
      ? { status: "not_author" }
      : { status: "not_found" };
  }
}
