import type { ChatMessage } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { memoryStorage } from "./environment.js";
import { Outbox } from "./outbox.js";
import type { KeyValueStorage, OutboxEntry } from "./types.js";

const KEY = "duplex:outbox";

function countingStorage(): KeyValueStorage & { writes: number } {
  const inner = memoryStorage();
  const storage = {
    writes: 0,
    getItem: (key: string) => inner.getItem(key),
    setItem(key: string, value: string) {
      storage.writes += 1;
      inner.setItem(key, value);
    },
    removeItem: (key: string) => inner.removeItem(key),
  };
  return storage;
}

function setup(storage: KeyValueStorage = countingStorage()) {
  const events: string[][] = [];
  const outbox = new Outbox(storage, KEY, (entries) =>
    events.push(entries.map((e) => `${e.cid}:${e.status}`)),
  );
  return { outbox, events, storage };
}

function entry(cid: string, room = "general"): OutboxEntry {
  return { cid, room, text: cid, createdAt: 0, status: "queued" };
}

function stored(cid: string, seq: number, room = "general"): ChatMessage {
  const from = { id: "u_alice000000", name: "Alice" };
  return { room, id: `m${seq}`, seq, cid, from, text: cid, ts: 0 };
}

const tick = (): Promise<void> => new Promise((resolve) => queueMicrotask(resolve));

describe("Outbox", () => {
  it("announces a batch of changes once", () => {
    const { outbox, events } = setup();
    outbox.batch(() => {
      outbox.add(entry("a"));
      outbox.add(entry("b"));
      outbox.setStatus("a", "sent");
      outbox.setStatus("b", "sent");
    });
    expect(events).toEqual([["a:sent", "b:sent"]]);
  });

  it("writes storage at most once per tick, however many changes it saw", async () => {
    const storage = countingStorage();
    const { outbox } = setup(storage);
    for (let i = 0; i < 20; i += 1) outbox.add(entry(`c${i}`));
    for (let i = 0; i < 20; i += 1) outbox.setStatus(`c${i}`, "sent");
    expect(storage.writes).toBe(0);
    await tick();
    expect(storage.writes).toBe(1);
    expect(JSON.parse(storage.getItem(KEY) ?? "[]")).toHaveLength(20);
  });

  it("writes twice for one message: when it is sent, and when the ack takes it out of storage", async () => {
    const storage = countingStorage();
    let removes = 0;
    const remove = storage.removeItem;
    storage.removeItem = (key) => {
      removes += 1;
      remove(key);
    };
    const { outbox } = setup(storage);
    outbox.batch(() => {
      outbox.add(entry("a"));
      outbox.setStatus("a", "sent");
    });
    await tick();
    outbox.ack("a", 1);
    await tick();
    outbox.delivered("general", [stored("a", 1)]);
    await tick();
    expect([storage.writes, removes]).toEqual([1, 1]);
  });

  it("keeps an acked entry until its room delivers the stored copy", () => {
    const { outbox, events } = setup();
    outbox.add(entry("a"));
    outbox.ack("a", 7);
    expect(outbox.entries()).toEqual([expect.objectContaining({ status: "acked", seq: 7 })]);
    outbox.delivered("other", [stored("a", 7, "other")]);
    expect(outbox.entries()).toHaveLength(1);
    outbox.delivered("general", [stored("x", 6), stored("a", 7)]);
    expect(outbox.entries()).toEqual([]);
    expect(events.at(-1)).toEqual([]);
  });

  it("drops an acked entry that a reset page has passed without including it", () => {
    const { outbox } = setup();
    outbox.add(entry("a"));
    outbox.ack("a", 3);
    outbox.delivered("general", [stored("y", 60), stored("z", 61)]);
    expect(outbox.entries()).toEqual([]);
  });

  it("leaves an unacked entry alone when a copy arrives (it is still re-sent and acked)", () => {
    const { outbox } = setup();
    outbox.add(entry("a"));
    outbox.setStatus("a", "sent");
    outbox.delivered("general", [stored("a", 5)]);
    expect(outbox.entries()).toEqual([expect.objectContaining({ cid: "a", status: "sent" })]);
  });

  it("forgets acked entries of a room that was left", () => {
    const { outbox } = setup();
    outbox.add(entry("a"));
    outbox.add(entry("b", "random"));
    outbox.ack("a", 1);
    outbox.ack("b", 1);
    outbox.dropAcked("general");
    expect(outbox.entries().map((e) => e.cid)).toEqual(["b"]);
  });

  it("persists only what the server may not have: a reload re-queues sent, skips acked", async () => {
    const storage = memoryStorage();
    const { outbox } = setup(storage);
    outbox.add(entry("a"));
    outbox.add(entry("b"));
    outbox.setStatus("a", "sent");
    outbox.ack("b", 2);
    await tick();
    const reloaded = setup(storage).outbox;
    expect(reloaded.entries()).toEqual([expect.objectContaining({ cid: "a", status: "queued" })]);
  });

  it("removes the persisted copy once nothing is left, and at once on clear", async () => {
    const storage = memoryStorage();
    const { outbox } = setup(storage);
    outbox.add(entry("a"));
    await tick();
    expect(storage.getItem(KEY)).not.toBeNull();
    outbox.clear();
    expect(storage.getItem(KEY)).toBeNull();
    await tick();
    expect(storage.getItem(KEY)).toBeNull();
  });
});
