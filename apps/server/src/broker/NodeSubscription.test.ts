import { describe, expect, it } from "vitest";
import { InProcessBroker } from "./InProcessBroker.js";
import { NodeSubscription } from "./NodeSubscription.js";

describe("NodeSubscription", () => {
  it("hears a channel once however often it starts, and nothing after it stops", async () => {
    const broker = new InProcessBroker();
    const heard: string[] = [];
    const channel = new NodeSubscription(broker, "c", (payload) => heard.push(payload));
    expect(channel.active).toBe(false);
    await Promise.all([channel.start(), channel.start()]);
    expect(channel.active).toBe(true);
    await broker.publish("c", "one");
    await channel.stop();
    await channel.stop();
    await broker.publish("c", "two");
    expect(heard).toEqual(["one"]);
    expect(channel.active).toBe(false);
  });
});
