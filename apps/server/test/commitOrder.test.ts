import { describe, expect, it } from "vitest";
import { testWorld } from "./support/testWorld.js";

const SENDERS = 6;
const BURST = 25;

describe("one node publishes chat messages in commit order", () => {
  it("delivers every burst in seq order and never reads the store to fill a gap", async () => {
    await using world = await testWorld({ config: { nodeId: "node-o" } });
    const { client: reader } = await world.hello({ name: "Reader" });
    using _reader = reader;
    await reader.join("busy");
    const senders = await Promise.all(
      Array.from({ length: SENDERS }, async (_, i) => {
        const { client } = await world.hello({ name: `Sender${i}` });
        await client.join("busy");
        return client;
      }),
    );
    try {
      // Every socket pipelines a burst, so each has earlier sends still finishing when a later
      // commit of another socket is done: the case that published seq n+1 before seq n.
      for (let round = 0; round < BURST; round++) {
        for (const [i, sender] of senders.entries()) {
          sender.send({ type: "send", room: "busy", cid: `c${i}-${round}`, text: `m ${round}` });
        }
      }
      const total = SENDERS * BURST;
      await reader.waitFor("message", (m) => m.seq === total, 10_000);
      const seqs = reader.received.flatMap((m) => (m.type === "message" ? [m.seq] : []));
      expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));

      const text = await (await fetch(`${world.server.httpUrl}/metrics`)).text();
      expect(text).toContain('duplex_gap_fills_total{node="node-o"} 0');
      expect(text).toContain('duplex_broker_duplicates_dropped_total{node="node-o"} 0');
    } finally {
      for (const sender of senders) sender.close();
    }
  });
});
