import { expect, it, vi } from "vitest";
import { describeWithRedis, redisForSuite } from "../../../test/support/redis.js";
import { createLogger } from "../../logger.js";
import { presenceContract } from "../../../test/contracts/presence.contract.js";
import { RedisPresence } from "./RedisPresence.js";

const log = createLogger("silent");
const alice = { id: "u_aliceaaaaaaaaaaa", name: "Alice" };
const bob = { id: "u_bobbbbbbbbbbbbbb", name: "Bob" };

describeWithRedis("RedisPresence", () => {
  const redis = redisForSuite();

  const uniquePrefix = () => `t${Math.random().toString(36).slice(2)}:`;
  const node = async (prefix: string, nodeId: string, ttlMs = 15_000) => {
    const presence = new RedisPresence({ url: redis.url, log, nodeId, prefix, ttlMs });
    await presence.connected();
    return presence;
  };

  presenceContract("RedisPresence", () => node(uniquePrefix(), "n1"));

  it("counts a user with a tab on each of two nodes as one member", async () => {
    const prefix = uniquePrefix();
    const a = await node(prefix, "a");
    const b = await node(prefix, "b");
    try {
      expect(await a.join("general", alice, "c_a1")).toEqual({ first: true });
      expect(await b.join("general", alice, "c_b1")).toEqual({ first: false });
      expect(await b.members("general")).toEqual([alice]);
      expect(await a.leave("general", alice.id, "c_a1")).toEqual({ last: false });
      expect(await b.leave("general", alice.id, "c_b1")).toEqual({ last: true, user: alice });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("reaps a crashed node's entries after the TTL and reports one leave per user", async () => {
    const prefix = uniquePrefix();
    const crashed = await node(prefix, "crashed", 300);
    const survivor = await node(prefix, "survivor", 300);
    const expired: string[] = [];
    survivor.onExpired((room, user) => expired.push(`${room}:${user.name}`));
    try {
      await crashed.join("general", alice, "c_x1");
      await crashed.join("general", alice, "c_x2");
      await survivor.join("general", bob, "c_s1");
      crashed.abandon();
      await vi.waitFor(() => expect(expired).toEqual(["general:Alice"]), { timeout: 3_000 });
      expect(await survivor.members("general")).toEqual([bob]);
    } finally {
      await Promise.all([crashed.close(), survivor.close()]);
    }
  });

  it("re-registers its sockets after Redis restarts empty", async () => {
    const prefix = uniquePrefix();
    const presence = await node(prefix, "n1", 300);
    try {
      await presence.join("general", alice, "c1");
      redis.kill();
      await redis.start();
      await vi.waitFor(async () => expect(await presence.members("general")).toEqual([alice]), {
        timeout: 5_000,
      });
    } finally {
      await presence.close();
    }
  });
});
