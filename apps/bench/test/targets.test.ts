import { describe, expect, it, vi } from "vitest";
import { duplexClusterTarget } from "../src/adapters/duplexClusterTarget.js";
import { duplexAvailable, duplexTarget } from "../src/adapters/duplexTarget.js";
import { rawWsTarget } from "../src/adapters/rawWsTarget.js";
import { socketIoTarget } from "../src/adapters/socketIoTarget.js";
import type { Target } from "../src/adapters/target.js";
import { closeAll, connectClients } from "../src/scenarios/connectClients.js";
import { startedTarget } from "./startedTarget.js";
import { Deliveries } from "../src/wire/deliveries.js";
import { stampedText } from "../src/wire/payload.js";

const targets: Target[] = [
  rawWsTarget,
  socketIoTarget,
  ...(duplexAvailable() ? [duplexTarget] : []),
  // Receivers alternate between its two nodes: half of them get each message through Redis.
  duplexClusterTarget,
];

describe.each(targets)("$name through the raw generator client", (target) => {
  const running = startedTarget(target);
  const ports = () => running().ports ?? running().port;

  it("delivers every message to every receiver in the room, and none to another room", async () => {
    const inRoom = new Deliveries(1);
    const elsewhere = new Deliveries(1);
    const seats = (room: string, n: number, from: number) =>
      Array.from({ length: n }, (_, i) => ({ room, index: from + i }));
    const receivers = await connectClients(target, ports(), seats("alpha", 5, 0), inRoom);
    const other = await connectClients(target, ports(), seats("beta", 2, 10), elsewhere);
    const sender = await connectClients(target, ports(), seats("alpha", 1, 20), new Deliveries());
    expect([receivers.failures, other.failures, sender.failures]).toEqual([0, 0, 0]);
    try {
      const client = sender.clients[0];
      if (!client) throw new Error("no sender");
      for (let i = 0; i < 4; i++) client.send(target.sendPayload("alpha", stampedText()));
      // Every frame is sampled (sampleEvery 1), and only chat messages carry a stamp: Duplex's presence
      // frames for the joins above are counted as frames but not as samples.
      await vi.waitFor(() => expect(inRoom.latency.summary().samples).toBe(5 * 4), {
        timeout: 10_000,
      });
      expect(inRoom.count).toBeGreaterThanOrEqual(20);
      expect(elsewhere.latency.summary().samples).toBe(0);
    } finally {
      closeAll([...receivers.clients, ...other.clients, ...sender.clients]);
    }
  });
});
