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

describe("a reply and a thread reply are linked with their append", () => {
  it("reaches every reader with its quote and thread, in seq order, among pipelined sends", async () => {
    await using world = await testWorld({ config: { nodeId: "node-l" } });
    const caps = ["replies", "threads"] as const;
    const { client: reader } = await world.hello({ name: "Reader", caps: [...caps] });
    using _reader = reader;
    const { client: sender } = await world.hello({ name: "Sender", caps: [...caps] });
    using _sender = sender;
    const { client: other } = await world.hello({ name: "Other", caps: [...caps] });
    using _other = other;
    for (const client of [reader, sender, other]) await client.join("links");
    sender.send({ type: "send", room: "links", cid: "root", text: "the root" });
    const root = await sender.waitFor("ack", (m) => m.cid === "root");

    // Both sockets pipeline: plain sends of `other` commit in the same turns as the linked ones.
    for (let i = 0; i < 20; i++) {
      other.send({ type: "send", room: "links", cid: `o${i}`, text: `plain ${i}` });
      sender.send({
        type: "send",
        room: "links",
        cid: `rep${i}`,
        text: `re ${i}`,
        replyTo: root.id,
      });
      sender.send({
        type: "send",
        room: "links",
        cid: `thr${i}`,
        text: `th ${i}`,
        thread: root.id,
      });
    }
    const total = 1 + 60;
    await reader.waitFor("message", (m) => m.seq === total, 10_000);
    const messages = reader.received.flatMap((m) => (m.type === "message" ? [m] : []));
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const replies = messages.filter((m) => m.cid.startsWith("rep"));
    expect(replies).toHaveLength(20);
    for (const m of replies)
      expect(m.replyTo).toMatchObject({ messageId: root.id, excerpt: "the root" });
    const threaded = messages.filter((m) => m.cid.startsWith("thr"));
    expect(threaded).toHaveLength(20);
    for (const m of threaded) expect(m.thread).toEqual({ root: root.id });
    await reader.waitFor("thread_summary", (m) => m.summary.replyCount === 20);

    const text = await (await fetch(`${world.server.httpUrl}/metrics`)).text();
    expect(text).toContain('duplex_gap_fills_total{node="node-l"} 0');
  });
});
