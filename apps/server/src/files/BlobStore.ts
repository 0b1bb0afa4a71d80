import type { Readable } from "node:stream";

/**
 * Where file bytes live, content-addressed by SHA-256 (a file uploaded twice is stored once). Disk
 * by default; Postgres when the record is Postgres, so every node serves every file. An S3 store
 * would implement the same five methods (docs/decisions/0010-files.md).
 */
export interface BlobStore {
  /** Stores the file at `path` (`size` bytes) under `sha256`; nothing happens if it is there. */
  putFile(sha256: string, path: string, size: number): Promise<void>;
  putBytes(sha256: string, bytes: Buffer): Promise<void>;
  has(sha256: string): Promise<boolean>;
  /** Bytes `[start, end)` of the blob as a stream. @throws if it is missing */
  read(sha256: string, start: number, end: number): Promise<Readable>;
  /** Removes the blob; deleting a missing one is fine. */
  delete(sha256: string): Promise<void>;
  close(): Promise<void>;
}

export const isSha256 = (s: string): boolean => /^[0-9a-f]{64}$/u.test(s);
