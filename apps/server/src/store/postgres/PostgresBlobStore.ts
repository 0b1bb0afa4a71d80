import { open } from "node:fs/promises";
import { Readable } from "node:stream";
import type pg from "pg";
import { isSha256, type BlobStore } from "../../files/BlobStore.js";
import { inTransaction } from "./transaction.js";

/** Bytes per `blobs` row: big enough for few rows, small enough that a read holds little. */
export const PART_BYTES = 256 * 1024;

/**
 * Blobs in Postgres as `bytea` parts of {@link PART_BYTES} (migration 7), so every node serves every
 * file. A range read fetches only the parts it covers, one at a time: memory stays at one part.
 */
export class PostgresBlobStore implements BlobStore {
  constructor(private readonly pool: pg.Pool) {}

  async putFile(sha256: string, path: string, size: number): Promise<void> {
    if (!isSha256(sha256)) throw new Error("not a sha256 digest");
    if (await this.has(sha256)) return;
    const file = await open(path, "r");
    try {
      await inTransaction(this.pool, async (client) => {
        const buffer = Buffer.alloc(PART_BYTES);
        let part = 0;
        for (let offset = 0; offset < size || part === 0; offset += PART_BYTES, part += 1) {
          const { bytesRead } = await file.read(buffer, 0, PART_BYTES, offset);
          await client.query(
            "INSERT INTO blobs (sha256, part, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            [sha256, part, buffer.subarray(0, bytesRead)],
          );
          if (bytesRead < PART_BYTES) break;
        }
      });
    } finally {
      await file.close();
    }
  }

  async putBytes(sha256: string, bytes: Buffer): Promise<void> {
    if (!isSha256(sha256)) throw new Error("not a sha256 digest");
    return inTransaction(this.pool, async (client) => {
      for (let part = 0; part * PART_BYTES < bytes.length || part === 0; part += 1) {
        const data = bytes.subarray(part * PART_BYTES, (part + 1) * PART_BYTES);
        await client.query(
          "INSERT INTO blobs (sha256, part, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
          [sha256, part, data],
        );
      }
    });
  }

  async has(sha256: string): Promise<boolean> {
    const { rows } = await this.pool.query("SELECT 1 FROM blobs WHERE sha256 = $1 AND part = 0", [
      sha256,
    ]);
    return rows.length > 0;
  }

  async read(sha256: string, start: number, end: number): Promise<Readable> {
    if (!(await this.has(sha256))) throw new Error("blob not found");
    const pool = this.pool;
    async function* parts(): AsyncGenerator<Buffer> {
      for (let part = Math.floor(start / PART_BYTES); part * PART_BYTES < end; part += 1) {
        const { rows } = await pool.query<{ data: Buffer }>(
          "SELECT data FROM blobs WHERE sha256 = $1 AND part = $2",
          [sha256, part],
        );
        const data = rows[0]?.data;
        if (data === undefined) return;
        const base = part * PART_BYTES;
        yield data.subarray(Math.max(0, start - base), Math.min(data.length, end - base));
      }
    }
    return Readable.from(parts());
  }

  async delete(sha256: string): Promise<void> {
    await this.pool.query("DELETE FROM blobs WHERE sha256 = $1", [sha256]);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
