// Appends per second through SqliteStore.append (group commit, synchronous = FULL), batches of 25 in
// flight: with the search index following the commits (migration 14) and, for comparison, with the
// FTS insert put back inside the append transaction. A measurement, not a test: run by hand with
//   cd apps/server && node --conditions=duplex-source --import tsx test/appendRate.bench.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { SqliteStore } from "../src/store/SqliteStore.js";

const N = Number(process.env.APPENDS ?? 20_000);
const BATCH = 25;
const INLINE_FTS = `CREATE TRIGGER search_rows_fts_inline AFTER INSERT ON search_rows BEGIN
  INSERT INTO message_fts (rowid, text) SELECT new.id, text FROM messages
    WHERE room = new.room AND seq = new.seq AND deleted = 0;
  UPDATE search_index SET indexed_to = new.id WHERE id = 1;
END;`;

async function rate(inline: boolean): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "duplex-append-rate-"));
  const path = join(dir, "rate.db");
  new SqliteStore(path).close();
  if (inline) {
    const db = new Database(path);
    db.exec(INLINE_FTS);
    db.close();
  }
  const store = new SqliteStore(path);
  await store.upsertUser({ id: "u_benchaaaaaaaaaaa", name: "Bench" });
  const start = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    const batch = Array.from({ length: BATCH }, (_, j) =>
      store.append({
        room: `room-${(i + j) % 50}`,
        userId: "u_benchaaaaaaaaaaa",
        cid: `c${i + j}`,
        text: `bench message ${i + j} with some words in it @someone`,
        id: `m_${i + j}`,
        ts: Date.now(),
        userName: "Bench",
      }),
    );
    await Promise.all(batch);
  }
  const perSecond = N / ((performance.now() - start) / 1000);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return perSecond;
}

for (let round = 0; round < 2; round++) {
  for (const inline of [true, false]) {
    const r = await rate(inline);
    console.log(
      `${inline ? "FTS inside the append" : "FTS after the commit "}: ${Math.round(r)} appends/s`,
    );
  }
}
