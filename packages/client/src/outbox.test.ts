import type { ChatMessage } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { memoryStorage } from "./environment.js";
import { Outbox, type OutboxLink } from "./outbox.js";
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
  const written: string[] = [];
  // Offline until a test goes online; every write then fits the budget.
  let online = false;
  const link: OutboxLink = {
    live: () => online,
    pacer: { tryTake: () => true },
    write: (m) => written.push(m.type === "send" ? m.cid : m.type),
  };
  const outbox = new Outbox(
    storage,
    KEY,
    (entries) => events.push(entries.map((e) => `${e.cid}:${e.status}`)),
    link,
  );
  /** The room is joined: whatever is queued goes out. */
  const goOnline = (): void => {
    online = true;
    outbox.flush();
  };
  return { outbox, events, storage, written, goOnline };
}

const NO_CAPS: ReadonlySet<string> = new Set();

/** Queues a message whose text is its cid. */
function put(outbox: Outbox, cid: string, room = "general"): OutboxEntry {
  return outbox.add(room, cid, {}, { cid, now: 0, caps: NO_CAPS });
}

function stored(cid: string, seq: number, room = "general"): ChatMessage {
  const from = { id: "u_alice000000", name: "Alice" };
  return { room, id: `m${seq}`, seq, cid, from, text: cid, ts: 0 };
}

const tick = (): Promise<void> => new Promise((resolve) => queueMicrotask(resolve));

describe("Outbox", () => {
  it("sends a backlog in order once its room is live, announced once", () => {
    const { outbox, events, written, goOnline } = setup();
    put(outbox, "a");
    put(outbox, "b");
    goOnline();
    expect(written).toEqual(["a", "b"]);
    expect(events).toEqual([["a:queued"], ["a:queued", "b:queued"], ["a:sent", "b:sent"]]);
  });

  it("announces a new message once, already sent when its room is live", () => {
    const { outbox, events, goOnline } = setup();
    goOnline();
    expect(put(outbox, "a")).toMatchObject({ status: "sent" });
    expect(events).toEqual([["a:sent"]]);
  });

  it("refuses text the server would refuse, and keeps only the fields the node granted", () => {
    const { outbox } = setup();
    const at = { cid: "a", now: 0, caps: NO_CAPS };
    expect(() => outbox.add("general", "  ", {}, at)).toThrow(RangeError);
    expect(outbox.entries()).toEqual([]);
    const entry = outbox.add("general", "hi", { replyTo: "m1", thread: "m2" }, at);
    expect(entry).toEqual({
      cid: "a",
      room: "general",
      text: "hi",
      createdAt: 0,
      status: "queued",
    });
  });

  it("lets an ack go at once when the room's feed is already past it or the room is gone", () => {
    const { outbox } = setup();
    put(outbox, "a");
    put(outbox, "b", "random");
    outbox.ack("a", 4, 4); // the stored copy overtook the ack
    outbox.ack("b", 1, undefined); // the room was left: no copy will come
    expect(outbox.entries()).toEqual([]);
  });

  it("writes storage at most once per tick, however many changes it saw", async () => {
    const storage = countingStorage();
    const { outbox, goOnline } = setup(storage);
    for (let i = 0; i < 20; i += 1) put(outbox, `c${i}`);
    goOnline();
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
    const { outbox, goOnline } = setup(storage);
    goOnline();
    put(outbox, "a");
    await tick();
    outbox.ack("a", 1, 0);
    await tick();
    outbox.delivered("general", [stored("a", 1)]);
    await tick();
    expect([storage.writes, removes]).toEqual([1, 1]);
  });

  it("keeps an acked entry until its room delivers the stored copy", async () => {
    const { outbox, events } = setup();
    put(outbox, "a");
    outbox.ack("a", 7, 0);
    expect(outbox.entries()).toEqual([expect.objectContaining({ status: "acked", seq: 7 })]);
    outbox.delivered("other", [stored("a", 7, "other")]);
    expect(outbox.entries()).toHaveLength(1);
    outbox.delivered("general", [stored("x", 6), stored("a", 7)]);
    expect(outbox.entries()).toEqual([]);
    await tick();
    expect(events.at(-1)).toEqual([]);
  });

  it("drops an acked entry that a reset page has passed without including it", () => {
    const { outbox } = setup();
    put(outbox, "a");
    outbox.ack("a", 3, 0);
    outbox.delivered("general", [stored("y", 60), stored("z", 61)]);
    expect(outbox.entries()).toEqual([]);
  });

  it("leaves an unacked entry alone when a copy arrives (it is still re-sent and acked)", () => {
    const { outbox, goOnline } = setup();
    goOnline();
    put(outbox, "a");
    outbox.delivered("general", [stored("a", 5)]);
    expect(outbox.entries()).toEqual([expect.objectContaining({ cid: "a", status: "sent" })]);
  });

  it("forgets acked entries of a room that was left", () => {
    const { outbox } = setup();
    put(outbox, "a");
    put(outbox, "b", "random");
    outbox.ack("a", 1, 0);
    outbox.ack("b", 1, 0);
    outbox.dropAcked("general");
    expect(outbox.entries().map((e) => e.cid)).toEqual(["b"]);
  });

  it("persists only what the server may not have: a reload re-queues sent, skips acked", async () => {
    const storage = memoryStorage();
    const { outbox, goOnline } = setup(storage);
    put(outbox, "b");
    put(outbox, "a");
    goOnline();
    outbox.ack("b", 2, 0);
    await tick();
    const reloaded = setup(storage).outbox;
    expect(reloaded.entries()).toEqual([expect.objectContaining({ cid: "a", status: "queued" })]);
  });

  it("removes the persisted copy once nothing is left, and at once on clear", async () => {
    const storage = memoryStorage();
    const { outbox } = setup(storage);
    put(outbox, "a");
    await tick();
    expect(storage.getItem(KEY)).not.toBeNull();
    outbox.clear();
    expect(storage.getItem(KEY)).toBeNull();
    await tick();
    expect(storage.getItem(KEY)).toBeNull();
  });
});
