import { expect, it } from "vitest";
import { describeWithRedis, redisForSuite } from "../../../test/support/redis.js";
import { createLogger } from "../../logger.js";
import { RedisVisibleTabs } from "./RedisVisibleTabs.js";

const log = createLogger("silent");

describeWithRedis("RedisVisibleTabs", () => {
  const redis = redisForSuite();

  const node = async (prefix: string) => {
    const tabs = new RedisVisibleTabs({ url: redis.url, log, prefix, ttlMs: 15_000 });
    await tabs.connected();
    return tabs;
  };

  it("a tab visible on one node counts on the other until it is hidden or closed", async () => {
    const prefix = `t${Math.random().toString(36).slice(2)}:`;
    const [a, b] = [await node(prefix), await node(prefix)];
    try {
      expect(await b.anyVisible("u_1")).toBe(false);
      await a.set("u_1", "c_a1", true);
      await a.set("u_1", "c_a2", true);
      expect(await b.anyVisible("u_1")).toBe(true);
      await a.set("u_1", "c_a1", false);
      expect(await b.anyVisible("u_1")).toBe(true);
      await a.remove("u_1", "c_a2");
      expect(await b.anyVisible("u_1")).toBe(false);
      // A node that stops takes its tabs with it.
      await a.set("u_1", "c_a3", true);
      await a.close();
      expect(await b.anyVisible("u_1")).toBe(false);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("ignores a tab whose node stopped refreshing it (its deadline passed)", async () => {
    const prefix = `t${Math.random().toString(36).slice(2)}:`;
    const b = await node(prefix);
    try {
      // What a crashed node leaves behind: an entry nobody refreshes, with a deadline in the past.
      redis.cli("ZADD", `${prefix}u_2`, String(Date.now() - 1_000), "c_dead");
      expect(await b.anyVisible("u_2")).toBe(false);
      redis.cli("ZADD", `${prefix}u_2`, String(Date.now() + 60_000), "c_live");
      expect(await b.anyVisible("u_2")).toBe(true);
    } finally {
      await b.close();
    }
  });
});
