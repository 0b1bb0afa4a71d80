import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { KeyedBuckets } from "../limits/keyedBuckets.js";
import type { Logger } from "../logger.js";
import { createPool } from "../store/postgres/pool.js";
import { PostgresBlobStore } from "../store/postgres/PostgresBlobStore.js";
import { PostgresFileRecords } from "../store/postgres/PostgresFileRecords.js";
import { SqliteFileRecords } from "../store/SqliteFileRecords.js";
import type { BlobStore } from "./BlobStore.js";
import { DiskBlobStore } from "./DiskBlobStore.js";
import type { FileRecords } from "./FileRecords.js";
import type { FilesConfig } from "./filesConfig.js";
import type { PartialUpload } from "./PartialUpload.js";

const DAY_S = 24 * 3600;

/**
 * Everything files need, one per server: the records, the blobs, the uploads under way (on this
 * node: a resume must come back to it), and the upload byte budgets per user and per address.
 */
export class Files {
  readonly uploads = new Map<string, PartialUpload>();
  readonly userBytes: KeyedBuckets;
  readonly addressBytes: KeyedBuckets;
  readonly tempDir: string;

  constructor(
    readonly config: FilesConfig,
    readonly records: FileRecords,
    readonly blobs: BlobStore,
    readonly log: Logger,
    private readonly onClose: () => Promise<void> = () => Promise.resolve(),
  ) {
    this.userBytes = new KeyedBuckets(config.userBytesPerDay, config.userBytesPerDay / DAY_S);
    this.addressBytes = new KeyedBuckets(
      config.addressBytesPerDay,
      config.addressBytesPerDay / DAY_S,
    );
    this.tempDir = join(config.dir, "partial");
  }

  /** Opens the stores next to the message store: Postgres when `databaseUrl` is set, else disk. */
  static async open(
    config: FilesConfig,
    store: { dbPath: string; databaseUrl: string | undefined },
    log: Logger,
  ): Promise<Files> {
    // Partial uploads do not survive a restart (their hashes lived in memory): start clean.
    await rm(join(config.dir, "partial"), { recursive: true, force: true });
    await mkdir(join(config.dir, "partial"), { recursive: true });
    if (store.databaseUrl !== undefined) {
      const pool = createPool(store.databaseUrl, {
        max: 4,
        onIdleError: (err) => log.warn({ err: err.message }, "files pool idle error"),
      });
      return new Files(
        config,
        new PostgresFileRecords(pool),
        new PostgresBlobStore(pool),
        log,
        () => pool.end(),
      );
    }
    const records = new SqliteFileRecords(store.dbPath);
    return new Files(config, records, new DiskBlobStore(config.dir), log, () => records.close());
  }

  /** Unfinished uploads of a user on this node. */
  openUploadsOf(userId: string): number {
    let n = 0;
    for (const u of this.uploads.values()) if (u.userId === userId && !u.outcome) n += 1;
    return n;
  }

  async close(): Promise<void> {
    for (const upload of this.uploads.values()) await upload.discard();
    this.uploads.clear();
    await this.blobs.close();
    await this.onClose();
  }
}
