import { describe, expect, it } from "vitest";
import { testWorld } from "./support/testWorld.js";

describe("the stats topic", () => {
  it("pushes a sample per second to subscribers only", async () => {
    await using world = await testWorld();
    const watcher = await world.hello({ name: "Watcher" });
    const bystander = await world.hello({ name: "Bystander" });

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
    expect(bystander.client.receivedOf("data")).toEqual([]);
  });

  it("counts messages per second", async () => {
    await using world = await testWorld();
    const { client } = await world.hello({ name: "Sender" });
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
    await using world = await testWorld();
    const leaver = await world.hello({ name: "Leaver" });
    const stayer = await world.hello({ name: "Stayer" });
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
    const countAtUnsubscribe = leaver.client.receivedOf("data").length;
    // Two more ticks reach the one still subscribed; none reaches the one who left.
    const ticksBefore = stayer.client.receivedOf("data").length;
    await stayer.client.waitFor(
      "data",
      (m) => stayer.client.receivedOf("data").indexOf(m) >= ticksBefore + 1,
    );
    expect(leaver.client.receivedOf("data")).toHaveLength(countAtUnsubscribe);
  });
});
