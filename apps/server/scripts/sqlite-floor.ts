// The floor under one persisted send in SQLite on this machine: bare better-sqlite3, no store code, the
// messages table's own schema (primary key, id and dedup indexes), the room's seq bump, and the WAL made
// durable once per batch as the server does (commit with synchronous = NORMAL, then our fdatasync of
// the -wal file), in batches like the group commit's at scenario b's rates. No search index, no JS
// objects beyond the bound parameters. Process CPU per row (all threads: checkpoints run inline here).
// A measurement, not a test:
//   pnpm --filter @duplex/server bench:sqlite-floor   (ROWS, BATCH as comma-separated sizes, NO_SYNC=1)
import { fdatasyncSync, mkdtempSync, openSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const USERS = 500;
const ROOMS = 50;

export interface SqliteFloor {
  /** Process CPU (user + kernel) per row, µs. */
  microsPerRow: number;
  /** Of which in the kernel (WAL frame writes, syncs, checkpoint copies), µs. */
  systemPerRow: number;
  rowsPerSecond: number;
  /** Rows in the table at the end (the dedup reads found none: every row is new). */
  stored: number;
}

/** Appends `rows` rows in transactions of `batch`, each made durable with one fdatasync unless `sync` is false. */
export function sqliteFloor(batch: number, rows: number, sync = true): SqliteFloor {
  const ROWS = rows;
  const dir = mkdtempSync(join(tmpdir(), "duplex-sqlite-floor-"));
  const path = join(dir, "floor.db");
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(`
    CREATE TABLE rooms (name TEXT PRIMARY KEY, seq INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE messages (
      room TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL,
      cid TEXT NOT NULL, text TEXT NOT NULL, ts INTEGER NOT NULL, author_name TEXT, search_id INTEGER,
      PRIMARY KEY (room, seq), UNIQUE (user_id, cid)) WITHOUT ROWID;
  `);
  const addRoom = db.prepare(`INSERT INTO rooms (name) VALUES (?)`);
  for (let r = 0; r < ROOMS; r++) addRoom.run(`room-${r}`);
  const bump = db.prepare(`UPDATE rooms SET seq = seq + 1 WHERE name = ? RETURNING seq`);
  const dedup = db.prepare(`SELECT seq FROM messages WHERE user_id = ? AND cid = ?`);
  const insert = db.prepare(
    `INSERT INTO messages (room, seq, id, user_id, cid, text, ts, author_name, search_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const text = `@${"1".repeat(16)}@${"x".repeat(82)}`;
  let n = 0;
  const commit = db.transaction((count: number) => {
    for (let i = 0; i < count; i++, n++) {
      const user = n % USERS;
      const userId = `u_floor${String(user).padStart(10, "0")}`;
      const cid = `c${n}`;
      dedup.get(userId, cid);
      const room = `room-${user % ROOMS}`;
      const { seq } = bump.get(room) as { seq: number };
      const id = `m_${Date.now().toString(36).padStart(9, "0")}${String(n).padStart(12, "0")}`;
      insert.run(room, seq, id, userId, cid, text, Date.now(), `user${user}`, n + 1);
    }
  });
  const wal = openSync(`${path}-wal`, "r");
  const started = performance.now();
  const cpu = process.cpuUsage();
  while (n < ROWS) {
    commit(Math.min(batch, ROWS - n));
    if (sync) fdatasyncSync(wal);
  }
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  closeSync(wal);
  const stored = (db.prepare(`SELECT count(*) AS n FROM messages`).get() as { n: number }).n;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    microsPerRow: (used.user + used.system) / ROWS,
    systemPerRow: used.system / ROWS,
    rowsPerSecond: ROWS / seconds,
    stored,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = Number(process.env.ROWS ?? 100_000);
  const sync = process.env.NO_SYNC !== "1";
  for (const batch of (process.env.BATCH ?? "5,20,100").split(",").map(Number)) {
    const r = sqliteFloor(batch, rows, sync);
    console.log(
      `batch ${String(batch).padStart(4)}: ${r.microsPerRow.toFixed(1)} µs CPU per row (${r.systemPerRow.toFixed(1)} in the kernel), ${Math.round(r.rowsPerSecond)} rows/s${sync ? ", one fdatasync per batch" : ", no sync"}`,
    );
  }
}
