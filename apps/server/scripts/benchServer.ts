// What the server benches share: a real server on port 0 over a temp SQLite file, and latency lines.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Config } from "../src/config.js";
import type { startServer as StartServer } from "../src/index.js";

/** A bench's server and its temp directory; `stop` closes the one and removes the other. */
export interface BenchServer {
  server: Awaited<ReturnType<typeof StartServer>>;
  stop(): Promise<void>;
}

/**
 * Starts `start` (this checkout's `startServer`, or another build's: a bench comparing builds passes
 * its own) on port 0, silent, with its database and an empty web root under a fresh temp directory.
 * @param name the temp directory's and token secret's prefix (`join-cost`, `login-bench`…).
 */
export async function startBenchServer(
  start: typeof StartServer,
  name: string,
  overrides: Partial<Config> = {},
): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), `duplex-${name}-`));
  const server = await start({
    port: 0,
    logLevel: "silent",
    tokenSecret: `${name}-secret-0123456789`,
    dbPath: join(dir, "duplex.db"),
    webDist: join(dir, "none"),
    ...overrides,
  });
  return {
    server,
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The `p`th percentile (0–100) of `xs`, nearest rank. */
export function pct(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** `label: p50 … ms, p95 … ms (n=…)`. */
export function summary(label: string, xs: number[]): string {
  return `${label}: p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms (n=${xs.length})`;
}
