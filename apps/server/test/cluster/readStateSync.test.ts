import { expect, it } from "vitest";
import { Clients } from "../helpers.js";
import { ADMIN_TOKEN, describeCluster, startCluster } from "./clusterHarness.js";

describeCluster("read state across nodes", () => {
  it("mark_read in a tab on node A tells the same user's tab on node B", async () => {
    await using cluster = await startCluster();
    using clients = new Clients();
    const tabA = await clients.hello(cluster.a.url, { name: "Alice" });
    const tabB = await clients.hello(cluster.b.url, { token: tabA.welcome.token });
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
