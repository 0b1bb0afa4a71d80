import { describe, expect, it } from "vitest";
import { Clients, TestClient, startTestServer, tempDb } from "./helpers.js";
import { postgresForSuite, requirePostgres } from "./support/postgres.js";
import { spawnServer } from "./support/serverProcess.js";

requirePostgres();

describe("two nodes on one Postgres (DATABASE_URL)", () => {
  const pg = postgresForSuite();

  it("numbers one room's sends from both nodes in one sequence, and resumes on either node", async () => {
    using db = tempDb();
    const databaseUrl = await pg.freshDatabase();
    await using nodeA = await startTestServer({ dbPath: db.path, databaseUrl });
    await using nodeB = await startTestServer({ dbPath: db.path, databaseUrl });
    using clients = new Clients();
    const a = await clients.hello(nodeA.url, { name: "Alice" });
    const b = await clients.hello(nodeB.url, { name: "Bob" });
    const joined = await a.client.join("general");
    await b.client.join("general");

    const acks: number[] = [];
    for (let i = 0; i < 20; i++) {
      const { client } = i % 2 === 0 ? a : b;
      client.send({ type: "send", room: "general", cid: `c${i}`, text: `m${i}`, ref: `r${i}` });
      acks.push((await client.waitFor("ack", (m) => m.ref === `r${i}`)).seq);
    }
    expect(acks).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    // Alice, back with her token on the other node, resumes from seq 5 in the same epoch.
    const again = await TestClient.hello(nodeB.url, { token: a.welcome.token });
    using _again = again.client;
    const resumed = await again.client.join("general", { seq: 5, epoch: joined.epoch });
    expect(resumed.recovered).toBe(true);
    expect(resumed.messages.map((m) => m.seq)).toEqual(acks.slice(5));

    // Her retry of an acked cid on node B is the original message, not a new one.
    again.client.send({ type: "send", room: "general", cid: "c0", text: "m0", ref: "retry" });
    const retried = await again.client.waitFor("ack", (m) => m.ref === "retry");
    expect(retried.seq).toBe(1);
    expect((await b.client.join("general")).seq).toBe(20);
  });

  it("exits 1 at start with a clear error when DATABASE_URL is unreachable, hiding the password", async () => {
    const server = spawnServer({
      PORT: "0",
      DATABASE_URL: "postgres://duplex:hunter2secret@127.0.0.1:1/duplex",
    });
    expect(await server.exited).toBe(1);
    const output = server.output();
    expect(output).toContain(
      "Cannot start the Postgres store at postgres://duplex:***@127.0.0.1:1/duplex",
    );
    expect(output).toContain("ECONNREFUSED");
    expect(output).not.toContain("hunter2secret");
  });
});
