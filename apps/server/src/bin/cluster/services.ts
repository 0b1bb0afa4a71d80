import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A started service; `stop` is idempotent and waits until it is gone. */
export interface Service {
  name: string;
  stop(): Promise<void>;
  /** Synchronous last resort (SIGKILL) for a process exiting without `stop`. */
  kill?(): void;
}

export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/** Resolves once something accepts TCP connections on the port. */
export async function waitForPort(port: number, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} did not open port ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A child process in the foreground of this script, stopped with SIGTERM (then SIGKILL). */
export function child(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Service & { process: ChildProcess } {
  const proc = spawn(command, args, { env, stdio: ["ignore", "inherit", "inherit"] });
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  return {
    name,
    process: proc,
    kill() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
    },
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill("SIGTERM");
      const timer = setTimeout(() => proc.kill("SIGKILL"), 8_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** redis-server with no persistence on a private port, in the foreground. */
export function startRedis(dir: string, port: number): Service {
  return child("redis", "redis-server", [
    "--port", String(port),
    "--bind", "127.0.0.1",
    "--save", "",
    "--appendonly", "no",
    "--dir", dir,
    "--logfile", join(dir, "redis.log"),
  ]); // prettier-ignore
}

const asRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the `postgres` user when we are root (Postgres refuses to run as root). */
export function pgRun(bin: string, args: string[]): string {
  const [file, argv] = asRoot
    ? ["runuser", ["-u", "postgres", "--", join(PG_BIN, bin), ...args]]
    : [join(PG_BIN, bin), args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** A temp dir of the `postgres` user's own (it must reach it, so not inside a root-only dir). */
export function postgresTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  return dir;
}

/**
 * A new cluster in `data`, in UTF-8 with the C.UTF-8 locale: in the plain C locale pg_trgm finds no
 * trigrams in Chinese text, so search could not read it.
 */
export function initPostgresData(data: string): void {
  pgRun("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]); // prettier-ignore
}

/**
 * Debian's PostgreSQL 15 in a temp dir of its own (the `postgres` user must reach it, so not inside
 * a root-only dir), or undefined when it is not installed.
 */
export function startPostgres(port: number): (Service & { url: string }) | undefined {
  if (!existsSync(join(PG_BIN, "initdb"))) return undefined;
  const pgDir = postgresTempDir("duplex-cluster-pg-");
  const data = join(pgDir, "data");
  initPostgresData(data);
  const options = `-p ${port} -k ${pgDir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  pgRun("pg_ctl", ["-D", data, "-l", join(pgDir, "log"), "-w", "-o", options, "start"]);
  let stopped = false;
  return {
    name: "postgres",
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        pgRun("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
      } catch {
        // already stopping
      }
      // A stopped postmaster can linger as a zombie: the pid file going is the real signal.
      const deadline = Date.now() + 10_000;
      while (existsSync(join(data, "postmaster.pid")) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      rmSync(pgDir, { recursive: true, force: true });
    },
  };
}
