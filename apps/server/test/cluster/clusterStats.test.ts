import type { ServerMessageOf } from "@duplex/protocol";
import { afterAll, it } from "vitest";
import { TestClient } from "../helpers.js";
import { describeWithRedis } from "../support/redis.js";
import { startCluster, stopClusterPostgres } from "./clusterHarness.js";

const connectionsIs = (n: number) => (m: ServerMessageOf<"data">) => m.value.connections === n;

describeWithRedis("the stats topic across nodes", () => {
  afterAll(stopClusterPostgres);

  it("counts the clients of every live node, and drops a node once it stops", async () => {
    await using cluster = await startCluster();
    const watcher = await TestClient.hello(cluster.a.url, { name: "Watcher" });
    const onB = await TestClient.hello(cluster.b.url, { name: "Ben" });
    const alsoOnB = await TestClient.hello(cluster.b.url, { name: "Cy" });
    using _w = watcher.client;
    using _b = onB.client;
    using _c = alsoOnB.client;

    watcher.client.send({ type: "subscribe", topic: "stats" });
    await watcher.client.waitFor("subscribed");
    await watcher.client.waitFor("data", connectionsIs(3), 5_000);

    await cluster.b.close();
    await watcher.client.waitFor("data", connectionsIs(1), 5_000);
  });
});
