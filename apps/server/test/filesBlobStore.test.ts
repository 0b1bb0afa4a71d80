import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { afterAll, describe, expect, it } from "vitest";
import type { BlobStore } from "../src/files/BlobStore.js";
import { DiskBlobStore } from "../src/files/DiskBlobStore.js";
import { PART_BYTES, PostgresBlobStore } from "../src/store/postgres/PostgresBlobStore.js";
import { createPool } from "../src/store/postgres/pool.js";
import { PostgresStore } from "../src/store/postgres/PostgresStore.js";
import { sha256 } from "./filesSupport.js";
import { postgresForSuite, requirePostgres } from "./support/postgres.js";

requirePostgres();

const pg = postgresForSuite();
const dir = mkdtempSync(join(tmpdir(), "duplex-blobs-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The one contract every BlobStore passes. */
describe.each([
  ["disk", () => Promise.resolve(new DiskBlobStore(join(dir, `d${Math.random()}`)))],
  [
    "postgres",
    async () => {
      const url = await pg.freshDatabase();
      await (await PostgresStore.open(url)).close(); // runs the migrations
      const pool = createPool(url);
      const store = new PostgresBlobStore(pool);
      return Object.assign(store, { close: () => pool.end() });
    },
  ],
] as const)("BlobStore contract (%s)", (_kind, open: () => Promise<BlobStore>) => {
  it("stores a file under its digest once, reads ranges across parts, and deletes it", async () => {
    const blobs = await open();
    try {
      const bytes = Buffer.alloc(PART_BYTES * 2 + 10);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) % 256;
      const digest = sha256(bytes);
      const path = join(dir, `src${Math.random()}`);
      writeFileSync(path, bytes);
      expect(await blobs.has(digest)).toBe(false);
      await blobs.putFile(digest, path, bytes.length);
      await blobs.putFile(digest, path, bytes.length); // again: nothing changes
      expect(await blobs.has(digest)).toBe(true);
      const whole = Buffer.concat(await (await blobs.read(digest, 0, bytes.length)).toArray());
      expect(sha256(whole)).toBe(digest);
      const start = PART_BYTES - 5;
      const middle = Buffer.concat(
        await (await blobs.read(digest, start, start + PART_BYTES + 10)).toArray(),
      );
      expect(middle).toEqual(bytes.subarray(start, start + PART_BYTES + 10));
      await blobs.delete(digest);
      expect(await blobs.has(digest)).toBe(false);
      await expect(blobs.read(digest, 0, 1)).rejects.toThrow();
    } finally {
      await blobs.close();
    }
  });

  it("stores bytes (a thumbnail) and an empty blob", async () => {
    const blobs = await open();
    try {
      const thumb = Buffer.from("thumbnail bytes");
      await blobs.putBytes(sha256(thumb), thumb);
      expect(await text(await blobs.read(sha256(thumb), 0, thumb.length))).toBe("thumbnail bytes");
      const empty = Buffer.alloc(0);
      await blobs.putBytes(sha256(empty), empty);
      expect(await blobs.has(sha256(empty))).toBe(true);
    } finally {
      await blobs.close();
    }
  });
});
