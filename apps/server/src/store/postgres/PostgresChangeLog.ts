import type pg from "pg";
import { toChangeRow, type ChangeLog, type ChangeRow, type RawChangeRow } from "../changeLog.js";

const COLUMNS = `room, change_seq, kind, message_id, message_seq, payload, at`;

/** {@link ChangeLog} reads on Postgres (the writes are part of the edit/delete statements). */
export class PostgresChangeLog implements ChangeLog {
  constructor(private readonly pool: pg.Pool) {}

  async head(room: string): Promise<number> {
    const { rows } = await this.pool.query<{ change_seq: string }>(
      `SELECT change_seq FROM rooms WHERE name = $1`,
      [room],
    );
    return Number(rows[0]?.change_seq ?? 0);
  }

  async after(room: string, after: number, limit: number): Promise<ChangeRow[]> {
    const { rows } = await this.pool.query<RawChangeRow>(
      `SELECT ${COLUMNS} FROM changes WHERE room = $1 AND change_seq > $2
       ORDER BY change_seq LIMIT $3`,
      [room, after, limit],
    );
    return rows.map(toChangeRow);
  }

  async madeSince(room: string, since: number, maxSeq: number, limit: number) {
    const { rows } = await this.pool.query<RawChangeRow>(
      `SELECT ${COLUMNS} FROM changes WHERE room = $1 AND at >= $2 AND message_seq <= $3
       ORDER BY change_seq LIMIT $4`,
      [room, since, maxSeq, limit],
    );
    return rows.map(toChangeRow);
  }

  async messageTime(room: string, seq: number): Promise<number | undefined> {
    const { rows } = await this.pool.query<{ ts: string }>(
      `SELECT ts FROM messages WHERE room = $1 AND seq = $2`,
      [room, seq],
    );
    return rows[0] ? Number(rows[0].ts) : undefined;
  }
}
