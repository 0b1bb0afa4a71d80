import type { ChatMessage } from "@duplex/protocol";
import type pg from "pg";
import type { AppendInput, AppendResult } from "../Store.js";
import {
  appendedMessage,
  attachmentJson,
  MESSAGE_COLUMNS,
  toMessage,
  type MessageRow,
} from "../rows.js";

/**
 * The whole batch in ONE statement, so one round trip and one transaction (one WAL flush for the lot).
 * Cids stored before are left out and answered from their rows (`fresh = false`). Rooms are bumped by
 * their count of new messages in name order — two nodes' batches lock the same counter rows in the
 * same order, so they queue instead of deadlocking — and each message takes `new head - room's count
 * + its rank in the room`, ranks in input order. No ON CONFLICT on the insert: a cid another node
 * stored after this statement's snapshot raises a unique violation that aborts it, bumps included,
 * so no seq is ever skipped.
 */
const BATCH_SQL = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[],
      $7::text[], $8::text[]) WITH ORDINALITY AS x(r, i, u, c, t, ts, a, f, o)
  ), x AS (
    SELECT * FROM input
    WHERE NOT EXISTS (SELECT 1 FROM messages e WHERE e.user_id = input.u AND e.cid = input.c)
  ), bumped AS (
    INSERT INTO rooms AS rm (name, epoch, seq, created_at)
    SELECT k.name, k.epoch, n.count, $11::bigint FROM unnest($9::text[], $10::text[]) AS k(name, epoch)
      JOIN (SELECT r, count(*) AS count FROM x GROUP BY r) n ON n.r = k.name ORDER BY 1
    ON CONFLICT (name) DO UPDATE SET seq = rm.seq + excluded.seq
    RETURNING name, seq
  ), m AS (
    INSERT INTO messages (room, seq, id, user_id, cid, text, ts, author_name, attachment)
    SELECT x.r, b.seq - count(*) OVER w + row_number() OVER (w ORDER BY x.o), x.i, x.u, x.c, x.t,
      x.ts, COALESCE(x.a, (SELECT name FROM users WHERE id = x.u)), x.f
    FROM x JOIN bumped b ON b.name = x.r
    WINDOW w AS (PARTITION BY x.r)
    RETURNING user_id, cid, seq, author_name
  )
  SELECT true AS fresh, NULL AS room, m.seq, NULL AS id, m.user_id,
    COALESCE(m.author_name, u.name) AS user_name, m.cid, NULL AS text, NULL::bigint AS ts,
    NULL::bigint AS edited_at, false AS deleted, NULL AS attachment
  FROM m JOIN users u ON u.id = m.user_id
  UNION ALL
  SELECT false, ${MESSAGE_COLUMNS} FROM messages m JOIN users u ON u.id = m.user_id
  WHERE (m.user_id, m.cid) IN (SELECT u, c FROM input)`;

/** A new row (only seq and author name filled in) or one stored before (every column). */
type StoredRow = MessageRow & { fresh: boolean };

const keyOf = (userId: string, cid: string) => `${userId}\u0000${cid}`;

/**
 * Appends many messages in one statement. Same result as appending them one by one in input order:
 * per room, consecutive seqs in input order; a cid stored before, or earlier in the batch, answers
 * the original with `duplicate: true`.
 * @throws (nothing stored) when another node stored one of the cids meanwhile, or an input is bad;
 * the caller then appends one by one.
 */
export async function appendBatch(
  pool: pg.Pool,
  inputs: readonly AppendInput[],
  newEpoch: () => string,
): Promise<AppendResult[]> {
  // The first input of each cid is stored; later ones in the batch are its duplicates.
  const first = new Map<string, AppendInput>();
  for (const i of inputs) {
    const key = keyOf(i.userId, i.cid);
    if (!first.has(key)) first.set(key, i);
  }
  const rows = [...first.values()];
  const rooms = [...new Set(rows.map((i) => i.room))];
  const now = inputs[0]?.ts ?? Date.now();
  const result = await pool.query<StoredRow>({
    name: "duplex_append_batch",
    text: BATCH_SQL,
    values: [
      rows.map((i) => i.room),
      rows.map((i) => i.id),
      rows.map((i) => i.userId),
      rows.map((i) => i.cid),
      rows.map((i) => i.text),
      rows.map((i) => i.ts),
      rows.map((i) => i.userName ?? null),
      rows.map(attachmentJson),
      rooms,
      rooms.map(() => newEpoch()),
      now,
    ],
  });
  const byKey = new Map(result.rows.map((row) => [keyOf(row.user_id, row.cid), row]));
  const answered = new Map<string, ChatMessage>();
  return inputs.map((i) => {
    const key = keyOf(i.userId, i.cid);
    const before = answered.get(key);
    if (before) return { message: before, duplicate: true };
    const row = byKey.get(key);
    if (!row) throw new Error("batched message missing after commit");
    if (!row.fresh) {
      const message = toMessage(row);
      answered.set(key, message);
      return { message, duplicate: true };
    }
    const message = appendedMessage(first.get(key) ?? i, row.seq, row.user_name);
    answered.set(key, message);
    return { message, duplicate: false };
  });
}
