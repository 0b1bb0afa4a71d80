import { afterAll, it } from "vitest";
import { describeWithRedis } from "../support/redis.js";
import { reactionsScenario } from "../support/reactionsScenario.js";
import { startCluster, stopClusterPostgres } from "./clusterHarness.js";

describeWithRedis("reactions and replies on two nodes (Postgres + Redis)", () => {
  afterAll(stopClusterPostgres);

  it("toggles idempotently, counts, fans out across nodes, refuses what it must, quotes replies", async () => {
    await using cluster = await startCluster();
    if (cluster.record !== "postgres") throw new Error("the cluster runs on Postgres here");
    await reactionsScenario([cluster.a.url, cluster.b.url]);
  });
});
