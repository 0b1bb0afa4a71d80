import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  PG_BIN,
  freePort,
  pgRun,
  startPostgres,
  startRedis,
  waitForPort,
  type Service,
} from "../../../server/src/bin/cluster/services.js";
import { processCpuSeconds } from "../measure/cpu.js";
import { launchTarget, type RunningTarget } from "../targets/targetProcess.js";
import { nodeCounters } from "./nodeMetrics.js";
import { serviceCpuSeconds } from "./clusterCosts.js";
import { DUPLEX_ENTRY, benchNodeEnv, duplexTarget } from "./duplexTarget.js";
import type { Target } from "./target.js";

const NODES = 2;

// Another build's `dist/main.js` for the nodes (the write-path before/after runs); default this one.
const CLUSTER_ENTRY = process.env.DUPLEX_CLUSTER_ENTRY ?? DUPLEX_ENTRY;

/** Why the cluster target cannot run here, or undefined when it can. */
export function duplexClusterMissing(): string | undefined {
  if (!existsSync(DUPLEX_ENTRY)) return "apps/server/dist/main.js is missing: run `pnpm build`";
  if (!existsSync(join(PG_BIN, "initdb"))) return `PostgreSQL 15 not found at ${PG_BIN}`;
  return undefined;
}

/**
 * Where the cluster's CPU went between start and stop (set-up included), per persisted message: one
 * line on stdout for the write-path figures in the README. Printed once.
 */
function costReport(pgPort: number, redisPort: number, nodes: readonly RunningTarget[]) {
  const cpu = () => ({
    nodes: nodes.map((n) => processCpuSeconds(n.pid)),
    postgres: serviceCpuSeconds(pgPort),
    redis: serviceCpuSeconds(redisPort),
  });
  const before = cpu();
  let done = false;
  return async () => {
    if (done) return;
    done = true;
    const after = cpu();
    const counters = await Promise.all(nodes.map((n) => nodeCounters(n.port)));
    const stored = Number(
      pgRun("psql", ["-h", "127.0.0.1", "-p", String(pgPort), "-U", "postgres", "-Atc", "SELECT count(*) FROM messages"]).trim(), // prettier-ignore
    );
    const us = (s: number) => `${Math.round((s * 1e6) / Math.max(stored, 1))} µs`;
    const nodeCpu = after.nodes.map((s, i) => s - (before.nodes[i] ?? 0));
    console.log(
      `cluster costs: ${stored} messages stored; CPU per message: nodes ${nodeCpu.map(us).join(" + ")}, ` +
        `postgres ${us(after.postgres - before.postgres)}, redis ${us(after.redis - before.redis)}; ` +
        `counters ${counters.map((c) => JSON.stringify(c)).join(" ")}`,
    );
  };
}

/** Stops every service, last started first; one failure does not keep the others running. */
async function stopAll(services: readonly Service[]): Promise<void> {
  for (const service of [...services].reverse()) {
    try {
      await service.stop();
    } catch {
      // keep stopping the rest
    }
  }
}

/**
 * Two Duplex nodes on one PostgreSQL (the record, fresh cluster per start) and one Redis (fan-out,
 * presence), both nodes pinned to core 0 like the single-node target: on a 2-core box the generator
 * owns core 1, so the nodes share a core and this measures the cross-node path, not added capacity.
 * Postgres and Redis are not pinned. Clients alternate between the nodes by seat index (see
 * `RunningTarget.ports`), so fan-out and room traffic cross nodes through Redis.
 */
export const duplexClusterTarget: Target = {
  ...duplexTarget,
  name: "duplex-cluster",
  start: async (nodeArgs = []) => {
    const dir = mkdtempSync(join(tmpdir(), "duplex-bench-cluster-"));
    const services: Service[] = [];
    const nodes: RunningTarget[] = [];
    let report = async () => {};
    const pgPort = await freePort();
    const redisPort = await freePort();
    const stop = async () => {
      await report();
      await stopAll([...services, ...nodes.map((n, i) => ({ name: `node-${i}`, stop: n.stop }))]);
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      const pg = startPostgres(pgPort);
      if (!pg) throw new Error(`PostgreSQL 15 not found at ${PG_BIN}`);
      services.push(pg);
      services.push(startRedis(dir, redisPort));
      await waitForPort(redisPort, "redis-server");
      // One node at a time: the first runs the migrations.
      for (let i = 0; i < NODES; i++) {
        const port = await freePort();
        nodes.push(
          await launchTarget({
            entry: CLUSTER_ENTRY,
            readiness: "healthz",
            port,
            nodeArgs,
            env: {
              ...benchNodeEnv(port),
              DATABASE_URL: pg.url,
              REDIS_URL: `redis://127.0.0.1:${redisPort}`,
              NODE_ID: `bench-${String.fromCharCode(97 + i)}`,
            },
          }),
        );
      }
    } catch (error) {
      await stop();
      throw error;
    }
    const [first] = nodes;
    if (!first) throw new Error("no node started");
    report = costReport(pgPort, redisPort, nodes);
    return {
      pid: first.pid,
      port: first.port,
      pids: nodes.map((n) => n.pid),
      ports: nodes.map((n) => n.port),
      stop,
    };
  },
};
