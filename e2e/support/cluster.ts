import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
// The same service starters as `pnpm cluster` (node built-ins only, so importing the source is fine).
import {
  child,
  freePort,
  PG_BIN,
  startPostgres,
  startRedis,
  waitForPort,
  type Service,
} from "../../apps/server/src/bin/cluster/services.js";
import { nginxConf } from "./nginx.js";

const serverMain = join(dirname(fileURLToPath(import.meta.url)), "../../apps/server/dist/main.js");
const NGINX = "/usr/sbin/nginx";
const HEARTBEAT_MS = 2_000;

/** What is missing to run a cluster here (undefined: everything is installed). */
export function clusterMissing(): string | undefined {
  const missing: string[] = [];
  if (spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status !== 0)
    missing.push("redis-server");
  if (!existsSync(NGINX)) missing.push("nginx");
  if (!existsSync(join(PG_BIN, "initdb"))) missing.push("postgresql");
  return missing.length === 0 ? undefined : missing.join(", ");
}

/** One Duplex node: its own port (for /metrics), SIGKILL for a crash. */
export interface ClusterNode {
  id: "a" | "b";
  url: string;
  kill(): void;
  /** Starts the node again on its port after `kill` (same id, same database). */
  restart(): Promise<void>;
}

export interface E2eCluster {
  /** nginx in front of both nodes: what the browsers open. */
  front: string;
  /**
   * nginx in front of both nodes the way a hostile network is: round-robin with no affinity, every
   * WebSocket upgrade answered 403, so browsers ride the SSE + POST fallback across nodes.
   */
  sseFront: string;
  nodes: [ClusterNode, ClusterNode];
  stop(): Promise<void>;
}

/**
 * Each browser context sends a `node` cookie; nginx prefers that node and fails over to the other
 * (`backup`) when it is down, so the test decides which node serves which user and still goes
 * through the proxy for everything, including the failover.
 */
function frontConf(port: number, ssePort: number, a: number, b: number, dir: string): string {
  const timeoutS = Math.ceil((HEARTBEAT_MS * 2) / 1000) + 5;
  return nginxConf(
    dir,
    1024,
    `  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  map $cookie_node $duplex_upstream { b prefer_b; default prefer_a; }
  upstream prefer_a {
    server 127.0.0.1:${a} max_fails=1 fail_timeout=30s;
    server 127.0.0.1:${b} backup;
  }
  upstream prefer_b {
    server 127.0.0.1:${b} max_fails=1 fail_timeout=30s;
    server 127.0.0.1:${a} backup;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://$duplex_upstream;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $http_host;
      proxy_read_timeout ${timeoutS}s;
      proxy_send_timeout ${timeoutS}s;
      proxy_next_upstream error timeout http_503;
      proxy_buffering off;
    }
  }
  upstream round_robin {
    server 127.0.0.1:${a} max_fails=1 fail_timeout=30s;
    server 127.0.0.1:${b} max_fails=1 fail_timeout=30s;
  }
  server {
    listen 127.0.0.1:${ssePort};
    location / {
      if ($http_upgrade != "") { return 403; }
      proxy_pass http://round_robin;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_read_timeout ${timeoutS}s;
      proxy_next_upstream error timeout;
      proxy_buffering off;
    }
  }
`,
  );
}

/** PostgreSQL, Redis, two built nodes and nginx, all on private ports under one temp dir. */
export async function startE2eCluster(): Promise<E2eCluster> {
  const dir = mkdtempSync(join(tmpdir(), "duplex-e2e-cluster-"));
  const services: Service[] = [];
  const stop = async () => {
    for (const service of [...services].reverse()) await service.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const pg = startPostgres(await freePort());
    if (!pg) throw new Error("postgresql is not installed");
    services.push(pg);
    const redisPort = await freePort();
    services.push(startRedis(dir, redisPort));
    await waitForPort(redisPort, "redis-server");
    const frontPort = await freePort();
    const front = `http://127.0.0.1:${frontPort}`;
    const ssePort = await freePort();
    const sseFront = `http://127.0.0.1:${ssePort}`;
    const nodes: ClusterNode[] = [];
    const ports: number[] = [];
    for (const id of ["a", "b"] as const) {
      const port = await freePort();
      const env = {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        NODE_ID: `node-${id}`,
        DATABASE_URL: pg.url,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        TOKEN_SECRET: "e2e-secret-e2e-secret-e2e-secret",
        HEARTBEAT_MS: String(HEARTBEAT_MS),
        ALLOWED_ORIGINS: `${front},${sseFront}`,
        LOG_LEVEL: "warn",
      };
      let proc = child(`node-${id}`, process.execPath, [serverMain], env);
      services.push(proc);
      // One at a time: the first runs the migrations.
      await waitForPort(port, `node ${id}`);
      ports.push(port);
      nodes.push({
        id,
        url: `http://127.0.0.1:${port}`,
        kill: () => proc.kill?.(),
        restart: async () => {
          await proc.stop();
          proc = child(`node-${id}`, process.execPath, [serverMain], env);
          services.push(proc);
          await waitForPort(port, `node ${id}`);
        },
      });
    }
    const nginxDir = join(dir, "nginx");
    mkdirSync(nginxDir);
    const conf = join(nginxDir, "nginx.conf");
    writeFileSync(conf, frontConf(frontPort, ssePort, ports[0]!, ports[1]!, nginxDir));
    services.push(child("nginx", NGINX, ["-c", conf, "-p", nginxDir]));
    await waitForPort(frontPort, "nginx");
    return { front, sseFront, nodes: [nodes[0]!, nodes[1]!], stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** A node's open WebSocket count, from its own /metrics. */
export async function connectionsOn(node: ClusterNode): Promise<number> {
  const text = await (await fetch(`${node.url}/metrics`)).text();
  return Number(/^duplex_connections\{[^}]*\} (\d+)$/m.exec(text)?.[1] ?? NaN);
}
