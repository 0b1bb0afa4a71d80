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
