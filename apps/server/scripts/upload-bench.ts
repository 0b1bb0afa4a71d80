/**
 * Upload figures (outside the default test run): a 25 MiB file over loopback to a real server
 * process, with the server's RSS sampled from /proc every 20 ms — twice by an honest client, once by
 * a slow one (a pause after every acknowledgement), once by a flooding one (every chunk at once,
 * ignoring the window: the server must fail it without holding the file), and once over the SSE
 * fallback (a POST per chunk).
 *   pnpm --filter @duplex/server bench:upload   (PORT 18700 unless BENCH_PORT is set)
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Capability, encodeChunk } from "@duplex/protocol";
import { TestClient } from "../test/helpers.js";
import { sha256, start, upload } from "../test/filesSupport.js";

const port = Number(process.env.BENCH_PORT ?? 18700);
const size = 25 * 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), "duplex-upload-bench-"));

const rssOf = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(/(\d+)/u.exec(line ?? "")?.[1] ?? 0) * 1024;
};
const mib = (b: number) => (b / 1024 / 1024).toFixed(1);

const server = spawn(
  process.execPath,
  ["--import", "tsx", "--conditions=duplex-source", "src/main.ts"],
  {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DB_PATH: join(dir, "bench.db"),
      LOG_LEVEL: "silent",
    },
    stdio: "inherit",
  },
);
try {
  const url = `ws://127.0.0.1:${port}/ws`;
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      if (tries > 100) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const pid = server.pid ?? 0;
  const files = [Capability.Files];
  /** Runs `work` with the server's RSS sampled; prints the line. */
  const measure = async (label: string, work: (c: TestClient) => Promise<number>, sse = false) => {
    const { client } = await TestClient.hello(
      url,
      { name: label.replace(/\W/gu, ""), caps: files },
      sse ? { transport: "sse" } : {},
    );
    await client.join("general");
    const before = rssOf(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
    const t0 = performance.now();
    const stored = await work(client);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    console.log(
      `${label}: ${mib(stored)} MiB stored in ${seconds.toFixed(2)} s = ${(stored / 1024 / 1024 / seconds).toFixed(1)} MiB/s; ` +
        `server RSS ${mib(before)} → peak ${mib(peak)} MiB (+${mib(peak - before)})`,
    );
    client.close();
  };
  const whole = async (c: TestClient) => {
    await upload(c, "general", "bench.bin", randomBytes(size));
    return size;
  };
  await measure("honest client, run 1", whole);
  await measure("honest client, run 2", whole);
  await measure("slow client (5 ms after each ack)", async (c) => {
    const bytes = randomBytes(size);
    const ready = await start(c, "general", "slow.bin", size);
    if (ready.type !== "upload_ready") throw new Error("refused");
    let next = 0;
    let acked = 0;
    while (acked < size) {
      while (next < size && next - acked < ready.window) {
        const end = Math.min(size, next + ready.chunkSize);
        c.sendRaw(Buffer.from(encodeChunk(ready.uploadId, next, bytes.subarray(next, end))), true);
        next = end;
      }
      const p = await c.waitFor("upload_progress", (m) => m.offset > acked);
      acked = p.offset;
      await new Promise((r) => setTimeout(r, 5));
    }
    c.send({ type: "upload_finish", uploadId: ready.uploadId, sha256: sha256(bytes) });
    await c.waitFor("upload_done", () => true, 30_000);
    return size;
  });
  await measure("flooding client (all chunks at once)", async (c) => {
    const bytes = randomBytes(size);
    const ready = await start(c, "general", "flood.bin", size);
    if (ready.type !== "upload_ready") throw new Error("refused");
    for (let at = 0; at < size; at += ready.chunkSize) {
      const end = Math.min(size, at + ready.chunkSize);
      c.sendRaw(Buffer.from(encodeChunk(ready.uploadId, at, bytes.subarray(at, end))), true);
    }
    const cancel = await c.waitFor("upload_cancel", () => true, 30_000);
    // Whatever is still on its way is read and dropped; then the socket answers again.
    await c.roundTrip();
    const stored = c.received.flatMap((m) => (m.type === "upload_progress" ? [m.offset] : []));
    console.log(`  (failed with ${cancel.code})`);
    return Math.max(0, ...stored);
  });
  await measure("over the SSE fallback (a POST per chunk)", whole, true);
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(dir, { recursive: true, force: true });
}
