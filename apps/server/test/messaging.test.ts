import Database from "better-sqlite3";
import { LIMITS } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { TestClient, startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

describe("rooms and messages", () => {
  it("acks a send to the sender and fans it out to all three members, sender included", async () => {
    await using world = await testWorld();
    const [a, b, c] = await Promise.all(
      ["Alice", "Bob", "Carol"].map((name) => world.hello({ name })),
    );
    if (!a || !b || !c) throw new Error("clients missing");
    using _a = a.client;
    using _b = b.client;
    using _c = c.client;
    for (const { client } of [a, b, c]) await client.join("general");

    a.client.send({ type: "send", room: "general", cid: "c-1", text: "hi all", ref: "s1" });
    const ack = await a.client.waitFor("ack");
    expect(ack).toMatchObject({ ref: "s1", room: "general", cid: "c-1", seq: 1 });
    for (const { client } of [a, b, c]) {
      const message = await client.waitFor("message");
      expect(message).toMatchObject({
        room: "general",
        id: ack.id,
        seq: 1,
        cid: "c-1",
        text: "hi all",
        ts: ack.ts,
        from: a.welcome.user,
      });
    }
  });

  it("answers a burst of requests in the order they were sent, sends committed together included", async () => {
    await using world = await testWorld();
    const { client } = await world.hello({ name: "Alice" });
    await client.join("general");
    client.send({ type: "send", room: "general", cid: "c1", text: "one", ref: "s1" });
    client.send({ type: "send", room: "general", cid: "c2", text: "two", ref: "s2" });
    client.send({ type: "send", room: "elsewhere", cid: "c3", text: "not joined", ref: "s3" });
    client.send({ type: "history", room: "general", ref: "h" });
    client.send({ type: "send", room: "general", cid: "c4", text: "four", ref: "s4" });
    await client.waitFor("ack", (m) => m.ref === "s4");
    const replies = client.received.filter((m) => "ref" in m && m.ref !== undefined);
    expect(replies.map((m) => `${m.type} ${"ref" in m ? m.ref : ""}`)).toEqual([
      "ack s1",
      "ack s2",
      "error s3",
      "history h",
      "ack s4",
    ]);
    // The history was read after the sends before it had committed.
    const history = replies[3];
    expect(history?.type === "history" && history.messages.map((m) => m.text)).toEqual([
      "one",
      "two",
    ]);
    const seqs = replies.flatMap((m) => (m.type === "ack" ? [m.seq] : []));
    expect(seqs).toEqual([1, 2, 3]);
  });

  it("stores a repeated cid once and acks it again with the original id, seq and ts", async () => {
    await using world = await testWorld();
    const { client } = await TestClient.hello(world.server.url, { name: "Alice" });
    using _ = client;
    await client.join("general");
    client.send({ type: "send", room: "general", cid: "dup", text: "once" });
    const first = await client.waitFor("ack");
    client.send({ type: "send", room: "general", cid: "dup", text: "once" });
    const second = await client.waitFor("ack");
    expect(second).toEqual(first);
    await client.roundTrip();
    expect(client.received.filter((m) => m.type === "message")).toHaveLength(1);

    const sqlite = new Database(world.dbPath, { readonly: true });
    const { n } = sqlite.prepare("SELECT COUNT(*) AS n FROM messages WHERE cid = 'dup'").get() as {
      n: number;
    };
    sqlite.close();
    expect(n).toBe(1);
  });

  it("keeps history across a server restart on the same database file", async () => {
    using db = tempDb();
    {
      await using server = await startTestServer({ dbPath: db.path });
      const { client } = await TestClient.hello(server.url, { name: "Alice" });
      using _ = client;
      await client.join("general");
      for (let i = 1; i <= 3; i++) {
        client.send({ type: "send", room: "general", cid: `c${i}`, text: `message ${i}` });
        await client.waitFor("ack");
      }
    }
    await using server = await startTestServer({ dbPath: db.path });
    const { client } = await TestClient.hello(server.url, { name: "Bob" });
    using _ = client;
    client.send({ type: "history", room: "general", ref: "h" });
    const history = await client.waitFor("history");
    expect(history.messages.map((m) => m.text)).toEqual(["message 1", "message 2", "message 3"]);
    expect(history).toMatchObject({ ref: "h", hasMore: false });
    const joined = await client.join("general");
    expect(joined.seq).toBe(3);
    expect(joined.messages).toHaveLength(3);
  });

  it("joins with the latest page and pages back through history", async () => {
    await using world = await testWorld();
    const { client } = await world.hello({ name: "Alice" });
    await client.join("busy");
    const total = LIMITS.joinedPageSize + 10;
    for (let i = 1; i <= total; i++) {
      client.send({ type: "send", room: "busy", cid: `c${i}`, text: `m${i}` });
    }
    await client.waitFor("ack", (m) => m.seq === total);
    const joined = await world.hello().then(async ({ client: other }) => {
      const reply = await other.join("busy");
      other.close();
      return reply;
    });
    expect(joined.messages).toHaveLength(LIMITS.joinedPageSize);
    expect(joined.messages[0]?.seq).toBe(11);
    expect(joined).toMatchObject({ seq: total, hasMore: true });

    client.send({ type: "history", room: "busy", before: 11, limit: 5 });
    const page = await client.waitFor("history");
    expect(page.messages.map((m) => m.seq)).toEqual([6, 7, 8, 9, 10]);
    expect(page.hasMore).toBe(true);
  });

  it("relays typing to the other members but not back to the typist", async () => {
    await using world = await testWorld({ users: ["Alice", "Bob"], rooms: ["general"] });
    const { Alice: a, Bob: b } = world.users;
    a.client.send({ type: "typing", room: "general" });
    expect(await b.client.waitFor("typing")).toMatchObject({
      room: "general",
      user: a.welcome.user,
    });
    await a.client.roundTrip();
    expect(a.client.received.some((m) => m.type === "typing")).toBe(false);
  });

  it("lists public rooms with online counts and their seq, never DM rooms", async () => {
    await using world = await testWorld({ users: ["Alice", "Bob"], rooms: ["lobby"] });
    const { Alice: a, Bob: b } = world.users;
    a.client.send({ type: "send", room: "lobby", cid: "x", text: "x" });
    await a.client.waitFor("ack");
    const dm = `dm:${[a.welcome.user.id, b.welcome.user.id].sort().join(":")}`;
    await a.client.join(dm);
    a.client.send({ type: "rooms", ref: "dir" });
    const { rooms, ref } = await a.client.waitFor("rooms");
    expect(ref).toBe("dir");
    expect(rooms).toEqual([
      { room: "general", online: 0, seq: 0 },
      { room: "lobby", online: 2, seq: 1 },
    ]);
  });

  it("leaves a room: replies left and stops delivering its messages", async () => {
    await using world = await testWorld({ users: ["Alice", "Bob"], rooms: ["general"] });
    const { Alice: a, Bob: b } = world.users;
    b.client.send({ type: "leave", room: "general", ref: "bye" });
    expect(await b.client.waitFor("left")).toEqual({ type: "left", ref: "bye", room: "general" });
    a.client.send({ type: "send", room: "general", cid: "after", text: "after leave" });
    await a.client.waitFor("message");
    await b.client.roundTrip();
    expect(b.client.received.some((m) => m.type === "message")).toBe(false);
  });
});
