import { afterAll, it } from "vitest";
import { describeWithRedis } from "../support/redis.js";
import { reactWhileAway, resumeAndCheck } from "../support/reactionReplayScenario.js";
import { startCluster, stopClusterPostgres } from "./clusterHarness.js";

describeWithRedis("reactions in the change replay across nodes", () => {
  afterAll(stopClusterPostgres);

  it("replays on node B exactly the reaction changes made on node A while the client was away", async () => {
    await using cluster = await startCluster();
    const start = await reactWhileAway(cluster.b.url, cluster.a.url);
    await resumeAndCheck(cluster.b.url, start);
  });
});
