// What one append costs inside SQLite, by schema variant and batch size (synchronous = FULL, WAL,
// 50 rooms, the append's own statements: dedup check, seq bump, insert). A measurement, not a test:
//   cd apps/server && node --conditions=duplex-source --import tsx test/appendCost.bench.ts
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { SqliteStore } from "../src/store/SqliteStore.js";

const N = Number(process.env.APPENDS ?? 10_000);

interface Variant {
  name: string;
  sql: string;
  /** Message ids with a time-ordered prefix (appended at the id index's right edge). */
  ordered?: boolean;
  /** The search number comes from the trigger (as before migration 16), not the append. */
  numberedBySql?: boolean;
  /** No (user_id, cid) lookup before the insert. */
  noDedup?: boolean;
}

// The variants of earlier passes (migrations 14 and 15, random ids, no UNIQUE (id)) are in this
// file's history (commit 30944a0); each variant below starts from the current schema.
const ALL_VARIANTS: Variant[] = [
  {
    name: "as migration 15 (search_rows UNIQUE (room, seq), numbered by the trigger)",
    ordered: true,
    sql: `DROP TRIGGER messages_search_insert; DROP TRIGGER messages_search_update;
      DROP TRIGGER messages_search_delete; DROP TABLE search_rows;
      CREATE TABLE search_rows (id INTEGER PRIMARY KEY, room TEXT NOT NULL, seq INTEGER NOT NULL,
        UNIQUE (room, seq));
      CREATE TRIGGER messages_search_insert AFTER INSERT ON messages BEGIN
        INSERT INTO search_rows (id, room, seq) VALUES (
          max(coalesce((SELECT max(id) FROM search_rows), 0),
            (SELECT indexed_to FROM search_index WHERE id = 1)) + 1,
          new.room, new.seq);
      END;`,
    numberedBySql: true,
  },
  { name: "migration 16 (search number on the message)", ordered: true, sql: "" },
  {
    name: "16 - search_rows trigger",
    ordered: true,
    sql: "DROP TRIGGER messages_search_insert;",
  },
  {
    name: "16 - trigger - UNIQUE (user_id, cid) and its lookup (no dedup)",
    ordered: true,
    noDedup: true,
    sql: `DROP TRIGGER messages_search_insert;
      PRAGMA foreign_keys = OFF; PRAGMA legacy_alter_table = ON;
      CREATE TABLE m2 (room TEXT NOT NULL REFERENCES rooms(name), seq INTEGER NOT NULL,
        id TEXT NOT NULL UNIQUE, user_id TEXT NOT NULL REFERENCES users(id), cid TEXT NOT NULL,
        text TEXT NOT NULL, ts INTEGER NOT NULL, edited_at INTEGER, deleted INTEGER NOT NULL DEFAULT 0,
        author_name TEXT, attachment TEXT, search_id INTEGER, PRIMARY KEY (room, seq)) WITHOUT ROWID;
      DROP TABLE messages; ALTER TABLE m2 RENAME TO messages;`,
  },
];

// VARIANTS=2,3 runs only those (0-based, in the order above).
const VARIANTS = process.env.VARIANTS
  ? process.env.VARIANTS.split(",").map((i) => ALL_VARIANTS[Number(i)] as Variant)
  : ALL_VARIANTS;

interface Cost {
  perSecond: number;
  /** CPU time of this process per append (user + system), less sensitive to a busy machine. */
  cpuMicros: number;
  /** WAL bytes written per append: pages touched, independent of the machine's load. */
  walBytes: number;
}

function walSize(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

function rate(variant: Variant, batch: number, sync: string): Cost {
  const dir = mkdtempSync(join(tmpdir(), "duplex-append-cost-"));
  const path = join(dir, "cost.db");
  new SqliteStore(path).close();
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${sync}`);
  db.exec(variant.sql);
  db.pragma("foreign_keys = ON");
  db.prepare(`INSERT INTO users (id, name, created_at) VALUES ('u_bench', 'Bench', 0)`).run();
  for (let r = 0; r < 50; r++) {
    db.prepare(`INSERT INTO rooms (name, epoch, seq, created_at) VALUES (?, 'e', 0, 0)`).run(
      `room-${r}`,
    );
  }
  const byCid = db.prepare(`SELECT 1 FROM messages WHERE user_id = ? AND cid = ?`);
  const nextSeq = db.prepare<[string], { seq: number }>(
    `UPDATE rooms SET seq = seq + 1 WHERE name = ? RETURNING seq`,
  );
  const insert = db.prepare(
    `INSERT INTO messages (room, seq, id, user_id, cid, text, ts, author_name, attachment, search_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, COALESCE(?, (SELECT name FROM users WHERE id = ?)), ?, ?)`,
  );
  // As sqliteAppend.ts: the top read once per transaction, then counted in memory.
  const searchTop = db.prepare<[], { top: number }>(
    `SELECT coalesce((SELECT max(id) FROM search_rows), 0) AS top`,
  );
  const commit = db.transaction((from: number, to: number) => {
    let searchId = variant.numberedBySql ? null : (searchTop.get()?.top ?? 0);
    for (let i = from; i < to; i++) {
      const room = `room-${i % 50}`;
      if (!variant.noDedup) byCid.get("u_bench", `c${i}`);
      const seq = nextSeq.get(room)?.seq ?? 0;
      const random = Math.random().toString(36).slice(2, 12);
      const id = variant.ordered
        ? `m_${Date.now().toString(36)}${String(i).padStart(6, "0")}${random}`
        : `m_${random}${i}`;
      const text = `bench message ${i} with some words in it @someone`;
      if (searchId !== null) searchId++;
      insert.run(
        room,
        seq,
        id,
        "u_bench",
        `c${i}`,
        text,
        Date.now(),
        "Bench",
        "u_bench",
        null,
        searchId,
      );
    }
  });
  db.pragma("wal_autocheckpoint = 0"); // the WAL's growth is then what the appends wrote
  db.pragma("wal_checkpoint(TRUNCATE)");
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < N; i += batch) commit.immediate(i, Math.min(N, i + batch));
  const used = process.cpuUsage(cpu);
  const perSecond = N / ((performance.now() - start) / 1000);
  const walBytes = walSize(path) / N;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { perSecond, cpuMicros: (used.user + used.system) / N, walBytes };
}

const sync = process.env.SYNC ?? "FULL";
for (const batch of (process.env.BATCHES ?? "25,500").split(",").map(Number)) {
  for (let round = 0; round < 2; round++) {
    const row = VARIANTS.map((v) => {
      const c = rate(v, batch, sync);
      return `${v.name}: ${Math.round(c.perSecond)}/s ${c.cpuMicros.toFixed(1)} µs CPU ${Math.round(c.walBytes)} B WAL`;
    });
    console.log(`batch ${batch}, ${sync}, round ${round + 1} | ${row.join(" | ")}`);
  }
}
