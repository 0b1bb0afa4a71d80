import { afterAll, it } from "vitest";
import { describeWithRedis } from "../support/redis.js";
import { SCENARIO_THRESHOLD, bigRoomScenario } from "../support/memberPagesScenario.js";
import { startCluster, stopClusterPostgres } from "./clusterHarness.js";

describeWithRedis("big rooms on two nodes (Postgres + Redis)", () => {
  afterAll(stopClusterPostgres);

  it("[R11][R12] pages members, coalesces occupancy and sends changes only to watchers and v1 clients, across nodes", async () => {
    await using cluster = await startCluster({ bigRoomThreshold: SCENARIO_THRESHOLD });
    await bigRoomScenario([cluster.a.url, cluster.b.url], "general");
  });
});
