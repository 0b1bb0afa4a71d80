import type pg from "pg";
import type { AppendInput, AppendResult } from "../Store.js";
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from "../rows.js";

const EXISTING_SQL = `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN users u ON u.id = m.user_id
  WHERE (m.user_id, m.cid) IN (SELECT k.u, k.c FROM unnest($1::text[], $2::text[]) AS k(u, c))`;

// Rooms in name order: two nodes' batches lock the same counter rows in the same order, so they
// queue instead of deadlocking. A new room starts at its batch count, an existing one moves by it.
const BUMP_ROOMS_SQL = `
  INSERT INTO rooms AS r (name, epoch, seq, created_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) ORDER BY 1
  ON CONFLICT (name) DO UPDATE SET seq = r.seq + excluded.seq
  RETURNING name, seq`;

const INSERT_SQL = `
  WITH m AS (
    INSERT INTO messages (room, seq, id, user_id, cid, text, ts, author_name, attachment)
    SELECT r, s, i, u, c, t, ts, COALESCE(a, (SELECT name FROM users WHERE id = u)), f
    FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[],
      $7::bigint[], $8::text[], $9::text[]) AS x(r, s, i, u, c, t, ts, a, f)
    ON CONFLICT (user_id, cid) DO NOTHING
    RETURNING *
  ) SELECT ${MESSAGE_COLUMNS} FROM m JOIN users u ON u.id = m.user_id`;

/** A batch lost a race on a cid with another node; the caller retries its appends one by one. */
export class BatchConflict extends Error {
  override name = "BatchConflict";
}

const keyOf = (userId: string, cid: string) => `${userId}\u0000${cid}`;

/**
 * Appends many messages in ONE transaction (group commit: one WAL flush for the lot). Same result as
 * appending them one by one in input order: per room, consecutive seqs in input order; a cid already
 * stored (or earlier in the batch) answers the original with `duplicate: true`.
 * @throws BatchConflict (rolled back) when another node stored one of the cids meanwhile.
 */
export async function appendBatch(
  client: pg.PoolClient,
  inputs: readonly AppendInput[],
  newEpoch: () => string,
): Promise<AppendResult[]> {
  await client.query("BEGIN");
  try {
    const keys = [...new Map(inputs.map((i) => [keyOf(i.userId, i.cid), i])).values()];
    const existing = new Map<string, MessageRow>();
    const found = await client.query<MessageRow>(EXISTING_SQL, [
      keys.map((i) => i.userId),
      keys.map((i) => i.cid),
    ]);
    for (const row of found.rows) existing.set(keyOf(row.user_id, row.cid), row);

    // The first input of each new cid is stored; later ones in the batch are its duplicates.
    const fresh = keys.filter((i) => !existing.has(keyOf(i.userId, i.cid)));
    const perRoom = new Map<string, number>();
    for (const i of fresh) perRoom.set(i.room, (perRoom.get(i.room) ?? 0) + 1);
    const rooms = [...perRoom.keys()];
    const now = inputs[0]?.ts ?? Date.now();
    const bumped = await client.query<{ name: string; seq: number }>(BUMP_ROOMS_SQL, [
      rooms,
      rooms.map(() => newEpoch()),
      rooms.map((r) => perRoom.get(r) ?? 0),
      rooms.map(() => now),
    ]);
    const nextSeq = new Map<string, number>();
    for (const row of bumped.rows)
      nextSeq.set(row.name, row.seq - (perRoom.get(row.name) ?? 0) + 1);
    const seqs = fresh.map((i) => {
      const seq = nextSeq.get(i.room);
      if (seq === undefined) throw new Error(`room ${i.room} not bumped`);
      nextSeq.set(i.room, seq + 1);
      return seq;
    });

    const inserted = await client.query<MessageRow>(INSERT_SQL, [
      fresh.map((i) => i.room),
      seqs,
      fresh.map((i) => i.id),
      fresh.map((i) => i.userId),
      fresh.map((i) => i.cid),
      fresh.map((i) => i.text),
      fresh.map((i) => i.ts),
      fresh.map((i) => i.userName ?? null),
      fresh.map((i) => (i.attachment === undefined ? null : JSON.stringify(i.attachment))),
    ]);
    // A skipped insert would leave its seq unused: a gap. Undo the batch instead.
    if (inserted.rows.length !== fresh.length)
      throw new BatchConflict("a cid was stored meanwhile");
    await client.query("COMMIT");

    const stored = new Map(inserted.rows.map((row) => [keyOf(row.user_id, row.cid), row]));
    const firstSeen = new Set<string>();
    return inputs.map((i) => {
      const key = keyOf(i.userId, i.cid);
      const before = existing.get(key);
      if (before) return { message: toMessage(before), duplicate: true };
      const row = stored.get(key);
      if (!row) throw new Error("batched message missing after commit");
      const duplicate = firstSeen.has(key);
      firstSeen.add(key);
      return { message: toMessage(row), duplicate };
    });
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
}
