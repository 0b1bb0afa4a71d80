import { createHash } from "node:crypto";
import { CLOSE_REASONS, CloseCode, SUBPROTOCOL } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { TestClient, startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

const RFC6455_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const acceptFor = (key: string) =>
  createHash("sha1")
    .update(key + RFC6455_GUID)
    .digest("base64");

async function hello(url: string, name: string, origin?: string): Promise<TestClient> {
  const options = origin === undefined ? {} : { headers: { origin } };
  const { client } = await TestClient.hello(url, { name }, options);
  return client;
}

describe("inspect: the connection's own handshake and control frames", () => {
  it("reports the extension and subprotocol the 101 response agreed", async () => {
    await using world = await testWorld({ config: { permessageDeflate: true } });
    const { client } = await TestClient.hello(
      world.server.url,
      { name: "Dee" },
      { perMessageDeflate: true },
    );
    using _ = client;
    client.send({ type: "inspect", enable: true, ref: "x" });
    const { handshake } = await client.waitFor("inspecting", (m) => m.ref === "x");
    expect(handshake?.response.status).toBe(101);
    expect(handshake?.response.protocol).toBe(SUBPROTOCOL);
    expect(handshake?.response.extensions).toMatch(/^permessage-deflate/);
  });

  it("answers inspect with this connection's handshake only, and a matching Accept", async () => {
    await using world = await testWorld();
    const origin = new URL(world.server.httpUrl).origin;
    const alice = await hello(world.server.url, "Alice", origin);
    const bob = await hello(world.server.url, "Bob");
    using _a = alice;
    using _b = bob;

    alice.send({ type: "inspect", enable: true, ref: "i1" });
    bob.send({ type: "inspect", enable: true, ref: "i2" });
    const mine = await alice.waitFor("inspecting", (m) => m.ref === "i1");
    const theirs = await bob.waitFor("inspecting", (m) => m.ref === "i2");

    expect(mine.enabled).toBe(true);
    const { request, response } = mine.handshake ?? expect.unreachable("no handshake");
    expect(request).toMatchObject({
      method: "GET",
      path: "/ws",
      upgrade: "websocket",
      secWebSocketVersion: "13",
      secWebSocketProtocol: SUBPROTOCOL,
      origin,
    });
    expect(request.connection?.toLowerCase()).toContain("upgrade");
    expect(response).toMatchObject({ status: 101, protocol: SUBPROTOCOL });
    expect(response.secWebSocketAccept).toBe(acceptFor(request.secWebSocketKey ?? ""));

    // Each socket sees its own key; Alice's replies never carry Bob's.
    const bobKey = theirs.handshake?.request.secWebSocketKey ?? "";
    expect(bobKey).not.toBe("");
    expect(bobKey).not.toBe(request.secWebSocketKey);
    expect(theirs.handshake?.request.origin).toBeUndefined();
    expect(JSON.stringify(alice.received)).not.toContain(bobKey);
  });

  it("reports heartbeat pings it sends and the pongs it gets, with the round trip", async () => {
    await using world = await testWorld({ config: { heartbeatMs: 100 } });
    const { client } = await world.hello({ name: "Alice" });
    client.send({ type: "inspect", enable: true });
    await client.waitFor("inspecting");
    const ping = await client.waitFor(
      "control",
      (m) => m.kind === "ping" && m.direction === "to_client",
    );
    const pong = await client.waitFor(
      "control",
      (m) => m.kind === "pong" && m.direction === "to_server",
    );
    expect(ping.bytes).toBe(0);
    expect(pong.at).toBeGreaterThanOrEqual(ping.at);
    expect(pong.rttMs).toBeGreaterThanOrEqual(0);
    // Repeated by the heartbeat, not only the ping sent on enable.
    await client.waitFor("control", (m) => m.kind === "ping" && m.direction === "to_client");
  });

  it("reports nothing before inspect nor after inspect {enable: false}", async () => {
    await using world = await testWorld({ config: { heartbeatMs: 50 } });
    const { client } = await world.hello({ name: "Alice" });
    // Two heartbeat ticks pass while not inspecting (each answered: the socket stays open).
    await new Promise<void>((resolve) => {
      let pings = 0;
      client.ws.on("ping", () => ++pings === 2 && resolve());
    });
    expect(client.received.some((m) => m.type === "control")).toBe(false);

    client.send({ type: "inspect", enable: true });
    await client.waitFor("control");
    client.send({ type: "inspect", enable: false, ref: "off" });
    expect((await client.waitFor("inspecting", (m) => m.ref === "off")).enabled).toBe(false);
    const count = client.received.length;
    await new Promise<void>((resolve) => {
      let pings = 0;
      client.ws.on("ping", () => ++pings === 2 && resolve());
    });
    await client.roundTrip();
    expect(client.received.slice(count).map((m) => m.type)).toEqual(["pong"]);
  });

  it("reports a server-initiated close frame with its code and reason before sending it", async () => {
    using db = tempDb();
    const server = await startTestServer({ dbPath: db.path });
    const { client } = await TestClient.hello(server.url, { name: "Alice" });
    client.send({ type: "inspect", enable: true });
    await client.waitFor("inspecting");
    await server.close();
    const close = await client.waitFor("control", (m) => m.kind === "close");
    const reason = CLOSE_REASONS[CloseCode.GoingAway];
    expect(close).toMatchObject({
      direction: "to_client",
      code: CloseCode.GoingAway,
      reason,
      bytes: 2 + Buffer.byteLength(reason),
    });
    expect((await client.closed).code).toBe(CloseCode.GoingAway);
  });
});

describe("the HTTP probe (GET /api/inspect/http)", () => {
  it("reports the size of the request head it received", async () => {
    await using world = await testWorld();
    const padding = "p".repeat(100);
    const plain = (await (await fetch(`${world.server.httpUrl}/api/inspect/http`)).json()) as {
      requestBytes: number;
    };
    const padded = (await (
      await fetch(`${world.server.httpUrl}/api/inspect/http`, { headers: { "x-padding": padding } })
    ).json()) as { requestBytes: number };
    expect(plain.requestBytes).toBeGreaterThan("GET /api/inspect/http HTTP/1.1\r\n\r\n".length);
    // One more header line: name, ": ", value, CRLF.
    expect(padded.requestBytes - plain.requestBytes).toBe("x-padding: ".length + 100 + 2);
  });
});
