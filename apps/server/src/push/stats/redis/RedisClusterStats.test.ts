import type { StatsSample } from "@duplex/protocol";
import { describe, expect, it, vi } from "vitest";
import { describeWithRedis, redisForSuite } from "../../../../test/support/redis.js";
import { createLogger } from "../../../logger.js";
import { RedisClusterStats, sumSamples } from "./RedisClusterStats.js";
import type { StatsSource } from "../StatsSource.js";

function sampleOf(connections: number, lag = 0): StatsSample {
  return {
    connections,
    messagesPerSecond: connections / 2,
    eventLoopLagMs: lag,
    rssBytes: 100 * connections,
    heapUsedBytes: 10 * connections,
  };
}

/** A node's own measurement; `freeze()` makes it hang like a node stuck or dead mid-sample. */
function fakeLocal(value: StatsSample) {
  let frozen = false;
  const local = {
    start: vi.fn(async () => {}),
    stop: vi.fn(async () => {}),
    sample: async () => (frozen ? new Promise<StatsSample>(() => {}) : value),
    freeze: () => {
      frozen = true;
    },
  } satisfies StatsSource & { freeze(): void };
  return local;
}

describe("sumSamples", () => {
  it("adds counts, rates and memory, and keeps the worst event-loop lag", () => {
    expect(sumSamples([sampleOf(2, 5), sampleOf(3, 12.5)])).toEqual({
      connections: 5,
      messagesPerSecond: 2.5,
      eventLoopLagMs: 12.5,
      rssBytes: 500,
      heapUsedBytes: 50,
    });
  });
});

describeWithRedis("RedisClusterStats", () => {
  const redis = redisForSuite();
  const log = createLogger("silent");

  const node = (nodeId: string, local: StatsSource, prefix: string) =>
    new RedisClusterStats({
      url: redis.url,
      nodeId,
      local,
      log,
      prefix,
      intervalMs: 50,
      ttlMs: 300,
    });

  it("sums every live node, and a stopped node drops out at once", async () => {
    const a = node("a", fakeLocal(sampleOf(1)), "t1:");
    const b = node("b", fakeLocal(sampleOf(4)), "t1:");
    await vi.waitFor(async () => expect((await a.sample()).connections).toBe(5));
    await b.close();
    expect((await a.sample()).connections).toBe(1);
    await a.close();
  });

  it("drops a node that stopped refreshing once its sample's TTL runs out", async () => {
    const frozen = fakeLocal(sampleOf(4));
    const a = node("a", fakeLocal(sampleOf(1)), "t2:");
    const b = node("b", frozen, "t2:");
    await vi.waitFor(async () => expect((await a.sample()).connections).toBe(5));
    frozen.freeze();
    await vi.waitFor(async () => expect((await a.sample()).connections).toBe(1), {
      timeout: 2_000,
    });
    expect(redis.cli("smembers", "t2:nodes").trim()).toBe("a");
    await Promise.all([a.close(), b.close()]);
  });

  it("shows this node alone while Redis is unreachable", async () => {
    const a = new RedisClusterStats({
      url: "redis://127.0.0.1:1",
      nodeId: "a",
      local: fakeLocal(sampleOf(3)),
      log,
    });
    expect((await a.sample()).connections).toBe(3);
    await a.close();
  });
});
