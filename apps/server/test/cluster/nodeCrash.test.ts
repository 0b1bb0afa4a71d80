import { afterAll, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { TEST_SECRET, TestClient, startTestServer, tempDb } from "../helpers.js";
import { postgresMissing, startPostgres, type PostgresHandle } from "../support/postgres.js";
import { hasNginx, startTestNginx } from "../support/nginx.js";
import { describeWithRedis, startTestRedis } from "../support/redis.js";
import { spawnServer } from "../support/serverProcess.js";
import { expectGapFree, sendMany } from "./invariants.js";

const TTL_MS = 900;

describeWithRedis("a node killed during traffic", () => {
  let pg: PostgresHandle | undefined;
  afterAll(async () => {
    await pg?.stop();
  });

  it("its users leave once after the TTL, and its clients resume on the other node (through nginx) with recovered: true", async () => {
    await using redis = await startTestRedis();
    using db = tempDb();
    let databaseUrl: string | undefined;
    if (postgresMissing === undefined) {
      pg ??= await startPostgres();
      databaseUrl = await pg.freshDatabase();
    }
    const record: Record<string, string> =
      databaseUrl === undefined ? { DB_PATH: db.path } : { DATABASE_URL: databaseUrl };
    const shared = { redisUrl: redis.url, presenceTtlMs: TTL_MS, headCheckMs: 200 };
    await using nodeB = await startTestServer({
      dbPath: db.path,
      ...(databaseUrl !== undefined && { databaseUrl }),
      ...shared,
      nodeId: "node-b",
      limits: loadConfig({ ABUSE_LIMITS: "off" }).limits,
    });
    const nodeA = spawnServer({
      ...record,
      PORT: "0",
      REDIS_URL: redis.url,
      NODE_ID: "node-a",
      TOKEN_SECRET: TEST_SECRET,
      PRESENCE_TTL_MS: String(TTL_MS),
      HEAD_CHECK_MS: "200",
      ABUSE_LIMITS: "off",
    });
    try {
      const urlA = await nodeA.url;
      // With nginx in front of both nodes, Alice's resume goes through it (nginx skips the dead node).
      await using front = hasNginx
        ? await startTestNginx([Number(new URL(urlA).port), nodeB.port])
        : undefined;
      const alice = await TestClient.hello(urlA, { name: "Alice" });
      const bob = await TestClient.hello(nodeB.url, { name: "Bob" });
      await bob.client.join("general");
      const joined = await alice.client.join("general");
      await bob.client.waitForPresence("join", alice.welcome.user.id);

      const acks = await sendMany(alice.client, "general", "a", 20);
      const lastSeen = acks.at(-1)!.seq;
      nodeA.child.kill("SIGKILL");
      await alice.client.closed;

      // Bob hears exactly one leave, once Alice's entry outlives its TTL without a refresh.
      await bob.client.waitForPresence("leave", alice.welcome.user.id, 5_000);
      const more = await sendMany(bob.client, "general", "b", 5);

      const again = await TestClient.hello(front?.wsUrl ?? nodeB.url, {
        token: alice.welcome.token,
      });
      const resumed = await again.client.join("general", { seq: lastSeen, epoch: joined.epoch });
      expect(resumed.recovered).toBe(true);
      expect(resumed.messages.map((m) => m.id)).toEqual(more.map((a) => a.id));

      await bob.client.waitForPresence("join", alice.welcome.user.id);
      await bob.client.roundTrip();
      const aliceEvents = bob.client
        .presenceChanges()
        .flatMap((c) => (c.user.id === alice.welcome.user.id ? [c.event] : []));
      expect(aliceEvents).toEqual(["join", "leave", "join"]);
      expectGapFree(bob.client, "general", lastSeen + more.length);
      [alice, bob, again].forEach((m) => m.client.close());
    } finally {
      if (nodeA.child.exitCode === null && nodeA.child.signalCode === null)
        nodeA.child.kill("SIGKILL");
    }
  });
});
