import { expect, it } from "vitest";
import { runAuthorizationTable } from "../authorization/runTable.js";
import { describeCluster, startCluster } from "./clusterHarness.js";

describeCluster("authorization table (Postgres + Redis, two nodes)", () => {
  it("allows and denies the same on node B as set up through node A", async () => {
    await using cluster = await startCluster();
    const result = await runAuthorizationTable({ a: cluster.a, b: cluster.b });
    expect(result.actual, JSON.stringify(result.observed, null, 1)).toEqual(result.expected);
  }, 180_000);
});
