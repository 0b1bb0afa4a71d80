import type Database from "better-sqlite3";
import type { EditInput, MessageChangeInput, MessageChangeResult } from "./messageEdits.js";

interface OwnerRow {
  seq: number;
  user_id: string;
  deleted: number;
}

/**
 * Edits and deletes in SQLite. Each is one immediate transaction: the author check and the update
 * cannot interleave with another writer. A delete blanks the stored text, so it is really gone.
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
      return bySeq(input.room, row.seq);
    });
    this.#delete = db.transaction((input: MessageChangeInput): MessageChangeResult => {
      const row = check(input);
      if ("status" in row) return row;
      if (!row.deleted) setDeleted.run(input.room, row.seq);
      return bySeq(input.room, row.seq);
    });
  }

  edit(input: EditInput): MessageChangeResult {
    return this.#edit.immediate(input);
  }

  delete(input: MessageChangeInput): MessageChangeResult {
    return this.#delete.immediate(input);
  }
}
