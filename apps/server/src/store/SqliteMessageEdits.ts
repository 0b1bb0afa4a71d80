import type Database from "better-sqlite3";
import type { EditInput, MessageChangeInput, MessageChangeResult } from "./messageEdits.js";
import { sqliteChangeWriter } from "./SqliteChangeLog.js";

interface OwnerRow {
  seq: number;
  user_id: string;
  deleted: number;
}

function withChange(result: MessageChangeResult, changeSeq: number): MessageChangeResult {
  return result.status === "ok" ? { ...result, changeSeq } : result;
}

/**
 * Edits and deletes in SQLite. Each is one immediate transaction: the author check and the update
 * cannot interleave with another writer, and the change log row is written in it. A delete blanks the
 * stored text, so it is really gone.
 */
export class SqliteMessageEdits {
  readonly #edit;
  readonly #delete;

  constructor(db: Database.Database, bySeq: (room: string, seq: number) => MessageChangeResult) {
    const owner = db.prepare<[string, string], OwnerRow>(
      `SELECT seq, user_id, deleted FROM messages WHERE room = ? AND id = ?`,
    );
    const setText = db.prepare(
      `UPDATE messages SET text = ?, edited_at = ? WHERE room = ? AND seq = ?`,
    );
    const setDeleted = db.prepare(
      `UPDATE messages SET text = '', deleted = 1 WHERE room = ? AND seq = ?`,
    );
    const record = sqliteChangeWriter(db);
    const check = (input: MessageChangeInput): OwnerRow | MessageChangeResult => {
      const row = owner.get(input.room, input.id);
      if (!row) return { status: "not_found" };
      if (row.user_id !== input.userId && input.anyAuthor !== true) return { status: "not_author" };
      return row;
    };
    this.#edit = db.transaction((input: EditInput): MessageChangeResult => {
      const row = check(input);
      if ("status" in row) return row;
      if (row.deleted) return { status: "not_found" };
      setText.run(input.text, input.editedAt, input.room, row.seq);
      const changeSeq = record({
        room: input.room,
        kind: "edit",
        messageId: input.id,
        messageSeq: row.seq,
        payload: { text: input.text, editedAt: input.editedAt },
        at: input.at ?? input.editedAt,
      });
      return withChange(bySeq(input.room, row.seq), changeSeq);
    });
    this.#delete = db.transaction((input: MessageChangeInput): MessageChangeResult => {
      const row = check(input);
      if ("status" in row) return row;
      if (row.deleted) return bySeq(input.room, row.seq);
      setDeleted.run(input.room, row.seq);
      const changeSeq = record({
        room: input.room,
        kind: "delete",
        messageId: input.id,
        messageSeq: row.seq,
        payload: {},
        at: input.at ?? Date.now(),
      });
      return withChange(bySeq(input.room, row.seq), changeSeq);
    });
  }

  edit(input: EditInput): MessageChangeResult {
    return this.#edit.immediate(input);
  }

  delete(input: MessageChangeInput): MessageChangeResult {
    return this.#delete.immediate(input);
  }
}
