import { describe, expect, it } from "vitest";
import { TestClient, startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

/** A newcomer finds the emptied room in the directory and reads its three messages on joining. */
async function expectArchiveKept(url: string, name: string): Promise<void> {
  const { client } = await TestClient.hello(url, { name });
  using _ = client;
  client.send({ type: "rooms" });
  expect((await client.waitFor("rooms")).rooms).toContainEqual({
    room: "archive",
    online: 0,
    seq: 3,
  });
  expect((await client.join("archive")).messages.map((m) => m.text)).toEqual([
    "one",
    "two",
    "three",
  ]);
}

describe("room directory ([R7])", () => {
  it("lists public rooms with online counts and pushes room_update as users join, talk and leave", async () => {
    await using world = await testWorld();
    const watcher = await world.hello({ name: "Watcher" });
    watcher.client.send({ type: "rooms", ref: "r" });
    const reply = await watcher.client.waitFor("rooms");
    expect(reply).toMatchObject({
      ref: "r",
      rooms: [{ room: "general", online: 0, seq: 0 }],
      dms: [],
    });

    const alice = await world.hello({ name: "Alice" });
    const bob = await world.hello({ name: "Bob" });
    await alice.client.join("lounge");
    expect(await watcher.client.waitFor("room_update", (m) => m.room === "lounge")).toEqual({
      type: "room_update",
      room: "lounge",
      online: 1,
      seq: 0,
    });
    await bob.client.join("lounge");
    await watcher.client.waitFor("room_update", (m) => m.room === "lounge" && m.online === 2);
    alice.client.send({ type: "send", room: "lounge", cid: "c1", text: "hi" });
    await watcher.client.waitFor("room_update", (m) => m.room === "lounge" && m.seq === 1);
    alice.client.close();
    expect(
      await watcher.client.waitFor("room_update", (m) => m.room === "lounge" && m.online === 1),
    ).toMatchObject({ seq: 1 });

    // A DM room never appears in the public directory, and sockets that never asked get no updates.
    const room = `dm:${[alice.welcome.user.id, bob.welcome.user.id].sort().join(":")}`;
    await bob.client.join(room);
    bob.client.send({ type: "send", room, cid: "d1", text: "psst" });
    await bob.client.waitFor("ack", (m) => m.cid === "d1");
    bob.client.send({ type: "leave", room: "lounge" });
    await watcher.client.waitFor("room_update", (m) => m.room === "lounge" && m.online === 0);
    expect(watcher.client.received.some((m) => m.type === "room_update" && m.room === room)).toBe(
      false,
    );
    expect(bob.client.received.some((m) => m.type === "room_update")).toBe(false);
    watcher.client.send({ type: "rooms" });
    expect((await watcher.client.waitFor("rooms")).rooms.map((r) => r.room)).toEqual([
      "general",
      "lounge",
    ]);
  });

  it("coalesces a burst of messages into far fewer updates than messages", async () => {
    await using world = await testWorld({ users: ["Watcher", "Alice"] });
    const { Watcher: watcher, Alice: alice } = world.users;
    watcher.client.send({ type: "rooms" });
    await watcher.client.waitFor("rooms");
    await alice.client.join("general");
    for (let i = 1; i <= 50; i++) {
      alice.client.send({ type: "send", room: "general", cid: `c${i}`, text: `n${i}` });
    }
    await watcher.client.waitFor("room_update", (m) => m.seq === 50);
    const updates = watcher.client.received.filter((m) => m.type === "room_update");
    expect(updates.length).toBeLessThan(10);
  });

  it("keeps an empty room's history, across a restart too", async () => {
    using db = tempDb();
    {
      await using server = await startTestServer({ dbPath: db.path });
      const alice = await TestClient.hello(server.url, { name: "Alice" });
      await alice.client.join("archive");
      for (const text of ["one", "two", "three"]) {
        alice.client.send({ type: "send", room: "archive", cid: text, text });
      }
      await alice.client.waitFor("ack", (m) => m.cid === "three");
      alice.client.send({ type: "leave", room: "archive" });
      await alice.client.waitFor("left");
      await expectArchiveKept(server.url, "Bob");
    }
    await using restarted = await startTestServer({ dbPath: db.path });
    await expectArchiveKept(restarted.url, "Carol");
  });
});
