import { CloseCode, ErrorCode, PROTOCOL_VERSION, UserId } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { TestClient, expectErrorKeepsConnection, startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

describe("session: hello and welcome", () => {
  it("welcomes a new user with an id, the name, a token and the heartbeat", async () => {
    await using world = await testWorld({ config: { heartbeatMs: 30_000 } });
    const { welcome } = await world.hello({ name: "Alice", ref: "r1" });
    expect(UserId.safeParse(welcome.user.id).success).toBe(true);
    expect(welcome).toMatchObject({
      ref: "r1",
      user: { name: "Alice" },
      heartbeatMs: 30_000,
      protocolVersion: PROTOCOL_VERSION,
    });
    expect(welcome.tokenExpiresAt).toBeGreaterThan(Date.now());
  });

  it("restores the same user id and name from a token", async () => {
    await using world = await testWorld();
    const first = await world.hello({ name: "Alice" });
    first.client.close();
    await first.client.closed;
    const again = await world.hello({ token: first.welcome.token });
    expect(again.welcome.user).toEqual(first.welcome.user);
  });

  it("keeps the id but takes a new name given with the token", async () => {
    await using world = await testWorld();
    const first = await world.hello({ name: "Alice" });
    const again = await world.hello({ token: first.welcome.token, name: "Ally" });
    expect(again.welcome.user).toEqual({ id: first.welcome.user.id, name: "Ally" });
  });

  it("closes with 4401 on a tampered token", async () => {
    await using world = await testWorld();
    const { client, welcome } = await world.hello({ name: "Alice" });
    client.close();
    const [body, sig] = welcome.token.split(".");
    const forged = Buffer.from(
      JSON.stringify({ sub: "u_AAAAAAAAAAAAAAAA", name: "Mallory", exp: Date.now() + 1e6 }),
    ).toString("base64url");
    expect(body).not.toBe(forged);
    using mallory = await world.connect();
    mallory.send({ type: "hello", token: `${forged}.${sig}` });
    expect((await mallory.closed).code).toBe(CloseCode.Unauthorized);
  });

  it("closes with 4401 on a token signed with another secret", async () => {
    using db = tempDb();
    let token: string;
    {
      await using other = await startTestServer({ dbPath: db.path, tokenSecret: "x".repeat(32) });
      const { client, welcome } = await TestClient.hello(other.url, { name: "Alice" });
      client.close();
      token = welcome.token;
    }
    await using server = await startTestServer({ dbPath: db.path });
    using client = await TestClient.connect(server.url);
    client.send({ type: "hello", token });
    expect(await client.closed).toEqual({ code: 4401, reason: "invalid or expired token" });
  });

  it("closes with 4408 when no hello arrives in time", async () => {
    await using world = await testWorld({ config: { helloTimeoutMs: 100 } });
    using client = await world.connect();
    expect((await client.closed).code).toBe(CloseCode.HelloTimeout);
  });

  it("closes with 4400 when the first frame is not hello", async () => {
    await using world = await testWorld();
    using client = await world.connect();
    client.send({ type: "join", room: "general" });
    expect((await client.closed).code).toBe(CloseCode.BadHello);
  });

  it("closes with 4400 when the first frame is not valid JSON", async () => {
    await using world = await testWorld();
    using client = await world.connect();
    client.sendRaw("{nope");
    expect((await client.closed).code).toBe(CloseCode.BadHello);
  });

  it("answers a second hello with hello_required and stays usable", async () => {
    await using world = await testWorld();
    const { client } = await world.hello({ name: "Alice" });
    client.send({ type: "hello", ref: "again" });
    await expectErrorKeepsConnection(client, { code: ErrorCode.HelloRequired, ref: "again" });
  });

  it("suffixes a name another user holds, connected or not: a name is never handed on", async () => {
    await using world = await testWorld();
    const a = await world.hello({ name: "Alice" });
    const b = await world.hello({ name: "alice" });
    expect(b.welcome.user.name).toBe("alice 2");
    // Same user in a second tab keeps the name.
    const tab = await world.hello({ token: a.welcome.token });
    expect(tab.welcome.user.name).toBe("Alice");
    a.client.close();
    tab.client.close();
    await Promise.all([a.client.closed, tab.client.closed]);
    const c = await world.hello({ name: "Alice" });
    expect(c.welcome.user.name).toBe("Alice 3");
  });

  it("answers ping with pong carrying t and the server time", async () => {
    await using world = await testWorld();
    const { client } = await world.hello();
    client.send({ type: "ping", t: 42.5 });
    const pong = await client.waitFor("pong");
    expect(pong.t).toBe(42.5);
    expect(Math.abs(pong.serverTime - Date.now())).toBeLessThan(5_000);
  });
});
