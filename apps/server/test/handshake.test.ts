import { SUBPROTOCOL } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { refusedUpgrade } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

describe("HTTP and the WebSocket handshake", () => {
  it("answers /healthz with 200 {status: ok} and unknown paths with 404", async () => {
    await using world = await testWorld();
    const health = await fetch(`${world.server.httpUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    expect((await fetch(`${world.server.httpUrl}/nope`)).status).toBe(404);
  });

  it("accepts a client offering duplex.v1 and selects it", async () => {
    await using world = await testWorld();
    using client = await world.connect({ protocols: ["other", SUBPROTOCOL] });
    expect(client.ws.protocol).toBe(SUBPROTOCOL);
  });

  it("refuses a client offering no subprotocol with 400 naming duplex.v1", async () => {
    await using world = await testWorld();
    const refusal = await refusedUpgrade(world.server.url, []);
    expect(refusal.status).toBe(400);
    expect(refusal.body).toContain("duplex.v1");
  });

  it("refuses a client offering only unknown subprotocols with 400", async () => {
    await using world = await testWorld();
    const refusal = await refusedUpgrade(world.server.url, ["duplex.v0", "chat"]);
    expect(refusal.status).toBe(400);
    expect(refusal.body).toContain("duplex.v1");
  });

  it("refuses a browser Origin outside the allow-list with 403", async () => {
    await using world = await testWorld();
    const refusal = await refusedUpgrade(world.server.url, [SUBPROTOCOL], {
      Origin: "https://evil.example",
    });
    expect(refusal.status).toBe(403);
  });

  it("accepts allowed origins, including the server's own port", async () => {
    await using world = await testWorld();
    using dev = await world.connect({ origin: "http://localhost:5173" });
    using own = await world.connect({ origin: `http://127.0.0.1:${world.server.port}` });
    expect([dev.ws.protocol, own.ws.protocol]).toEqual([SUBPROTOCOL, SUBPROTOCOL]);
  });

  it("refuses upgrades on any path but /ws with 404", async () => {
    await using world = await testWorld();
    const refusal = await refusedUpgrade(world.server.url.replace("/ws", "/other"), [SUBPROTOCOL]);
    expect(refusal.status).toBe(404);
  });
});
