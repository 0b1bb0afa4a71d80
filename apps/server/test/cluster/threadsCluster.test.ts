import { afterAll, it } from "vitest";
import { describeWithRedis } from "../support/redis.js";
import { threadsScenario } from "../support/threadsScenario.js";
import { startCluster, stopClusterPostgres } from "./clusterHarness.js";

describeWithRedis("threads on two nodes (Postgres + Redis)", () => {
  afterAll(stopClusterPostgres);

  it("sends, delivers across nodes, summarises, pages, syncs unread, notifies, refuses and replays threads", async () => {
    await using cluster = await startCluster();
    if (cluster.record !== "postgres") throw new Error("the cluster runs on Postgres here");
    await threadsScenario([cluster.a.url, cluster.b.url]);
  });
});
