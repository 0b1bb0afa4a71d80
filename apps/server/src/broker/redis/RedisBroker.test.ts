import { expect, it, vi } from "vitest";
import { describeWithRedis, redisForSuite } from "../../../test/support/redis.js";
import { createLogger } from "../../logger.js";
import { brokerContract } from "../../../test/contracts/broker.contract.js";
import { RedisBroker } from "./RedisBroker.js";

const log = createLogger("silent");

describeWithRedis("RedisBroker", () => {
  const redis = redisForSuite();

  const create = async () => {
    // A fresh prefix per broker: tests share one server but never each other's channels.
    const broker = new RedisBroker({
      url: redis.url,
      log,
      prefix: `t${Math.random().toString(36).slice(2)}:`,
      unsubscribeDelayMs: 0,
    });
    await broker.connected();
    return broker;
  };

  brokerContract("RedisBroker", create);

  it("delivers between two brokers, as between two nodes", async () => {
    const a = new RedisBroker({ url: redis.url, log, prefix: "pair:" });
    const b = new RedisBroker({ url: redis.url, log, prefix: "pair:" });
    try {
      // A publisher not yet connected fails fast by design: wait for both, as a node does at startup.
      await Promise.all([a.connected(), b.connected()]);
      const got: string[] = [];
      await b.subscribe("room:x", (p) => got.push(p));
      await a.publish("room:x", "from a");
      await vi.waitFor(() => expect(got).toEqual(["from a"]));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("re-subscribes and calls onReset after its subscriber connection is killed", async () => {
    const broker = await create();
    try {
      const got: string[] = [];
      let resets = 0;
      broker.onReset(() => resets++);
      await broker.subscribe("room:x", (p) => got.push(p));
      redis.cli("CLIENT", "KILL", "TYPE", "pubsub");
      await vi.waitFor(() => expect(resets).toBe(1));
      await broker.publish("room:x", "after reset");
      await vi.waitFor(() => expect(got).toEqual(["after reset"]));
      expect(broker.counters.resets).toBe(1);
    } finally {
      await broker.close();
    }
  });

  it("fails publishes fast and counts them while Redis is down, then recovers", async () => {
    const broker = await create();
    try {
      redis.kill();
      await vi.waitFor(() => expect(broker.isReady()).toBe(false));
      const started = Date.now();
      for (let i = 0; i < 100; i++) await broker.publish("room:x", `lost ${i}`);
      expect(Date.now() - started).toBeLessThan(1_000);
      await vi.waitFor(() => expect(broker.counters.publishFailures).toBe(100));
      await redis.start();
      await vi.waitFor(() => expect(broker.isReady()).toBe(true), { timeout: 5_000 });
      const got: string[] = [];
      await broker.subscribe("room:y", (p) => got.push(p));
      await broker.publish("room:y", "back");
      await vi.waitFor(() => expect(got).toEqual(["back"]));
    } finally {
      await broker.close();
    }
  });
});
