import { afterAll, expect, it } from "vitest";
import { TestClient } from "../helpers.js";
import { describeWithRedis } from "../support/redis.js";
import { ADMIN_TOKEN, startCluster, stopClusterPostgres } from "./clusterHarness.js";

describeWithRedis("read state across nodes", () => {
  afterAll(stopClusterPostgres);

  it("mark_read in a tab on node A tells the same user's tab on node B", async () => {
    await using cluster = await startCluster();
    const tabA = await TestClient.hello(cluster.a.url, { name: "Alice" });
    const tabB = await TestClient.hello(cluster.b.url, { token: tabA.welcome.token });
    using _a = tabA.client;
    using _b = tabB.client;
    const res = await fetch(`${cluster.a.httpUrl}/api/notifications`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ to: { user: "Alice" }, title: "Review requested" }),
    });
    expect(res.status).toBe(202);
    const { notification } = await tabB.client.waitFor("notification");

    tabA.client.send({ type: "mark_read", ids: [notification.id], ref: "r1" });
    const onB = await tabB.client.waitFor("notifications_read", () => true, 5_000);
    expect(onB.ids).toEqual([notification.id]);
    expect(onB.ref).toBeUndefined();
  });
});
