import type { ServerMessageOf } from "@duplex/protocol";
import { it } from "vitest";
import { Clients } from "../helpers.js";
import { describeCluster, startCluster } from "./clusterHarness.js";

const connectionsIs = (n: number) => (m: ServerMessageOf<"data">) => m.value.connections === n;

describeCluster("the stats topic across nodes", () => {
  it("counts the clients of every live node, and drops a node once it stops", async () => {
    await using cluster = await startCluster();
    using clients = new Clients();
    const watcher = await clients.hello(cluster.a.url, { name: "Watcher" });
    await clients.hello(cluster.b.url, { name: "Ben" });
    await clients.hello(cluster.b.url, { name: "Cy" });

    watcher.client.send({ type: "subscribe", topic: "stats" });
    await watcher.client.waitFor("subscribed");
    await watcher.client.waitFor("data", connectionsIs(3), 5_000);

    await cluster.b.close();
    await watcher.client.waitFor("data", connectionsIs(1), 5_000);
  });
});
