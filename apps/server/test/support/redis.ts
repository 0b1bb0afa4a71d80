import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, it } from "vitest";

const REDIS_SERVER = "redis-server";

/** Whether `redis-server` can be run here. */
export function hasRedisServer(): boolean {
  return spawnSync(REDIS_SERVER, ["--version"], { stdio: "ignore" }).status === 0;
}

/** `describe` for suites that need Redis: when redis-server is missing the suite fails with how to get it. */
export function describeWithRedis(name: string, body: () => void): void {
  if (hasRedisServer()) {
    describe(name, body);
    return;
  }
  // Required, never skipped: `bash scripts/test-all.sh` installs it, and a skipped suite proves nothing.
  describe(name, () => {
    it("needs redis-server", () => {
      throw new Error(
        `${name}: redis-server is not installed (bash scripts/test-all.sh installs it)`,
      );
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("no port"));
      });
    });
  });
}

/** A private, non-persistent redis-server; `kill` and `start` simulate an outage on the same port. */
export interface TestRedis {
  url: string;
  port: number;
  /** Runs a redis-cli command against it, returning stdout. */
  cli(...args: string[]): string;
  /** SIGKILLs the server (all data is gone: it has no persistence). */
  kill(): void;
  /** Starts it again on the same port. */
  start(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

function pidOf(pidfile: string): number | undefined {
  if (!existsSync(pidfile)) return undefined;
  const pid = Number(readFileSync(pidfile, "utf8").trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Starts redis-server on a free port under a temp dir (no RDB, no AOF), daemonized with a pidfile. */
export async function startTestRedis(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), "duplex-redis-"));
  const port = await freePort();
  const pidfile = join(dir, "redis.pid");
  const cli = (...args: string[]) =>
    execFileSync("redis-cli", ["-p", String(port), ...args], { encoding: "utf8" });
  const pong = () => {
    try {
      return cli("ping").trim() === "PONG";
    } catch {
      return false;
    }
  };
  const start = async () => {
    execFileSync(REDIS_SERVER, [
      "--port", String(port),
      "--bind", "127.0.0.1",
      "--save", "",
      "--appendonly", "no",
      "--daemonize", "yes",
      "--pidfile", pidfile,
      "--dir", dir,
      "--logfile", join(dir, "redis.log"),
    ]); // prettier-ignore
    await until(pong, "redis-server to answer PING");
  };
  const kill = () => {
    const pid = pidOf(pidfile);
    if (pid === undefined) return;
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
    rmSync(pidfile, { force: true });
    const deadline = Date.now() + 5_000;
    while (alive(pid) && Date.now() < deadline) spawnSync("sleep", ["0.01"]);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    cli,
    kill,
    start,
    [Symbol.asyncDispose]: async () => {
      kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The part of a {@link TestRedis} a suite's tests use. */
export type SuiteRedis = Omit<TestRedis, typeof Symbol.asyncDispose>;

/**
 * A private redis-server for the enclosing `describe`: started before its first test, removed after
 * its last.
 */
export function redisForSuite(): SuiteRedis {
  let server: TestRedis | undefined;
  beforeAll(async () => {
    server = await startTestRedis();
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });
  const started = (): TestRedis => {
    if (server === undefined) throw new Error("redisForSuite: used outside a test");
    return server;
  };
  return {
    get url() {
      return started().url;
    },
    get port() {
      return started().port;
    },
    cli: (...args) => started().cli(...args),
    kill: () => started().kill(),
    start: () => started().start(),
  };
}
