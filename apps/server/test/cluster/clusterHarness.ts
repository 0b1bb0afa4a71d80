import type { RunningServer } from "../../src/index.js";
import type { Broker } from "../../src/broker/Broker.js";
import { openScaleOut } from "../../src/broker/redis/openScaleOut.js";
import { createLogger } from "../../src/logger.js";
import { loadConfig, type Config } from "../../src/config.js";
import { startTestServer, tempDb } from "../helpers.js";
import { postgresMissing, startPostgres, type PostgresHandle } from "../support/postgres.js";
import { startTestRedis, type TestRedis } from "../support/redis.js";

/** Two nodes sharing one record (Postgres when installed, else one SQLite file) and one Redis. */
export interface TestCluster {
  a: RunningServer;
  b: RunningServer;
  redis: TestRedis;
  /** "postgres" or "sqlite": which shared record the nodes use. */
  record: string;
  /** The shared Postgres (undefined on SQLite), e.g. to stop and start it mid-test. */
  postgres: PostgresHandle | undefined;
  /** The record's URL when it is Postgres. */
  databaseUrl: string | undefined;
  [Symbol.asyncDispose](): Promise<void>;
}

let postgres: Promise<PostgresHandle> | undefined;

/** Stops the shared Postgres cluster (call in afterAll). */
export async function stopClusterPostgres(): Promise<void> {
  const handle = await postgres;
  postgres = undefined;
  await handle?.stop();
}

export const ADMIN_TOKEN = "cluster-admin-token";

export interface ClusterOptions {
  /** Wraps node A's Redis broker (e.g. to drop one publish, as a node dying before it publishes). */
  wrapBrokerA?: (broker: Broker) => Broker;
}

/** Starts Redis and two nodes; `overrides` apply to both (short timers keep the tests quick). */
export async function startCluster(
  overrides: Partial<Config> = {},
  options: ClusterOptions = {},
): Promise<TestCluster> {
  const redis = await startTestRedis();
  const db = tempDb();
  let databaseUrl: string | undefined;
  if (postgresMissing === undefined) {
    postgres ??= startPostgres();
    databaseUrl = await (await postgres).freshDatabase();
  }
  const node = async (nodeId: string, wrapBroker?: (broker: Broker) => Broker) => {
    const config = {
      dbPath: db.path,
      ...(databaseUrl !== undefined && { databaseUrl }),
      redisUrl: redis.url,
      nodeId,
      headCheckMs: 200,
      presenceTtlMs: 900,
      leaveGraceMs: 300,
      adminToken: ADMIN_TOKEN,
      // Many sends per socket in a second: the per-connection rate limits are not under test here.
      limits: loadConfig({ ABUSE_LIMITS: "off" }).limits,
      ...overrides,
    };
    if (!wrapBroker) return startTestServer(config);
    const scaleOut = await openScaleOut(
      { redisUrl: redis.url, nodeId, presenceTtlMs: config.presenceTtlMs },
      createLogger("silent"),
    );
    return startTestServer(config, {
      scaleOut: { broker: wrapBroker(scaleOut.broker), presence: scaleOut.presence },
    });
  };
  const a = await node("node-a", options.wrapBrokerA);
  const b = await node("node-b");
  return {
    a,
    b,
    redis,
    record: databaseUrl === undefined ? "sqlite" : "postgres",
    postgres: databaseUrl === undefined ? undefined : await postgres,
    databaseUrl,
    [Symbol.asyncDispose]: async () => {
      await Promise.all([a.close(), b.close()]);
      await redis[Symbol.asyncDispose]();
      db[Symbol.dispose]();
    },
  };
}
