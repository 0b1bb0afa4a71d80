import type { ChatMessage } from "@duplex/protocol";
import { once } from "node:events";
import { connect, createServer, type AddressInfo } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { createLogger } from "../logger.js";
import { RoomSequencer, type SequenceSource } from "./roomSequencer.js";
import { storeSequenceSource } from "./storeSequenceSource.js";

const message = (seq: number): ChatMessage => ({
  id: `m_${seq}`,
  room: "r",
  seq,
  ts: seq,
  cid: `c${seq}`,
  from: { id: "u_aaaaaaaaaaaaaaaa", name: "A" },
  text: `t${seq}`,
});

function setup(committed: number) {
  const log: ChatMessage[] = Array.from({ length: committed }, (_, i) => message(i + 1));
  const source: SequenceSource = {
    head: async () => log.length,
    after: async (_room, since, limit) => log.filter((m) => m.seq > since).slice(0, limit),
  };
  const out: string[] = [];
  const sequencer = new RoomSequencer<string>({
    source,
    log: createLogger("silent"),
    deliver: (_room, item) => out.push(item),
    fromStore: (m) => `store:${m.seq}`,
  });
  return { log, out, sequencer };
}

describe("RoomSequencer", () => {
  it("starts after the store's head and drops what the head already covers", async () => {
    const { out, sequencer } = setup(3);
    await sequencer.open("r");
    sequencer.receive("r", 2, "broker:2");
    sequencer.receive("r", 4, "broker:4");
    await sequencer.idle();
    expect(out).toEqual(["broker:4"]);
  });

  it("fills a jump from the store before delivering, then drops the late duplicate", async () => {
    const { log, out, sequencer } = setup(0);
    await sequencer.open("r");
    log.push(message(1), message(2), message(3));
    sequencer.receive("r", 3, "broker:3");
    sequencer.receive("r", 1, "broker:1");
    await sequencer.idle();
    expect(out).toEqual(["store:1", "store:2", "broker:3"]);
    expect(sequencer.counters).toEqual({ gapFilled: 2, dropped: 1, reordered: 0 });
  });

  it("keeps unsequenced items in order behind a gap being filled", async () => {
    const { log, out, sequencer } = setup(0);
    await sequencer.open("r");
    log.push(message(1), message(2));
    sequencer.receive("r", 2, "broker:2");
    sequencer.receive("r", undefined, "presence");
    await sequencer.idle();
    expect(out).toEqual(["store:1", "broker:2", "presence"]);
  });

  it("catchUpAll delivers a lost tail that no later message would reveal", async () => {
    const { log, out, sequencer } = setup(0);
    await sequencer.open("r");
    log.push(message(1), message(2));
    sequencer.catchUpAll();
    await sequencer.idle();
    expect(out).toEqual(["store:1", "store:2"]);
  });

  it("the periodic check leaves a message committed since the last check to its publish", async () => {
    const { log, out, sequencer } = setup(0);
    await sequencer.open("r");
    log.push(message(1)); // committed; its publish (with links written after the commit) is on its way
    sequencer.catchUpSettled();
    await sequencer.idle();
    expect(out).toEqual([]);
    sequencer.receive("r", 1, "broker:1");
    log.push(message(2)); // committed, publish lost
    sequencer.catchUpSettled();
    await sequencer.idle();
    expect(out).toEqual(["broker:1"]);
    sequencer.catchUpSettled(); // a whole interval later: the lost one comes from the store
    await sequencer.idle();
    expect(out).toEqual(["broker:1", "store:2"]);
  });
});

describe("RoomSequencer with a grace for reordered publishes", () => {
  function graced(committed: number, gapGraceMs: number) {
    const reads: number[] = [];
    const log: ChatMessage[] = Array.from({ length: committed }, (_, i) => message(i + 1));
    const out: string[] = [];
    const sequencer = new RoomSequencer<string>({
      source: {
        head: async () => log.length,
        after: async (_room, since, limit) => {
          reads.push(since);
          return log.filter((m) => m.seq > since).slice(0, limit);
        },
      },
      log: createLogger("silent"),
      deliver: (_room, item) => out.push(item),
      fromStore: (m) => `store:${m.seq}`,
      gapGraceMs,
    });
    return { log, out, reads, sequencer };
  }

  it("delivers two nodes' publishes that crossed in seq order without reading the store", async () => {
    const { log, out, reads, sequencer } = graced(0, 10_000);
    await sequencer.open("r");
    log.push(message(1), message(2), message(3));
    sequencer.receive("r", 3, "broker:3");
    sequencer.receive("r", 2, "broker:2");
    sequencer.receive("r", undefined, "presence");
    sequencer.receive("r", 1, "broker:1");
    await sequencer.idle();
    expect(out).toEqual(["broker:1", "broker:2", "broker:3", "presence"]);
    expect(reads).toEqual([]);
    expect(sequencer.counters).toEqual({ gapFilled: 0, dropped: 0, reordered: 2 });
  });

  it("reads what never arrives from the store once the grace is over", async () => {
    const { log, out, reads, sequencer } = graced(0, 20);
    await sequencer.open("r");
    log.push(message(1), message(2), message(3));
    sequencer.receive("r", 3, "broker:3");
    sequencer.receive("r", 1, "broker:1");
    await sequencer.idle();
    expect(out).toEqual(["broker:1", "store:2", "broker:3"]);
    expect(reads).toEqual([1]);
    expect(sequencer.counters).toEqual({ gapFilled: 1, dropped: 0, reordered: 1 });
  });
  it("takes a publish that waited unread behind a busy loop for a late one, not a loss", async () => {
    const { log, out, reads, sequencer } = graced(0, 20);
    await sequencer.open("r");
    log.push(message(1), message(2));
    // Seq 2 arrives first; seq 1 is already in a socket's buffer when the loop is held past the
    // grace, so the grace's timer fires before the read that carries it.
    const server = createServer((socket) => socket.end("1"));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    const client = connect(port, "127.0.0.1");
    client.on("data", () => sequencer.receive("r", 1, "broker:1"));
    await once(client, "connect");
    sequencer.receive("r", 2, "broker:2");
    await new Promise((resolve) => setImmediate(resolve));
    const until = Date.now() + 60;
    while (Date.now() < until); // the loop is busy; "1" reaches the client's socket meanwhile
    await vi.waitFor(() => expect(out).toEqual(["broker:1", "broker:2"]));
    expect(reads).toEqual([]);
    expect(sequencer.counters).toEqual({ gapFilled: 0, dropped: 0, reordered: 1 });
    client.destroy();
    server.close();
  });
  it("waits longer once a seq it read from the store arrives from the broker after all", async () => {
    // Graces far above the 30 ms pause below, so a slow machine's late timer cannot decide the test.
    const { log, out, reads, sequencer } = graced(0, 100);
    await sequencer.open("r");
    log.push(message(1), message(2), message(3), message(4));
    sequencer.receive("r", 2, "broker:2");
    await vi.waitFor(() => expect(out).toEqual(["store:1", "broker:2"]));
    sequencer.receive("r", 1, "broker:1"); // late, not lost: the grace was too short
    expect(sequencer.graceMs).toBe(200);

    // The next jump waits the longer grace (and no lossy second skips it): 30 ms is in time.
    sequencer.receive("r", 4, "broker:4");
    await new Promise((resolve) => setTimeout(resolve, 30));
    sequencer.receive("r", 3, "broker:3");
    await sequencer.idle();
    expect(out).toEqual(["store:1", "broker:2", "broker:3", "broker:4"]);
    expect(reads).toEqual([0]);
    expect(sequencer.counters).toEqual({ gapFilled: 1, dropped: 1, reordered: 1 });
  });

  it("keeps its grace when what it read from the store never comes from the broker", async () => {
    const { log, sequencer } = graced(0, 20);
    await sequencer.open("r");
    log.push(message(1), message(2), message(3));
    sequencer.receive("r", 2, "broker:2");
    await sequencer.idle();
    sequencer.receive("r", 2, "broker:2 again"); // a repeat of a broker copy says nothing
    expect(sequencer.graceMs).toBe(20);
  });
});

describe("storeSequenceSource", () => {
  it("reads a reply and a thread reply back with their quote and thread, as published live", async () => {
    const stored = [message(1), message(2), message(3)];
    const quote = { messageId: "m_1", seq: 1, from: { id: "u_1", name: "Ann" }, excerpt: "hi" };
    const source = storeSequenceSource({
      getRoom: async () => undefined,
      after: async (_room, since) => stored.filter((m) => m.seq > since),
      threads: {
        threadRefs: async (ids) =>
          new Map(ids.includes("m_2") ? [["m_2", { root: "m_1", alsoToRoom: false }]] : []),
      },
      replies: {
        replyRefs: async (ids) => new Map(ids.includes("m_3") ? [["m_3", quote]] : []),
      },
    });
    const filled = await source.after("r", 0, 10);
    expect(filled.map((m) => m.thread)).toEqual([undefined, { root: "m_1" }, undefined]);
    expect(filled.map((m) => m.replyTo)).toEqual([undefined, undefined, quote]);
  });
});
