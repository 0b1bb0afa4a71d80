/**
 * Persisted appends per second, Postgres vs SQLite, through the Store interface (what a `send` pays
 * before its ack), from 1, 8, 64 and 256 concurrent senders. Not part of CI. Postgres runs with fsync and synchronous commit on, SQLite in WAL
 * with synchronous=NORMAL, as each runs in production.
 *
 *   pnpm --filter @duplex/server bench:pg-append [appendsPerRun=8000]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PostgresStore } from "../src/store/postgres/PostgresStore.js";
import { SqliteStore } from "../src/store/SqliteStore.js";
import type { Store } from "../src/store/Store.js";
import { requirePostgres, startPostgres } from "../test/support/postgres.js";

const TOTAL = Number(process.argv[2] ?? 8000);
const ROOMS = 50;
const user = { id: "u_benchbenchbench", name: "Bench" };

/** `concurrency` loops share TOTAL appends over ROOMS rooms; returns appends per second. */
async function measure(store: Store, concurrency: number, runId: string): Promise<number> {
  await store.upsertUser(user);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < TOTAL; i = next++) {
      await store.append({
        room: `bench-${i % ROOMS}`,
        userId: user.id,
        cid: `${runId}-${i}`,
        text: `message ${i} with a little text in it`,
        id: `m_${runId}_${i}`,
        ts: Date.now(),
      });
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return TOTAL / ((performance.now() - started) / 1000);
}

const CLIENTS = [1, 8, 64, 256];
const rows: { store: string; clients: number; perSecond: number }[] = [];

const dir = mkdtempSync(join(tmpdir(), "duplex-bench-"));
try {
  for (const clients of CLIENTS) {
    const sqlite = new SqliteStore(join(dir, `bench-${clients}.db`));
    rows.push({
      store: "SQLite",
      clients,
      perSecond: await measure(sqlite, clients, `s${clients}`),
    });
    await sqlite.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// PostgreSQL is required (as in the tests): a bench that silently leaves it out measures half.
requirePostgres();
const pg = await startPostgres({ durable: true });
try {
  const modes = [
    { name: "Postgres, txn per append", groupCommit: false },
    { name: "Postgres, group commit", groupCommit: true },
    { name: "Postgres, always batched", groupCommit: { directLimit: 0 } },
  ] as const;
  for (const { name, groupCommit } of modes) {
    for (const clients of CLIENTS) {
      const store = await PostgresStore.open(await pg.freshDatabase(), { max: 16, groupCommit });
      const perSecond = await measure(store, clients, `p${clients}${name}`);
      rows.push({ store: name, clients, perSecond });
      await store.close();
    }
  }
} finally {
  await pg.stop();
}

console.log(`${TOTAL} appends per run over ${ROOMS} rooms`);
console.table(rows.map((r) => ({ ...r, perSecond: Math.round(r.perSecond) })));
