import type Database from "better-sqlite3";
import {
  toChangeRow,
  type ChangeKind,
  type ChangeLog,
  type ChangeRow,
  type RawChangeRow,
} from "./changeLog.js";

const COLUMNS = `room, change_seq, kind, message_id, message_seq, payload, at`;

/** {@link ChangeLog} reads, and the writer the edit/delete transactions call, on SQLite. */
export class SqliteChangeLog implements ChangeLog {
  readonly #stmt;

  constructor(db: Database.Database) {
    this.#stmt = {
      head: db.prepare<[string], { change_seq: number }>(
        `SELECT change_seq FROM rooms WHERE name = ?`,
      ),
      after: db.prepare<[string, number, number], RawChangeRow>(
        `SELECT ${COLUMNS} FROM changes WHERE room = ? AND change_seq > ? ORDER BY change_seq LIMIT ?`,
      ),
      madeSince: db.prepare<[string, number, number, number], RawChangeRow>(
        `SELECT ${COLUMNS} FROM changes WHERE room = ? AND at >= ? AND message_seq <= ?
         ORDER BY change_seq LIMIT ?`,
      ),
      messageTime: db.prepare<[string, number], { ts: number }>(
        `SELECT ts FROM messages WHERE room = ? AND seq = ?`,
      ),
    };
  }

  async head(room: string): Promise<number> {
    return this.#stmt.head.get(room)?.change_seq ?? 0;
  }

  async after(room: string, after: number, limit: number): Promise<ChangeRow[]> {
    return this.#stmt.after.all(room, after, limit).map(toChangeRow);
  }

  async madeSince(room: string, since: number, maxSeq: number, limit: number) {
    return this.#stmt.madeSince.all(room, since, maxSeq, limit).map(toChangeRow);
  }

  async messageTime(room: string, seq: number): Promise<number | undefined> {
    return this.#stmt.messageTime.get(room, seq)?.ts;
  }
}

/** A change to record inside an edit or delete transaction. */
export interface NewChange {
  room: string;
  kind: ChangeKind;
  messageId: string;
  messageSeq: number;
  payload: Record<string, unknown>;
  at: number;
}

/**
 * Records changes on SQLite; call only inside a write transaction (the room row's counter and the
 * change row are written with the change itself). Returns the change's seq.
 */
export function sqliteChangeWriter(db: Database.Database): (change: NewChange) => number {
  const bump = db.prepare<[string], { change_seq: number }>(
    `UPDATE rooms SET change_seq = change_seq + 1 WHERE name = ? RETURNING change_seq`,
  );
  const insert = db.prepare(`INSERT INTO changes (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  // A deleted message's text must really be gone: its earlier edits leave the log.
  const forgetEdits = db.prepare(
    `DELETE FROM changes WHERE room = ? AND message_id = ? AND kind = 'edit'`,
  );
  return (change) => {
    const row = bump.get(change.room);
    if (!row) throw new Error(`no room ${change.room}`);
    if (change.kind === "delete") forgetEdits.run(change.room, change.messageId);
    insert.run(
      change.room,
      row.change_seq,
      change.kind,
      change.messageId,
      change.messageSeq,
      JSON.stringify(change.payload),
      change.at,
    );
    return row.change_seq;
  };
}
