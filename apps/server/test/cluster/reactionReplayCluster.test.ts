import { it } from "vitest";
import { reactWhileAway, resumeAndCheck } from "../support/reactionReplayScenario.js";
import { describeCluster, startCluster } from "./clusterHarness.js";

describeCluster("reactions in the change replay across nodes", () => {
  it("replays on node B exactly the reaction changes made on node A while the client was away", async () => {
    await using cluster = await startCluster();
    const start = await reactWhileAway(cluster.b.url, cluster.a.url);
    await resumeAndCheck(cluster.b.url, start);
  });
});
