import type pg from "pg";
import type { FileRecord, FileRecords } from "../../files/FileRecords.js";
import { INSERT, ORPHANS, digestsOf, toRecord, values, type FileRow } from "../fileRows.js";

/** The `files` table on Postgres (migration 7), on the files' own pool. */
export class PostgresFileRecords implements FileRecords {
  constructor(private readonly pool: pg.Pool) {}

  async insert(record: FileRecord): Promise<void> {
    await this.pool.query(`${INSERT} ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, values(record));
  }

  async get(id: string): Promise<FileRecord | undefined> {
    const { rows } = await this.pool.query<FileRow>("SELECT * FROM files WHERE id = $1", [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async deleteForMessage(messageId: string): Promise<string[]> {
    const { rows } = await this.pool.query<FileRow>(
      "DELETE FROM files WHERE message_id = $1 RETURNING *",
      [messageId],
    );
    return this.#unused(rows);
  }

  async deleteOrphans(createdBefore: number, limit: number) {
    const { rows } = await this.pool.query<FileRow>(
      `DELETE FROM files WHERE id IN (${ORPHANS}) RETURNING *`,
      [createdBefore, limit],
    );
    return { deleted: rows.length, unused: await this.#unused(rows) };
  }

  async #unused(deletedRows: FileRow[]): Promise<string[]> {
    const unused: string[] = [];
    for (const d of digestsOf(deletedRows)) {
      const { rows: n } = await this.pool.query<{ n: string }>(
        "SELECT count(*) AS n FROM files WHERE sha256 = $1 OR thumb_sha256 = $1",
        [d],
      );
      if (Number(n[0]?.n ?? 0) === 0) unused.push(d);
    }
    return unused;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
