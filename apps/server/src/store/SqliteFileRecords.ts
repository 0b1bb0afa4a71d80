import Database from "better-sqlite3";
import type { FileRecord, FileRecords } from "../files/FileRecords.js";
import { INSERT, ORPHANS, digestsOf, toRecord, values, type FileRow } from "./fileRows.js";

/** On its own connection to the SQLite file the store migrated (WAL: readers do not block). */
export class SqliteFileRecords implements FileRecords {
  readonly #db: Database.Database;

  constructor(path: string) {
    this.#db = new Database(path);
    this.#db.pragma("journal_mode = WAL");
    this.#db.pragma("busy_timeout = 5000");
  }

  insert(record: FileRecord): Promise<void> {
    this.#db.prepare(`${INSERT} (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(...values(record));
    return Promise.resolve();
  }

  get(id: string): Promise<FileRecord | undefined> {
    const row = this.#db.prepare<[string], FileRow>("SELECT * FROM files WHERE id = ?").get(id);
    return Promise.resolve(row && toRecord(row));
  }

  deleteForMessage(messageId: string): Promise<string[]> {
    const run = this.#db.transaction(() =>
      this.#unused(
        this.#db
          .prepare<[string], FileRow>("DELETE FROM files WHERE message_id = ? RETURNING *")
          .all(messageId),
      ),
    );
    return Promise.resolve(run());
  }

  deleteOrphans(createdBefore: number, limit: number) {
    const run = this.#db.transaction(() => {
      const rows = this.#db
        .prepare<[number, number], FileRow>(
          `DELETE FROM files WHERE id IN (${ORPHANS.replace("$1", "?").replace("$2", "?")}) RETURNING *`,
        )
        .all(createdBefore, limit);
      return { deleted: rows.length, unused: this.#unused(rows) };
    });
    return Promise.resolve(run());
  }

  #unused(deletedRows: FileRow[]): string[] {
    const used = this.#db.prepare<[string, string], { n: number }>(
      "SELECT count(*) AS n FROM files WHERE sha256 = ? OR thumb_sha256 = ?",
    );
    return [...digestsOf(deletedRows)].filter((d) => (used.get(d, d)?.n ?? 0) === 0);
  }

  close(): Promise<void> {
    if (this.#db.open) this.#db.close();
    return Promise.resolve();
  }
}
