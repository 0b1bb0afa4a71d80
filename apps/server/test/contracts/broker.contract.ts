import { describe, expect, it, vi } from "vitest";
import type { Broker } from "../../src/broker/Broker.js";
import { freshEachTest } from "./contractFixtures.js";

/** The behaviour every {@link Broker} must have. Delivery may be asynchronous, so tests wait for it. */
export function brokerContract(name: string, create: () => Promise<Broker>): void {
  describe(`Broker contract: ${name}`, () => {
    let broker: Broker;
    freshEachTest(create, (b) => (broker = b));

    it("delivers a payload to every subscriber of the channel, in publish order", async () => {
      const a: string[] = [];
      const b: string[] = [];
      await broker.subscribe("room:x", (p) => a.push(p));
      await broker.subscribe("room:x", (p) => b.push(p));
      await broker.publish("room:x", "one");
      await broker.publish("room:x", "two");
      await vi.waitFor(() => expect(a).toEqual(["one", "two"]));
      await vi.waitFor(() => expect(b).toEqual(["one", "two"]));
    });

    it("does not deliver other channels' payloads", async () => {
      const got: string[] = [];
      await broker.subscribe("room:x", (p) => got.push(p));
      await broker.publish("room:y", "elsewhere");
      await broker.publish("room:x", "here");
      await vi.waitFor(() => expect(got).toEqual(["here"]));
    });

    it("stops delivering after unsubscribe", async () => {
      const got: string[] = [];
      const unsubscribe = await broker.subscribe("room:x", (p) => got.push(p));
      await broker.publish("room:x", "before");
      await vi.waitFor(() => expect(got).toEqual(["before"]));
      await unsubscribe();
      const marker: string[] = [];
      await broker.subscribe("room:x", (p) => marker.push(p));
      await broker.publish("room:x", "after");
      await vi.waitFor(() => expect(marker).toEqual(["after"]));
      expect(got).toEqual(["before"]);
    });

    it("publishing to a channel nobody subscribed to succeeds", async () => {
      await expect(broker.publish("room:none", "x")).resolves.toBeUndefined();
    });
  });
}
