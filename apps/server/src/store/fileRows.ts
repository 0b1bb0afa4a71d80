import type { FileRecord } from "../files/FileRecords.js";

/** A `files` row as both engines return it (migrations: SQLite 9, Postgres 7). */
export interface FileRow {
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

export const toRecord = (r: FileRow): FileRecord => ({
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

export const values = (f: FileRecord) => [
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
export const ORPHANS = `SELECT f.id FROM files f WHERE f.created_at < $1
  AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = f.message_id) LIMIT $2`;

export const digestsOf = (rows: FileRow[]) =>
  new Set(rows.flatMap((r) => [r.sha256, r.thumb_sha256 ?? []].flat()));

export const INSERT = `INSERT INTO files (id, room, message_id, sha256, thumb_sha256, name, size, mime,
  created_at) VALUES `;
