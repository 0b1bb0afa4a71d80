import { describe, expect, it } from "vitest";
import { advance, flush, harness, useFakeTimersPerTest } from "../test/harness.js";

useFakeTimersPerTest();

type Harness = ReturnType<typeof harness>;

const texts = (h: Harness, room = "general") => h.delivered.get(room)?.map((m) => m.text) ?? [];

/** A client that joined "general" (where `earlier` was already said) and got its first page. */
async function inGeneral(...earlier: string[]): Promise<Harness> {
  const h = harness();
  for (const text of earlier) h.peer.publish("general", text);
  h.client.join("general");
  h.client.connect();
  await flush();
  return h;
}

/** The server drops the socket; the client notices. */
async function dropped(h: Harness): Promise<void> {
  h.peer.last.drop();
  await flush();
}

/** The page is reloaded: a new client instance on the same server and storage as `first`. */
async function reloaded(first: Harness, options: { resume?: true } = {}): Promise<Harness> {
  const second = harness({}, { peer: first.peer, storage: first.storage });
  second.client.join("general", options);
  second.client.connect();
  await flush();
  return second;
}

describe("room feeds: resume, gaps and duplicates", () => {
  it("delivers the first join's page as a reset, then live messages", async () => {
    const h = await inGeneral("old 1", "old 2");
    expect(h.delivered.get("general")).toEqual([
      { seq: 1, text: "old 1", reset: true },
      { seq: 2, text: "old 2", reset: true },
    ]);
    h.peer.publish("general", "live");
    await flush();
    expect(h.delivered.get("general")?.at(-1)).toEqual({ seq: 3, text: "live", reset: false });
  });

  it("replays only the messages missed while offline, with since = last seq + epoch", async () => {
    const h = await inGeneral("before");
    await dropped(h);
    h.peer.publish("general", "missed 1");
    h.peer.publish("general", "missed 2");
    await advance(1000);
    const join = h.peer.last.received.find((m) => m.type === "join");
    expect(join).toMatchObject({ room: "general", since: { seq: 1, epoch: "e1" } });
    expect(h.delivered.get("general")).toEqual([
      { seq: 1, text: "before", reset: true },
      { seq: 2, text: "missed 1", reset: false },
      { seq: 3, text: "missed 2", reset: false },
    ]);
  });

  it("reloads the room (reset) when the epoch is stale", async () => {
    const h = await inGeneral("from the old store");
    await dropped(h);
    h.peer.rooms.set("general", { epoch: "e2", messages: [] });
    h.peer.publish("general", "new store 1");
    await advance(1000);
    expect(h.delivered.get("general")).toEqual([{ seq: 1, text: "new store 1", reset: true }]);
  });

  it("never delivers a message twice", async () => {
    const h = await inGeneral();
    const m = h.peer.publish("general", "once");
    h.peer.last.push({ type: "message", ...m });
    h.peer.last.push({ type: "message", ...m });
    await flush();
    expect(texts(h)).toEqual(["once"]);
  });

  it("holds a message after a gap and fills the gap with history first", async () => {
    const h = await inGeneral();
    h.peer.publish("general", "lost 1", { deliver: false });
    h.peer.publish("general", "lost 2", { deliver: false });
    h.peer.publish("general", "arrives");
    await flush();
    const history = h.peer.last.received.find((m) => m.type === "history");
    expect(history).toMatchObject({ room: "general", before: 3, limit: 2 });
    expect(h.delivered.get("general")?.map((m) => [m.seq, m.reset])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);
  });

  it("fills a gap larger than one history page, page by page", async () => {
    const h = await inGeneral();
    for (let i = 1; i <= 250; i += 1) h.peer.publish("general", `lost ${i}`, { deliver: false });
    h.peer.publish("general", "arrives");
    await flush();
    const seqs = h.delivered.get("general")?.map((m) => m.seq) ?? [];
    expect(seqs).toEqual(Array.from({ length: 251 }, (_, i) => i + 1));
    expect(h.peer.last.received.filter((m) => m.type === "history")).toHaveLength(3);
  });

  it("a new client instance (reload) starts with the latest page, not a resume", async () => {
    const first = await inGeneral("seen");
    first.client.close();
    const second = await reloaded(first);
    expect(second.peer.last.received.find((m) => m.type === "join")).not.toHaveProperty("since");
    expect(second.delivered.get("general")).toEqual([{ seq: 1, text: "seen", reset: true }]);
  });

  it("join(room, {resume: true}) resumes from the persisted position after a reload", async () => {
    const first = await inGeneral("seen");
    first.client.close();
    first.peer.publish("general", "new");
    const second = await reloaded(first, { resume: true });
    expect(second.delivered.get("general")).toEqual([{ seq: 2, text: "new", reset: false }]);
  });

  it("leave() stops the rejoin", async () => {
    const h = harness();
    h.client.join("general");
    h.client.join("random");
    h.client.connect();
    await flush();
    h.client.leave("random");
    expect(h.client.joinedRooms).toEqual(["general"]);
    h.peer.last.drop();
    await advance(1000);
    const joins = h.peer.last.received.filter((m) => m.type === "join");
    expect(joins.map((m) => (m.type === "join" ? m.room : ""))).toEqual(["general"]);
  });
});
