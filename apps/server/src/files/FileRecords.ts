import Database from "better-sqlite3";
import type pg from "pg";

/** A stored file: which room may read it and which blobs hold it. */
export interface FileRecord {
  id: string;
  room: string;
  messageId: string;
  sha256: string;
  thumbSha256: string | undefined;
  name: string;
  size: number;
  mime: string;
  createdAt: number;
}

/** The `files` table (SQLite migration 9, Postgres 7). */
export interface FileRecords {
  insert(record: FileRecord): Promise<void>;
  get(id: string): Promise<FileRecord | undefined>;
  /** Deletes the files of a message; answers the digests no file uses any more (to delete). */
  deleteForMessage(messageId: string): Promise<string[]>;
  /**
   * Deletes up to `limit` files created before `createdBefore` whose message is gone (retention
   * deleted it); answers how many went and the digests no file uses any more.
   */
  deleteOrphans(
    createdBefore: number,
    limit: number,
  ): Promise<{ deleted: number; unused: string[] }>;
  close(): Promise<void>;
}

interface Row {
  id: string;
  room: string;
  message_id: string;
  sha256: string;
  thumb_sha256: string | null;
  name: string;
  size: number | string;
  mime: string;
  created_at: number | string;
}

const toRecord = (r: Row): FileRecord => ({
  id: r.id,
  room: r.room,
  messageId: r.message_id,
  sha256: r.sha256,
  thumbSha256: r.thumb_sha256 ?? undefined,
  name: r.name,
  size: Number(r.size),
  mime: r.mime,
  createdAt: Number(r.created_at),
});

const values = (f: FileRecord) => [
  f.id,
  f.room,
  f.messageId,
  f.sha256,
  f.thumbSha256 ?? null,
  f.name,
  f.size,
  f.mime,
  f.createdAt,
];

// Files whose message no longer exists; the cut-off leaves an upload whose message is being stored.
const ORPHANS = `SELECT f.id FROM files f WHERE f.created_at < $1
  AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = f.message_id) LIMIT $2`;

const digestsOf = (rows: Row[]) =>
  new Set(rows.flatMap((r) => [r.sha256, r.thumb_sha256 ?? []].flat()));

const INSERT = `INSERT INTO files (id, room, message_id, sha256, thumb_sha256, name, size, mime,
  created_at) VALUES `;

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
    const row = this.#db.prepare<[string], Row>("SELECT * FROM files WHERE id = ?").get(id);
    return Promise.resolve(row && toRecord(row));
  }

  deleteForMessage(messageId: string): Promise<string[]> {
    const run = this.#db.transaction(() =>
      this.#unused(
        this.#db
          .prepare<[string], Row>("DELETE FROM files WHERE message_id = ? RETURNING *")
          .all(messageId),
      ),
    );
    return Promise.resolve(run());
  }

  deleteOrphans(createdBefore: number, limit: number) {
    const run = this.#db.transaction(() => {
      const rows = this.#db
        .prepare<[number, number], Row>(
          `DELETE FROM files WHERE id IN (${ORPHANS.replace("$1", "?").replace("$2", "?")}) RETURNING *`,
        )
        .all(createdBefore, limit);
      return { deleted: rows.length, unused: this.#unused(rows) };
    });
    return Promise.resolve(run());
  }

  #unused(deletedRows: Row[]): string[] {
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

export class PostgresFileRecords implements FileRecords {
  constructor(private readonly pool: pg.Pool) {}

  async insert(record: FileRecord): Promise<void> {
    await this.pool.query(`${INSERT} ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, values(record));
  }

  async get(id: string): Promise<FileRecord | undefined> {
    const { rows } = await this.pool.query<Row>("SELECT * FROM files WHERE id = $1", [id]);
    return rows[0] && toRecord(rows[0]);
  }

  async deleteForMessage(messageId: string): Promise<string[]> {
    const { rows } = await this.pool.query<Row>(
      "DELETE FROM files WHERE message_id = $1 RETURNING *",
      [messageId],
    );
    return this.#unused(rows);
  }

  async deleteOrphans(createdBefore: number, limit: number) {
    const { rows } = await this.pool.query<Row>(
      `DELETE FROM files WHERE id IN (${ORPHANS}) RETURNING *`,
      [createdBefore, limit],
    );
    return { deleted: rows.length, unused: await this.#unused(rows) };
  }

  async #unused(deletedRows: Row[]): Promise<string[]> {
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
