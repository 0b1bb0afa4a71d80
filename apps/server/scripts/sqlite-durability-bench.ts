/**
 * `pnpm --filter @duplex/server bench:sqlite-durability`: what syncing every commit costs the SQLite
 * store, without sockets. For each DURABILITY mode: appends one at a time (each awaited, one commit
 * each: the per-ack latency floor), then bursts of 25 per event-loop turn (group commit: one commit
 * per burst). Figures depend on the disk's fsync latency; on a shared machine they are noisy.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteStore } from "../src/store/SqliteStore.js";

const SEQUENTIAL = 500;
const BURSTS = 200;
const BURST = 25;

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

async function measure(durability: "power" | "process") {
  const dir = mkdtempSync(join(tmpdir(), "duplex-sqlite-bench-"));
  const store = new SqliteStore(join(dir, "bench.db"), { durability });
  await store.upsertUser({ id: "u_bench", name: "Bench" });
  let n = 0;
  const append = () =>
    store.append({
      room: `r${n % 50}`,
      userId: "u_bench",
      cid: `c${++n}`,
      text: "x".repeat(100),
      id: `m_${n}`,
      ts: Date.now(),
    });
  const latencies: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < SEQUENTIAL; i++) {
    const start = performance.now();
    await append();
    latencies.push(performance.now() - start);
  }
  const sequentialPerSec = SEQUENTIAL / ((performance.now() - t0) / 1000);
  const t1 = performance.now();
  for (let i = 0; i < BURSTS; i++) await Promise.all(Array.from({ length: BURST }, append));
  const burstPerSec = (BURSTS * BURST) / ((performance.now() - t1) / 1000);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return {
    durability,
    sequential: `${Math.round(sequentialPerSec)}/s, p50 ${pct(latencies, 0.5).toFixed(2)} ms, p99 ${pct(latencies, 0.99).toFixed(2)} ms`,
    [`bursts of ${BURST}`]: `${Math.round(burstPerSec)}/s`,
  };
}

for (const round of [1, 2]) {
  for (const mode of ["power", "process"] as const) {
    console.log(JSON.stringify({ round, ...(await measure(mode)) }));
  }
}
