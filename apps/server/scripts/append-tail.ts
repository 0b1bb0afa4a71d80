// The tail of SqliteStore.append's ack latency at a paced rate (as scenario b asks: RATE appends/s
// from 500 senders in 50 rooms, 100-character texts), with the event loop's delay beside it, for
// variants alternated in one process. A measurement, not a test:
//   pnpm --filter @duplex/server bench:append-tail   (RATE, DURATION_S, ROUNDS, VARIANTS as JSON of SqliteStoreOptions)
import { closeSync, mkdtempSync, openSync, readSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import type { SqliteStoreOptions } from "../src/store/SqliteStore.js";

// Every fdatasync's duration (the WAL sync the acks wait on), patched in before the store loads.
const syncMs: number[] = [];
const realFdatasync = fs.fdatasync;
fs.fdatasync = ((fd: number, callback: (err: NodeJS.ErrnoException | null) => void) => {
  const began = performance.now();
  realFdatasync(fd, (err) => {
    syncMs.push(performance.now() - began);
    callback(err);
  });
}) as typeof fs.fdatasync;
syncBuiltinESMExports();
const { SqliteStore } = await import("../src/store/SqliteStore.js");

const RATE = Number(process.env.RATE ?? 10_000);
const SECONDS = Number(process.env.DURATION_S ?? 8);
const ROUNDS = Number(process.env.ROUNDS ?? 2);

const VARIANTS: Record<string, SqliteStoreOptions> = JSON.parse(
  process.env.VARIANTS ?? '{"default":{}}',
) as Record<string, SqliteStoreOptions>;

async function run(options: SqliteStoreOptions) {
  const dir = mkdtempSync(join(tmpdir(), "duplex-append-tail-"));
  const path = join(dir, "tail.db");
  let checkpoints = 0;
  let caughtUp = 0;
  const store = new SqliteStore(path, {
    ...options,
    onCheckpoint: (r) => {
      checkpoints += 1;
      if (r.log === r.checkpointed) caughtUp += 1;
    },
  });
  // WAL restarts: the header's checkpoint sequence number (bytes 12-15) moves on each one.
  const header = Buffer.alloc(16);
  const walSeq = () => {
    const fd = openSync(`${path}-wal`, "r");
    try {
      return readSync(fd, header, 0, 16, 0) === 16 ? header.readUInt32BE(12) : -1;
    } finally {
      closeSync(fd);
    }
  };
  let restarts = 0;
  let lastSeq = -1;
  const watch = setInterval(() => {
    const seq = walSeq();
    if (lastSeq !== -1 && seq !== lastSeq) restarts += 1;
    lastSeq = seq;
  }, 10);
  const users = Array.from({ length: 500 }, (_, i) => `u_tail${String(i).padStart(12, "0")}`);
  for (const id of users) await store.upsertUser({ id, name: id });
  const latencies: number[] = [];
  syncMs.length = 0;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const start = performance.now();
  const cpu = process.cpuUsage();
  let sent = 0;
  const total = RATE * SECONDS;
  const pending: Promise<void>[] = [];
  loop.enable();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * RATE));
      for (; sent < due; sent++) {
        const i = sent;
        const at = start + (i / RATE) * 1000;
        const user = users[i % 500] as string;
        const stamp = `@${String(Math.round(at * 1000)).padStart(16, "0")}@`;
        pending.push(
          store
            .append({
              room: `room-${(i % 500) % 50}`,
              userId: user,
              cid: `c${i}`,
              text: stamp + "x".repeat(100 - stamp.length),
              id: `m_${Date.now().toString(36)}${String(i).padStart(12, "0")}`,
              ts: Date.now(),
              userName: user,
            })
            .then(() => void latencies.push(performance.now() - at)),
        );
      }
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await Promise.all(pending);
  loop.disable();
  const used = process.cpuUsage(cpu);
  clearInterval(watch);
  const walMiB = statSync(`${path}-wal`).size / 2 ** 20;
  // Builds before the worker restarted the WAL have no such counter.
  const byWorker = (store as { walRestarter?: { stats: Record<string, number> } }).walRestarter
    ?.stats;
  const restartsByWorker = byWorker
    ? `${byWorker.done} of ${byWorker.tried}, commits held ${byWorker.heldMs?.toFixed(0)} ms, at most ${byWorker.maxHeldMs?.toFixed(1)}`
    : "-";
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  syncMs.sort((a, b) => a - b);
  const syncAt = (q: number) => (syncMs[Math.floor(q * (syncMs.length - 1))] ?? 0).toFixed(1);
  const at = (q: number) => (latencies[Math.floor(q * (latencies.length - 1))] ?? 0).toFixed(1);
  return (
    `ack p50 ${at(0.5)} p99 ${at(0.99)} p999 ${at(0.999)} max ${at(1)} ms; loop delay p99 ` +
    `${(loop.percentile(99) / 1e6).toFixed(1)} max ${(loop.max / 1e6).toFixed(1)} ms; ` +
    `CPU ${((used.user + used.system) / total).toFixed(1)} µs/append; checkpoints ${checkpoints} ` +
    `(caught up ${caughtUp}); ${syncMs.length} WAL syncs p50 ${syncAt(0.5)} p99 ${syncAt(0.99)} max ${syncAt(1)} ms; WAL restarts ${restarts} (by the worker ${restartsByWorker}), WAL ${walMiB.toFixed(1)} MiB`
  );
}

for (let round = 0; round < ROUNDS; round++) {
  for (const [name, options] of Object.entries(VARIANTS)) {
    console.log(`${name.padEnd(16)} ${await run(options)}`);
  }
}
