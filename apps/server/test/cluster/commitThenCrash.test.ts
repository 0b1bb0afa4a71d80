import type { Broker } from "../../src/broker/Broker.js";
import { expect, it } from "vitest";
import { TestClient } from "../helpers.js";
import { describeCluster, startCluster } from "./clusterHarness.js";

const LOST = "committed, never published";

/** Node A's broker, which loses the publish of one message: the node "dies" right after the commit. */
function losingOnePublish(broker: Broker) {
  const lost: string[] = [];
  const wrapped: Broker = {
    publish: async (channel, payload) => {
      if (lost.length === 0 && payload.includes(LOST)) {
        lost.push(payload);
        return;
      }
      await broker.publish(channel, payload);
    },
    subscribe: (channel, handler) => broker.subscribe(channel, handler),
    close: () => broker.close(),
    onReset: (listener) => broker.onReset(listener),
    isReady: () => broker.isReady(),
    losesPayloads: broker.losesPayloads,
    counters: broker.counters,
  };
  return { wrapped, lost };
}

describeCluster("a node that exits between commit and publish", () => {
  it("loses nothing: the other node fills the gap, and the sender's retry there is de-duplicated", async () => {
    let lost: string[] = [];
    await using cluster = await startCluster(
      {},
      {
        wrapBrokerA: (broker) => {
          const losing = losingOnePublish(broker);
          lost = losing.lost;
          return losing.wrapped;
        },
      },
    );
    const ann = await TestClient.hello(cluster.a.url, { name: "Ann" });
    const ben = await TestClient.hello(cluster.b.url, { name: "Ben" });
    using _b = ben.client;
    await ann.client.join("general");
    await ben.client.join("general");

    ann.client.send({ type: "send", room: "general", cid: "c-lost", text: LOST });
    const ack = await ann.client.waitFor("ack");
    expect(lost).toHaveLength(1);
    await cluster.a.close();
    ann.client.close();

    // Ben's node never got the publish: its head check finds the committed message in the store.
    const got = await ben.client.waitFor("message", (m) => m.text === LOST, 5_000);
    expect(got).toMatchObject({ id: ack.id, seq: ack.seq });

    // Ann's client, unsure whether node A published, retries the same cid on node B.
    const again = await TestClient.hello(cluster.b.url, { token: ann.welcome.token });
    using _a = again.client;
    await again.client.join("general");
    again.client.send({ type: "send", room: "general", cid: "c-lost", text: LOST });
    const retried = await again.client.waitFor("ack");
    expect(retried).toMatchObject({ id: ack.id, seq: ack.seq });
    await ben.client.roundTrip();
    await ben.client.roundTrip();
    expect(ben.client.received.filter((m) => m.type === "message" && m.text === LOST)).toHaveLength(
      1,
    );
  });
});
