/**
 * A throwaway PostgreSQL 15 cluster for tests and measurements: Debian's binaries, a temp data dir,
 * a private port on 127.0.0.1, trust auth. One cluster per process (started on first use, stopped
 * when the last handle stops or the process exits); each `startPostgres()` gets a fresh database.
 */
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import {
  PG_BIN,
  freePort,
  initPostgresData,
  pgRun,
  postgresTempDir,
} from "../../src/bin/cluster/services.js";

/** Why Postgres tests cannot run here, or undefined when they can. */
export const postgresMissing: string | undefined = existsSync(join(PG_BIN, "initdb"))
  ? undefined
  : `PostgreSQL 15 not found at ${PG_BIN} (apt-get install -y postgresql)`;

/**
 * Call at the top of a Postgres suite. PostgreSQL is required, never skipped: `bash scripts/test-all.sh`
 * installs it, and a suite that silently does not run proves nothing.
 */
export function requirePostgres(): void {
  if (postgresMissing !== undefined) {
    throw new Error(`${postgresMissing}; bash scripts/test-all.sh installs it`);
  }
}

export interface PostgresOptions {
  /**
   * Real fsync and synchronous commit, for measurements. Tests turn both off: a crash of the test
   * machine loses nothing worth keeping.
   * @default false
   */
  durable?: boolean;
}

export interface PostgresHandle {
  /** A fresh database of its own: `postgres://postgres@127.0.0.1:PORT/NAME`. */
  url: string;
  /** Another fresh, empty database on the same cluster. */
  freshDatabase(): Promise<string>;
  /** Releases this handle; the last one stops the cluster and removes its files. */
  stop(): Promise<void>;
  /** Stops the server (fast shutdown: sessions are cut) and keeps its files, for an outage. */
  stopServer(): void;
  /** Starts it again on the same port after {@link stopServer}. */
  startServer(): void;
}

interface Cluster {
  dir: string;
  port: number;
  durable: boolean;
  /** The pg_ctl start options (port, socket dir, settings). */
  settings: string;
}

let cluster: Promise<Cluster> | undefined;
let handles = 0;
let dbCounter = 0;

async function startCluster(durable: boolean): Promise<Cluster> {
  const dir = postgresTempDir("duplex-pg-");
  const data = join(dir, "data");
  initPostgresData(data);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c max_connections=200",
    ...(durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
  ];
  const c = { dir, port, durable, settings: settings.join(" ") };
  startServerSync(c);
  process.once("exit", () => stopClusterSync(c));
  return c;
}

function startServerSync(c: Cluster): void {
  pgRun("pg_ctl", [
    "-D",
    join(c.dir, "data"),
    "-l",
    join(c.dir, "log"),
    "-w",
    "-o",
    c.settings,
    "start",
  ]);
}

function stopClusterSync(c: Cluster): void {
  const data = join(c.dir, "data");
  if (!existsSync(join(data, "postmaster.pid"))) return;
  try {
    pgRun("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
  } catch {
    // Already stopping; the pid file check below decides.
  }
  // A stopped postmaster can linger as a zombie for a moment: the pid file going is the real signal.
  const deadline = Date.now() + 10_000;
  while (existsSync(join(data, "postmaster.pid")) && Date.now() < deadline) {
    execFileSync("sleep", ["0.05"]);
  }
  rmSync(c.dir, { recursive: true, force: true });
}

const urlFor = (c: Cluster, db: string) => `postgres://postgres@127.0.0.1:${c.port}/${db}`;

async function createDatabase(c: Cluster): Promise<string> {
  const name = `duplex_${process.pid}_${++dbCounter}`;
  const admin = new pg.Client({ connectionString: urlFor(c, "postgres") });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return urlFor(c, name);
}

/**
 * Starts (or reuses) this process's cluster and creates a fresh database on it.
 * Call {@link requirePostgres} first: it fails with a clear message when PostgreSQL is not installed.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresHandle> {
  const durable = options.durable ?? false;
  cluster ??= startCluster(durable);
  const c = await cluster;
  if (c.durable !== durable) throw new Error("one cluster per process: durable differs");
  handles += 1;
  let stopped = false;
  const url = await createDatabase(c);
  return {
    url,
    freshDatabase: () => createDatabase(c),
    stopServer: () => pgRun("pg_ctl", ["-D", join(c.dir, "data"), "-m", "fast", "-w", "stop"]),
    startServer: () => startServerSync(c),
    async stop() {
      if (stopped) return;
      stopped = true;
      handles -= 1;
      if (handles > 0) return;
      cluster = undefined;
      stopClusterSync(c);
    },
  };
}

// initdb, and stopping a cluster then deleting a suite's worth of databases, block the event loop
// for longer than a hook's default 20 s when the machine is busy.
const CLUSTER_HOOK_MS = 120_000;

/** The part of a {@link PostgresHandle} a suite's tests use. */
export interface SuitePostgres {
  /** A fresh, empty database on the suite's cluster. */
  freshDatabase(): Promise<string>;
}

/**
 * Postgres for the enclosing `describe` (or file): started before its first test, released after its
 * last. Call {@link requirePostgres} first.
 */
export function postgresForSuite(): SuitePostgres {
  let handle: PostgresHandle | undefined;
  beforeAll(async () => {
    handle = await startPostgres();
  }, CLUSTER_HOOK_MS);
  afterAll(async () => {
    await handle?.stop();
  }, CLUSTER_HOOK_MS);
  return {
    freshDatabase() {
      if (handle === undefined) throw new Error("postgresForSuite: used outside a test");
      return handle.freshDatabase();
    },
  };
}
