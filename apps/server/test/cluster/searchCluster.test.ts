import { afterAll, it } from "vitest";
import { describeWithRedis } from "../support/redis.js";
import { searchScenario } from "../support/searchScenario.js";
import { startCluster, stopClusterPostgres } from "./clusterHarness.js";

describeWithRedis("search on two nodes (Postgres + Redis)", () => {
  afterAll(stopClusterPostgres);

  it("finds Chinese and Latin text across nodes in readable rooms only, as edited", async () => {
    await using cluster = await startCluster();
    if (cluster.record !== "postgres") throw new Error("the cluster runs on Postgres here");
    // The cluster runs with abuse limits off; the one-node test checks the budget.
    await searchScenario([cluster.a.url, cluster.b.url], { budgeted: false });
  });
});
