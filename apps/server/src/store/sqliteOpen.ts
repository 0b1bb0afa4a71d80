import { accessSync, constants, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { MIGRATIONS } from "./migrations.js";
import { DatabaseStartError, sqliteUnavailableReason } from "./storeErrors.js";

/** How the file is opened (part of `SqliteStoreOptions`). */
export interface SqliteOpenOptions {
  /**
   * What a commit (and so an ack) survives. `power`: `synchronous = FULL`, the WAL is synced in every
   * commit (one fsync per group-committed batch). `process`: `synchronous = NORMAL`, synced only at
   * checkpoints, so power loss can drop the last commits (a process crash cannot).
   * @default "power"
   */
  durability?: "power" | "process";
  /** How long a write waits for another connection's lock. @default 5000 */
  busyTimeoutMs?: number;
  /**
   * Page cache of this connection in MiB: the bound on what SQLite keeps in memory, reached once
   * the pages written and read add up to it (better-sqlite3 builds SQLite with ~16 MiB too).
   * @default 16
   */
  cacheMib?: number;
}

/** SQLite's `synchronous` values in WAL mode, by what a commit then survives. */
const SYNCHRONOUS = { power: "FULL", process: "NORMAL" } as const;

function migrate(db: Database.Database): void {
  db.exec(
    `CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
     applied_at INTEGER NOT NULL)`,
  );
  const applied = new Set(
    db
      .prepare<[], { id: number }>(`SELECT id FROM migrations`)
      .all()
      .map((r) => r.id),
  );
  const record = db.prepare(`INSERT INTO migrations (id, name, applied_at) VALUES (?, ?, ?)`);
  for (const m of MIGRATIONS) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.after?.(db);
      record.run(m.id, m.name, Date.now());
    })();
  }
}

/**
 * Opens, configures and migrates the file; any failure (unwritable directory, locked or read-only
 * file, full disk) becomes a {@link DatabaseStartError} naming the file and the problem.
 */
export function openDatabase(path: string, options: SqliteOpenOptions): Database.Database {
  let db: Database.Database | undefined;
  try {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    db.pragma("journal_mode = WAL");
    db.pragma(`synchronous = ${SYNCHRONOUS[options.durability ?? "power"]}`);
    db.pragma("foreign_keys = ON");
    // Negative: a size in KiB rather than a number of pages.
    db.pragma(`cache_size = ${-1024 * (options.cacheMib ?? 16)}`);
    migrate(db);
    return db;
  } catch (err) {
    if (db?.open) db.close();
    const reason = writeProblem(path, err) ?? sqliteUnavailableReason(err) ?? fsReason(err);
    const detail = err instanceof Error ? err.message : String(err);
    throw new DatabaseStartError(
      `Cannot open the SQLite database at ${path} (DB_PATH): ${reason ?? detail}` +
        (reason === undefined ? "" : ` (${detail})`),
      { cause: err },
    );
  }
}

/**
 * SQLite says only "unable to open database file" when it cannot write beside the file (it must
 * create the -wal and -shm files there): ask the file system which of the two cannot be written.
 */
function writeProblem(path: string, err: unknown): string | undefined {
  const code = typeof err === "object" && err !== null && "code" in err ? err.code : undefined;
  if (code !== "SQLITE_CANTOPEN" && code !== "SQLITE_READONLY" && code !== "SQLITE_PERM") {
    return undefined;
  }
  for (const target of [dirname(path), path]) {
    try {
      accessSync(target, constants.W_OK);
    } catch (accessErr) {
      const why = fsReason(accessErr);
      if (why !== undefined && !isMissing(accessErr)) return `${why} (${target})`;
    }
  }
  return undefined;
}

const isMissing = (err: unknown) =>
  typeof err === "object" && err !== null && "code" in err && err.code === "ENOENT";

/** Why a file-system error (creating the directory) stops the database from opening. */
function fsReason(err: unknown): string | undefined {
  const code = typeof err === "object" && err !== null && "code" in err ? err.code : undefined;
  if (code === "EROFS") return "the file system is read-only";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENOSPC") return "the disk is full";
  return undefined;
}

/**
 * Runs `commit` with `synchronous = NORMAL` on this connection: its WAL frames are written but not
 * synced, for a caller that syncs them itself (walSync.ts) or for derived data. The level is restored after.
 */
export function withoutCommitSync<T>(db: Database.Database, commit: () => T): T {
  const level = Number(db.pragma("synchronous", { simple: true }));
  if (level <= 1) return commit();
  db.exec("PRAGMA synchronous = NORMAL");
  try {
    return commit();
  } finally {
    db.exec(`PRAGMA synchronous = ${level}`);
  }
}
