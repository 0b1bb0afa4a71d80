import { afterAll, expect, it, vi } from "vitest";
import type { RunningServer } from "../../src/index.js";
import type { Broker } from "../../src/broker/Broker.js";
import { openScaleOut } from "../../src/broker/redis/openScaleOut.js";
import { createLogger } from "../../src/logger.js";
import { loadConfig, type Config } from "../../src/config.js";
import { startTestServer, tempDb } from "../helpers.js";
import { postgresMissing, startPostgres, type PostgresHandle } from "../support/postgres.js";
import { describeWithRedis, startTestRedis, type TestRedis } from "../support/redis.js";

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

/** A node's `/readyz` status. */
export async function readyStatus(node: RunningServer): Promise<number> {
  return (await fetch(`${node.httpUrl}/readyz`)).status;
}

/** Waits until both nodes answer `/readyz` with `status`; resolves with how long that took (ms). */
export async function bothReadyz(
  cluster: TestCluster,
  status: 200 | 503,
  timeoutMs = 1_000,
): Promise<number> {
  const started = Date.now();
  await vi.waitFor(async () => {
    expect(await readyStatus(cluster.a)).toBe(status);
    expect(await readyStatus(cluster.b)).toBe(status);
  }, timeoutMs);
  return Date.now() - started;
}

/** `describe` for a suite of clusters: it needs Redis, and the suite's shared Postgres stops after it. */
export function describeCluster(name: string, body: () => void): void {
  describeWithRedis(name, () => {
    afterAll(stopClusterPostgres);
    body();
  });
}

/**
 * Runs a scenario written for any number of nodes on the two nodes of a cluster, its clients on
 * node A and node B: `"<feature> on two nodes (Postgres + Redis)"`.
 */
export function describeScenarioOnTwoNodes(
  feature: string,
  behaviour: string,
  scenario: (urls: string[]) => Promise<void>,
  {
    overrides = {},
    postgresOnly = true,
  }: { overrides?: Partial<Config>; postgresOnly?: boolean } = {},
): void {
  describeCluster(`${feature} on two nodes (Postgres + Redis)`, () => {
    it(behaviour, async () => {
      await using cluster = await startCluster(overrides);
      if (postgresOnly && cluster.record !== "postgres") {
        throw new Error("the cluster runs on Postgres here");
      }
      await scenario([cluster.a.url, cluster.b.url]);
    });
  });
}
