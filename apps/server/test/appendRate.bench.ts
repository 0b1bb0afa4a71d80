// Appends per second and ack latency through SqliteStore.append (group commit, durability "power"),
// with LANES senders each appending its next message once the previous one is acked (as pipelined
// clients do): the WAL synced inside each commit on the event loop (as before) against synced on the
// threadpool after the commit, one sync in flight (walSync.ts). A measurement, not a test:
//   cd apps/server && node --conditions=duplex-source --import tsx test/appendRate.bench.ts
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SqliteStore } from "../src/store/SqliteStore.js";

const N = Number(process.env.APPENDS ?? 20_000);
const LANES = Number(process.env.LANES ?? 500);

interface Rate {
  perSecond: number;
  cpuMicros: number;
  p50: number;
  p99: number;
}

async function rate(offLoop: boolean): Promise<Rate> {
  const dir = mkdtempSync(join(tmpdir(), "duplex-append-rate-"));
  const path = join(dir, "rate.db");
  const store = new SqliteStore(path, { appendSyncOffLoop: offLoop });
  await store.upsertUser({ id: "u_benchaaaaaaaaaaa", name: "Bench" });
  const latencies: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < N) {
      const i = next++;
      const sent = performance.now();
      await store.append({
        room: `room-${i % 50}`,
        userId: "u_benchaaaaaaaaaaa",
        cid: `c${i}`,
        text: `bench message ${i} with some words in it @someone`,
        id: `m_${Date.now().toString(36)}${i}`,
        ts: Date.now(),
        userName: "Bench",
      });
      latencies.push(performance.now() - sent);
    }
  };
  const start = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(Array.from({ length: LANES }, lane));
  const used = process.cpuUsage(cpu);
  const perSecond = N / ((performance.now() - start) / 1000);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.floor(q * (latencies.length - 1))] ?? 0;
  return { perSecond, cpuMicros: (used.user + used.system) / N, p50: at(0.5), p99: at(0.99) };
}

for (let round = 0; round < 2; round++) {
  for (const offLoop of [false, true]) {
    const r = await rate(offLoop);
    console.log(
      `${offLoop ? "sync on the threadpool" : "sync in the commit   "}: ${Math.round(r.perSecond)} appends/s, ` +
        `${r.cpuMicros.toFixed(1)} µs CPU each, ack p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms`,
    );
  }
}
