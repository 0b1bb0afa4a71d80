import { afterAll, expect, it } from "vitest";
import { describeWithRedis } from "../support/redis.js";
import { runAuthorizationTable } from "../authorization/runTable.js";
import { startCluster, stopClusterPostgres } from "./clusterHarness.js";

describeWithRedis("authorization table (Postgres + Redis, two nodes)", () => {
  afterAll(stopClusterPostgres);

  it("allows and denies the same on node B as set up through node A", async () => {
    await using cluster = await startCluster();
    const result = await runAuthorizationTable({ a: cluster.a, b: cluster.b });
    expect(result.actual, JSON.stringify(result.observed, null, 1)).toEqual(result.expected);
  }, 180_000);
});
