import { Capability, LIMITS, dmRoomId, type ServerMessage } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { Clients, TestClient, startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

const RECEIPTS = [Capability.ReadReceipts];
const CHANGES = [Capability.Changes];
/** Past the window in which a reader's moves are gathered into one `seen` (a `seen` would be out). */
const PAST_THE_SEEN_WINDOW_MS = LIMITS.seenIntervalMs + 150;

async function post(client: TestClient, room: string, cid: string, text: string) {
  client.send({ type: "send", room, cid, text });
  return client.waitFor("ack", (m) => m.cid === cid);
}

/** Frames of `types` received after the last `joined` of `room` (what a join replayed). */
function afterJoined(client: TestClient, room: string, types: readonly string[]): ServerMessage[] {
  const at = client.received.findLastIndex((m) => m.type === "joined" && m.room === room);
  return client.received.slice(at + 1).filter((m) => types.includes(m.type));
}

describe("read receipts (SQLite, one node)", () => {
  it("keeps one forward-only cursor per user and room, synced to every tab, and carried by joined and rooms", async () => {
    await using world = await testWorld();
    const tab1 = await world.hello({ name: "Alice", caps: RECEIPTS });
    const tab2 = await world.hello({ token: tab1.welcome.token, caps: RECEIPTS });
    const bob = await world.hello({ name: "Bob" });
    await bob.client.join("general");
    for (const text of ["one", "two", "three"]) await post(bob.client, "general", text, text);
    expect((await tab1.client.join("general")).read).toEqual({ seq: 0, unread: 3 });
    await tab2.client.join("general");

    tab1.client.send({ type: "read", room: "general", seq: 2 });
    const expected = { type: "read_cursor", room: "general", seq: 2, unread: 1 };
    expect(await tab1.client.waitFor("read_cursor")).toEqual(expected);
    expect(await tab2.client.waitFor("read_cursor")).toEqual(expected);

    // Backwards, or beyond the head (read as the head): never below what was read.
    tab2.client.send({ type: "read", room: "general", seq: 1 });
    await tab2.client.roundTrip();
    tab2.client.send({ type: "read", room: "general", seq: 99 });
    expect(await tab1.client.waitFor("read_cursor")).toMatchObject({ seq: 3, unread: 0 });
    expect(tab1.client.received.filter((m) => m.type === "read_cursor")).toHaveLength(2);

    const later = await world.hello({ token: tab1.welcome.token, caps: RECEIPTS });
    later.client.send({ type: "rooms" });
    expect((await later.client.waitFor("rooms")).reads).toEqual([
      { room: "general", seq: 3, unread: 0 },
    ]);
    await post(bob.client, "general", "four", "four");
    expect((await later.client.join("general")).read).toEqual({ seq: 3, unread: 1 });
    // A v1 socket hears none of it.
    expect(bob.client.received.some((m) => m.type === "read_cursor")).toBe(false);
  });

  it("refuses a read cursor in a room not joined, and too many reads at once", async () => {
    await using world = await testWorld();
    const alice = await world.hello({ name: "Alice", caps: RECEIPTS });
    alice.client.send({ type: "read", room: "general", seq: 1 });
    expect((await alice.client.waitFor("error")).code).toBe("not_joined");
    await alice.client.join("general");
    for (let i = 0; i < 40; i++) alice.client.send({ type: "read", room: "general", seq: i });
    expect((await alice.client.waitFor("error")).code).toBe("rate_limited");
    await alice.client.roundTrip();
  });

  it("shows a DM partner's reads as seen, unless either side turned sharing off (then neither sees)", async () => {
    await using world = await testWorld();
    const alice = await world.hello({ name: "Alice", caps: RECEIPTS });
    const bob = await world.hello({ name: "Bob", caps: RECEIPTS });
    const dm = dmRoomId(alice.welcome.user.id, bob.welcome.user.id);
    await alice.client.join(dm);
    await bob.client.join(dm);
    expect((await alice.client.waitFor("prefs")).shareReceipts).toBe(true);
    const { seq } = await post(alice.client, dm, "c1", "are you there?");

    bob.client.send({ type: "read", room: dm, seq });
    expect(await alice.client.waitFor("seen")).toEqual({
      type: "seen",
      room: dm,
      user: bob.welcome.user,
      seq,
    });
    // A later join shows it too.
    const again = await world.hello({
      token: alice.welcome.token,
      caps: RECEIPTS,
    });
    expect((await again.client.join(dm)).readers).toEqual([{ user: bob.welcome.user, seq }]);

    // Bob stops sharing: his reads are not announced, and he sees nobody's.
    bob.client.send({ type: "set_prefs", shareReceipts: false, ref: "p1" });
    expect(await bob.client.waitFor("prefs", (m) => m.ref === "p1")).toMatchObject({
      shareReceipts: false,
    });
    const second = await post(alice.client, dm, "c2", "hello?");
    bob.client.send({ type: "read", room: dm, seq: second.seq });
    await bob.client.waitFor("read_cursor", (m) => m.seq === second.seq);
    const reply = await post(bob.client, dm, "c3", "here");
    alice.client.send({ type: "read", room: dm, seq: reply.seq });
    await alice.client.waitFor("read_cursor", (m) => m.seq === reply.seq);
    // Past the coalescing window, then a round trip on each: nothing was announced either way.
    await new Promise((resolve) => setTimeout(resolve, PAST_THE_SEEN_WINDOW_MS));
    await alice.client.roundTrip();
    await bob.client.roundTrip();
    expect(alice.client.received.filter((m) => m.type === "seen")).toHaveLength(1);
    expect(bob.client.received.some((m) => m.type === "seen")).toBe(false);
    expect((await bob.client.join(dm)).readers).toBeUndefined();
  });

  it("syncs notification preferences to the user's other tabs", async () => {
    await using world = await testWorld();
    const tab1 = await world.hello({ name: "Alice", caps: RECEIPTS });
    const tab2 = await world.hello({ token: tab1.welcome.token, caps: RECEIPTS });
    await tab2.client.waitFor("prefs");
    tab1.client.send({
      type: "set_prefs",
      dndUntil: 4_000_000_000_000,
      rooms: [{ room: "general", level: "mentions" }],
    });
    const synced = { shareReceipts: true, dndUntil: 4_000_000_000_000 };
    expect(await tab2.client.waitFor("prefs")).toMatchObject({
      ...synced,
      rooms: [{ room: "general", level: "mentions" }],
    });
    const tab3 = await world.hello({ token: tab1.welcome.token, caps: RECEIPTS });
    expect(await tab3.client.waitFor("prefs")).toMatchObject(synced);
  });
});

describe("change replay on resume", () => {
  it("replays the edits and deletes made while away exactly once, in order, across a restart", async () => {
    using db = tempDb();
    let resumeAt: { since: { seq: number; epoch: string }; changesSince: number };
    let ids: string[];
    {
      await using server = await startTestServer({ dbPath: db.path });
      using clients = new Clients();
      const alice = await clients.hello(server.url, { name: "Alice", caps: CHANGES });
      const bob = await clients.hello(server.url, { name: "Bob" });
      await bob.client.join("general");
      ids = [];
      for (const text of ["one", "two", "three"]) {
        ids.push((await post(bob.client, "general", text, text)).id);
      }
      bob.client.send({ type: "edit", room: "general", id: ids[0] as string, text: "one!" });
      await bob.client.waitFor("edited");
      const joined = await alice.client.join("general");
      expect(joined.changeSeq).toBe(1);
      resumeAt = { since: { seq: joined.seq, epoch: joined.epoch }, changesSince: 1 };
      alice.client.close();
      // While Alice is away: an edit, a delete, and an edit of the message deleted after.
      bob.client.send({ type: "edit", room: "general", id: ids[1] as string, text: "two!" });
      await bob.client.waitFor("edited");
      bob.client.send({ type: "edit", room: "general", id: ids[2] as string, text: "secret" });
      await bob.client.waitFor("edited");
      bob.client.send({ type: "delete", room: "general", id: ids[2] as string });
      await bob.client.waitFor("deleted");
    }
    await using server = await startTestServer({ dbPath: db.path });
    const alice = await TestClient.hello(server.url, { name: "Alice", caps: CHANGES });
    using _a = alice.client;
    alice.client.send({ type: "join", room: "general", ...resumeAt });
    const joined = await alice.client.waitFor("joined");
    expect(joined).toMatchObject({ recovered: true, messages: [] });
    await alice.client.roundTrip();
    const replayed = afterJoined(alice.client, "general", ["edited", "deleted"]);
    // The deleted message's edit left the log with its text: only the delete is replayed.
    expect(replayed).toEqual([
      expect.objectContaining({ type: "edited", id: ids[1], text: "two!", changeSeq: 2 }),
      expect.objectContaining({ type: "deleted", id: ids[2], changeSeq: 4 }),
    ]);
    expect(JSON.stringify(alice.client.received)).not.toContain("secret");

    // Resumed from the last change: nothing again.
    alice.client.send({ type: "leave", room: "general" });
    await alice.client.waitFor("left");
    alice.client.send({
      type: "join",
      room: "general",
      since: resumeAt.since,
      changesSince: 4,
    });
    await alice.client.waitFor("joined");
    await alice.client.roundTrip();
    expect(afterJoined(alice.client, "general", ["edited", "deleted"])).toEqual([]);
  });

  it("gives a v1 client that resumes with since the edits and deletes of messages it holds, as edited/deleted", async () => {
    await using world = await testWorld();
    const bob = await world.hello({ name: "Bob" });
    await bob.client.join("general");
    const first = await post(bob.client, "general", "c1", "one");
    const second = await post(bob.client, "general", "c2", "two");
    const v1 = await world.hello({ name: "Old" });
    const joined = await v1.client.join("general");
    v1.client.close();
    bob.client.send({ type: "edit", room: "general", id: first.id, text: "one, edited" });
    await bob.client.waitFor("edited");
    bob.client.send({ type: "delete", room: "general", id: second.id });
    await bob.client.waitFor("deleted");
    await post(bob.client, "general", "c3", "three");

    const back = await world.hello({ token: v1.welcome.token });
    const resumed = await back.client.join("general", { seq: joined.seq, epoch: joined.epoch });
    expect(resumed.recovered).toBe(true);
    expect(resumed.changeSeq).toBeUndefined();
    await back.client.roundTrip();
    expect(afterJoined(back.client, "general", ["edited", "deleted"])).toEqual([
      {
        type: "edited",
        room: "general",
        id: first.id,
        seq: first.seq,
        text: "one, edited",
        editedAt: expect.any(Number) as number,
      },
      { type: "deleted", room: "general", id: second.id, seq: second.seq },
    ]);
  });
});
