import { describe, expect, it } from "vitest";
import { TestClient, startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

async function sendMany(client: TestClient, room: string, from: number, to: number): Promise<void> {
  for (let i = from; i <= to; i++) {
    client.send({ type: "send", room, cid: `c${i}`, text: `m${i}` });
  }
  await client.waitFor("ack", (m) => m.cid === `c${to}`);
}

describe("resume with join {since}", () => {
  it("replays exactly the messages missed, oldest first, with recovered: true", async () => {
    await using world = await testWorld();
    const writer = await world.hello({ name: "Writer" });
    await writer.client.join("general");
    await sendMany(writer.client, "general", 1, 3);

    const reader = await world.hello({ name: "Reader" });
    const first = await reader.client.join("general");
    reader.client.close();
    await sendMany(writer.client, "general", 4, 7);

    const back = await world.hello({ token: reader.welcome.token });
    const resumed = await back.client.join("general", { seq: first.seq, epoch: first.epoch });
    expect(resumed.recovered).toBe(true);
    expect(resumed.messages.map((m) => m.seq)).toEqual([4, 5, 6, 7]);
    expect(resumed).toMatchObject({ seq: 7, epoch: first.epoch });
  });

  it("replays nothing on three resumes in a row when nothing new was stored", async () => {
    await using world = await testWorld();
    const writer = await world.hello({ name: "Writer" });
    await writer.client.join("general");
    await sendMany(writer.client, "general", 1, 3);
    const head = await writer.client.join("general");

    const reader = await world.hello({ name: "Reader" });
    for (let i = 0; i < 3; i++) {
      const resumed = await reader.client.join("general", { seq: head.seq, epoch: head.epoch });
      expect(resumed).toMatchObject({ recovered: true, seq: 3, messages: [] });
    }
  });

  it("recovers across a server restart, since everything is in SQLite", async () => {
    using db = tempDb();
    let position: { seq: number; epoch: string };
    {
      await using server = await startTestServer({ dbPath: db.path });
      const { client } = await TestClient.hello(server.url, { name: "A" });
      using _ = client;
      await client.join("lobby");
      await sendMany(client, "lobby", 1, 2);
      const joined = await client.join("lobby");
      position = { seq: joined.seq, epoch: joined.epoch };
      await sendMany(client, "lobby", 3, 4);
    }
    await using server = await startTestServer({ dbPath: db.path });
    const { client } = await TestClient.hello(server.url, { name: "A" });
    using _ = client;
    const resumed = await client.join("lobby", position);
    expect(resumed.recovered).toBe(true);
    expect(resumed.messages.map((m) => m.text)).toEqual(["m3", "m4"]);
  });

  it("answers a stale epoch with recovered: false and the latest page", async () => {
    await using world = await testWorld();
    const { client } = await world.hello({ name: "A" });
    using _ = client;
    await client.join("general");
    await sendMany(client, "general", 1, 3);
    client.send({ type: "leave", room: "general" });
    await client.waitFor("left");
    const resumed = await client.join("general", { seq: 1, epoch: "an-old-epoch" });
    expect(resumed.recovered).toBe(false);
    expect(resumed.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it("answers a position ahead of the room with recovered: false", async () => {
    await using world = await testWorld();
    const { client } = await world.hello({ name: "A" });
    using _ = client;
    const joined = await client.join("general");
    client.send({ type: "leave", room: "general" });
    await client.waitFor("left");
    const resumed = await client.join("general", { seq: 99, epoch: joined.epoch });
    expect(resumed.recovered).toBe(false);
  });
});
