import { createReadStream } from "node:fs";
import { copyFile, mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { isSha256, type BlobStore } from "./BlobStore.js";

/** Blobs as files `<dir>/<first two hex digits>/<sha256>`, written to a temp name then renamed. */
export class DiskBlobStore implements BlobStore {
  constructor(readonly dir: string) {}

  #path(sha256: string): string {
    if (!isSha256(sha256)) throw new Error("not a sha256 digest");
    return join(this.dir, sha256.slice(0, 2), sha256);
  }

  async putFile(sha256: string, path: string): Promise<void> {
    await this.#put(sha256, (temp) => copyFile(path, temp));
  }

  async putBytes(sha256: string, bytes: Buffer): Promise<void> {
    await this.#put(sha256, (temp) => writeFile(temp, bytes));
  }

  /** Writes a blob not stored yet to a temp name, then renames it into place. */
  async #put(sha256: string, write: (temp: string) => Promise<void>): Promise<void> {
    if (await this.has(sha256)) return;
    const target = this.#path(sha256);
    await mkdir(join(this.dir, sha256.slice(0, 2)), { recursive: true });
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await write(temp);
    await rename(temp, target); // atomic: a reader never sees half a blob
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await stat(this.#path(sha256));
      return true;
    } catch {
      return false;
    }
  }

  async read(sha256: string, start: number, end: number): Promise<Readable> {
    const path = this.#path(sha256);
    await stat(path); // missing: throw now, not inside the stream
    if (end <= start) return Readable.from([]);
    return createReadStream(path, { start, end: end - 1 });
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.#path(sha256), { force: true });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
