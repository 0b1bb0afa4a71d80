import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { allocatorEnv } from "./allocator.js";
import { nginxConf } from "./cluster/nginxConf.js";
import {
  child,
  freePort,
  startPostgres,
  startRedis,
  waitForPort,
  type Service,
} from "./cluster/services.js";

// `pnpm cluster`: a local two-node Duplex behind nginx, everything under one temp dir, Ctrl-C stops it.
const NODES = 2;
const HEARTBEAT_MS = 25_000;
const serverDir = fileURLToPath(new URL("../..", import.meta.url));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "duplex-cluster-"));
  const services: Service[] = [];
  let stopping: Promise<void> | undefined;
  const stopAll = () =>
    (stopping ??= (async () => {
      // Front first (no new sockets), then the nodes (they close sockets with 1001), then the engines.
      for (const service of [...services].reverse()) {
        try {
          await service.stop();
        } catch (err) {
          console.error(`stopping ${service.name}:`, err);
        }
      }
      rmSync(dir, { recursive: true, force: true });
    })());
  process.on("SIGINT", () => void stopAll().then(() => process.exit(0)));
  // Should this script die some other way, take the foreground children with it.
  process.on("exit", () => {
    for (const service of services) service.kill?.();
  });
  process.on("SIGTERM", () => void stopAll().then(() => process.exit(0)));

  try {
    const frontPort = Number(process.env.CLUSTER_PORT ?? 8088);
    const pg = startPostgres(await freePort());
    if (pg) services.push(pg);
    const redisPort = await freePort();
    services.push(startRedis(dir, redisPort));
    await waitForPort(redisPort, "redis-server");

    const front = `http://127.0.0.1:${frontPort}`;
    const secret = randomBytes(24).toString("base64url");
    const adminToken = process.env.ADMIN_TOKEN ?? randomBytes(12).toString("base64url");
    const nodePorts: number[] = [];
    for (let i = 0; i < NODES; i++) {
      const port = await freePort();
      nodePorts.push(port);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PORT: String(port),
        NODE_ID: `node-${String.fromCharCode(97 + i)}`,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        TOKEN_SECRET: secret,
        ADMIN_TOKEN: adminToken,
        HEARTBEAT_MS: String(HEARTBEAT_MS),
        ALLOWED_ORIGINS: `${front},http://localhost:${frontPort}`,
        ...(pg ? { DATABASE_URL: pg.url } : { DB_PATH: join(dir, "duplex.db") }),
        // On jemalloc when the machine has it, as `pnpm start` runs a node.
        ...allocatorEnv(),
      };
      const tsx = join(serverDir, "node_modules/.bin/tsx");
      // One at a time: the first runs the migrations.
      services.push(child(`node-${i}`, tsx, ["--conditions=duplex-source", "src/main.ts"], env));
      await waitForPort(port, `node ${i}`);
    }

    const nginxDir = join(dir, "nginx");
    mkdirSync(nginxDir);
    const conf = join(nginxDir, "nginx.conf");
    writeFileSync(
      conf,
      nginxConf({
        port: frontPort,
        upstreams: nodePorts,
        dir: nginxDir,
        heartbeatMs: HEARTBEAT_MS,
      }),
    );
    services.push(child("nginx", "/usr/sbin/nginx", ["-c", conf, "-p", nginxDir]));
    await waitForPort(frontPort, "nginx");

    process.stdout.write(
      [
        "",
        `Duplex cluster: ${NODES} nodes on ${pg ? "PostgreSQL" : "one SQLite file"} + Redis, behind nginx`,
        `  open        ${front}   (WebSocket ${front.replace("http", "ws")}/ws)`,
        `  nodes       ${nodePorts.map((p) => `http://127.0.0.1:${p}`).join("  ")}`,
        `  readiness   curl ${front}/readyz`,
        `  push        ADMIN_TOKEN=${adminToken} pnpm notify --url ${front} --to all "Hello"`,
        `  files       ${dir}`,
        "Ctrl-C stops everything.",
        "",
      ].join("\n"),
    );
  } catch (err) {
    console.error("cluster failed to start:", err instanceof Error ? err.message : err);
    await stopAll();
    process.exit(1);
  }
}

void main();
