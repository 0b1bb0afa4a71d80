/**
 * Upload figures (outside the default test run): a 25 MiB file over loopback to a real server
 * process, twice, with the server's RSS sampled from /proc every 20 ms.
 *   pnpm --filter @duplex/server bench:upload   (PORT 18700 unless BENCH_PORT is set)
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Capability } from "@duplex/protocol";
import { TestClient } from "../test/helpers.js";
import { upload } from "../test/filesSupport.js";

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
  for (let run = 1; run <= 2; run++) {
    const { client } = await TestClient.hello(url, {
      name: `bench${run}`,
      caps: [Capability.Files],
    });
    await client.join("general");
    const bytes = randomBytes(size);
    const before = rssOf(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 20);
    const t0 = performance.now();
    await upload(client, "general", `bench${run}.bin`, bytes);
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    console.log(
      `run ${run}: 25 MiB in ${seconds.toFixed(2)} s = ${(size / 1024 / 1024 / seconds).toFixed(1)} MiB/s; ` +
        `server RSS ${mib(before)} → peak ${mib(peak)} MiB (+${mib(peak - before)})`,
    );
    client.close();
  }
} finally {
  server.kill("SIGTERM");
  await new Promise((r) => server.once("exit", r));
  rmSync(dir, { recursive: true, force: true });
}
