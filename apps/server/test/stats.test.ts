import type { ServerMessageOf } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { TestClient, startTestServer, tempDb } from "./helpers.js";

const dataOf = (client: TestClient) =>
  client.received.filter((m): m is ServerMessageOf<"data"> => m.type === "data");

describe("the stats topic", () => {
  it("pushes a sample per second to subscribers only", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    const watcher = await TestClient.hello(server.url, { name: "Watcher" });
    const bystander = await TestClient.hello(server.url, { name: "Bystander" });
    using _w = watcher.client;
    using _b = bystander.client;

    watcher.client.send({ type: "subscribe", topic: "stats", ref: "s1" });
    expect(await watcher.client.waitFor("subscribed")).toEqual({
      type: "subscribed",
      ref: "s1",
      topic: "stats",
    });
    const started = Date.now();
    const first = await watcher.client.waitFor("data", () => true, 2_500);
    await watcher.client.waitFor("data", () => true, 2_500 - (Date.now() - started));
    expect(first.topic).toBe("stats");
    expect(first.value.connections).toBe(2);
    expect(first.value.rssBytes).toBeGreaterThan(0);
    expect(first.value.heapUsedBytes).toBeGreaterThan(0);

    await bystander.client.roundTrip();
    expect(dataOf(bystander.client)).toEqual([]);
  });

  it("counts messages per second", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    const { client } = await TestClient.hello(server.url, { name: "Sender" });
    using _ = client;
    await client.join("general");
    client.send({ type: "subscribe", topic: "stats" });
    await client.waitFor("subscribed");
    for (let i = 0; i < 3; i++)
      client.send({ type: "send", room: "general", cid: `c${i}`, text: "x" });
    // The first tick comes about a second after subscribing and covers the three sends.
    const sample = await client.waitFor("data", (m) => m.value.messagesPerSecond > 0, 3_000);
    expect(sample.value.messagesPerSecond).toBeGreaterThanOrEqual(2);
    expect(sample.value.messagesPerSecond).toBeLessThanOrEqual(3);
  });

  it("stops pushing after unsubscribe", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    const leaver = await TestClient.hello(server.url, { name: "Leaver" });
    const stayer = await TestClient.hello(server.url, { name: "Stayer" });
    using _l = leaver.client;
    using _s = stayer.client;
    for (const c of [leaver.client, stayer.client]) {
      c.send({ type: "subscribe", topic: "stats" });
      await c.waitFor("subscribed");
    }
    await leaver.client.waitFor("data", () => true, 2_500);

    leaver.client.send({ type: "unsubscribe", topic: "stats", ref: "u1" });
    expect(await leaver.client.waitFor("unsubscribed")).toMatchObject({
      ref: "u1",
      topic: "stats",
    });
    const countAtUnsubscribe = dataOf(leaver.client).length;
    // Two more ticks reach the one still subscribed; none reaches the one who left.
    const ticksBefore = dataOf(stayer.client).length;
    await stayer.client.waitFor("data", (m) => dataOf(stayer.client).indexOf(m) >= ticksBefore + 1);
    expect(dataOf(leaver.client)).toHaveLength(countAtUnsubscribe);
  });
});
