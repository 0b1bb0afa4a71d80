import { request } from "node:http";
import { Parser } from "@asyncapi/parser";
import { CAPABILITIES, CloseCode, SUBPROTOCOL, SUPPORTED_SUBPROTOCOLS } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { refusedUpgrade } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

describe("the published contract over HTTP", () => {
  it("serves /asyncapi.json naming the requested host, valid for the official parser", async () => {
    await using world = await testWorld();
    const res = await fetch(`${world.server.httpUrl}/asyncapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const text = await res.text();
    const doc = JSON.parse(text) as { asyncapi: string; servers: Record<string, { host: string }> };
    expect(doc.asyncapi).toBe("3.0.0");
    expect(doc.servers.websocket?.host).toBe(`127.0.0.1:${world.server.port}`);
    expect(doc.servers.http?.host).toBe(`127.0.0.1:${world.server.port}`);

    const { document, diagnostics } = await new Parser().parse(text);
    expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
    expect(document?.channels().get("duplex")?.address()).toBe("/ws");
  });

  it("never copies a malformed Host header into the document", async () => {
    await using world = await testWorld();
    const body = await new Promise<string>((resolve, reject) => {
      const req = request(
        `${world.server.httpUrl}/asyncapi.json`,
        { headers: { host: "evil.example/<script>" } },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () => resolve(text));
        },
      );
      req.on("error", reject);
      req.end();
    });
    const doc = JSON.parse(body) as { servers: Record<string, { host: string }> };
    expect(doc.servers.websocket?.host).toBe("localhost");
  });

  it("answers /api/protocol with the version and every supported subprotocol", async () => {
    await using world = await testWorld();
    const res = await fetch(`${world.server.httpUrl}/api/protocol`);
    expect(res.status).toBe(200);
    // A browser client on another origin (the dev server) probes it after a refused upgrade.
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(await res.json()).toEqual({
      protocolVersion: 1,
      subprotocols: ["duplex.v1"],
      capabilities: [...CAPABILITIES],
    });
    expect((await fetch(`${world.server.httpUrl}/api/protocol`, { method: "POST" })).status).toBe(
      405,
    );
  });
});

describe("subprotocol negotiation", () => {
  it("refuses a client offering only duplex.v9 with 400 naming the supported versions", async () => {
    await using world = await testWorld();
    const refusal = await refusedUpgrade(world.server.url, ["duplex.v9"]);
    expect(refusal.status).toBe(400);
    for (const p of SUPPORTED_SUBPROTOCOLS) expect(refusal.body).toContain(p);
  });

  it("picks duplex.v1 for a client offering duplex.v9, duplex.v1", async () => {
    await using world = await testWorld();
    using client = await world.connect({ protocols: ["duplex.v9", SUBPROTOCOL] });
    expect(client.ws.protocol).toBe(SUBPROTOCOL);
  });
});

describe("tokens on a connection that outlives them", () => {
  const TTL_MS = 1_500;

  it("pushes a fresh token before expiry, so reconnects after several lifetimes keep the user", async () => {
    await using world = await testWorld({ config: { tokenTtlMs: TTL_MS } });
    const first = await world.hello({ name: "Longlived" });
    const userId = first.welcome.user.id;
    const startedAt = Date.now();
    let client = first.client;
    let token = first.welcome.token;
    // Each round: wait for the pushed token, reconnect with it. Four rounds span over three lifetimes.
    for (let round = 0; round < 4; round += 1) {
      const pushed = await client.waitFor("token", () => true, TTL_MS * 2);
      expect(pushed.token).not.toBe(token);
      expect(pushed.expiresAt).toBeGreaterThan(Date.now() + TTL_MS / 2);
      token = pushed.token;
      client.close();
      const next = await world.hello({ token });
      expect(next.welcome.user).toEqual({ id: userId, name: "Longlived" });
      client = next.client;
    }
    expect(Date.now() - startedAt).toBeGreaterThan(TTL_MS * 3);
    client.close();
  });

  it("refuses a token that expired while the client was offline with 4401", async () => {
    await using world = await testWorld({ config: { tokenTtlMs: TTL_MS } });
    const { client, welcome } = await world.hello({ name: "Sleeper" });
    client.close(); // offline: no connection, so no refreshed token
    await expect
      .poll(() => Date.now(), { timeout: TTL_MS * 2 })
      .toBeGreaterThan(welcome.tokenExpiresAt);
    using late = await world.connect();
    late.send({ type: "hello", token: welcome.token });
    expect(await late.closed).toEqual({
      code: CloseCode.Unauthorized,
      reason: "invalid or expired token",
    });
  });
});
