import { SUBPROTOCOL } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { TestClient, refusedUpgrade, startTestServer, tempDb } from "./helpers.js";

describe("HTTP and the WebSocket handshake", () => {
  it("answers /healthz with 200 {status: ok} and unknown paths with 404", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    const health = await fetch(`${server.httpUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    expect((await fetch(`${server.httpUrl}/nope`)).status).toBe(404);
  });

  it("accepts a client offering duplex.v1 and selects it", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    using client = await TestClient.connect(server.url, { protocols: ["other", SUBPROTOCOL] });
    expect(client.ws.protocol).toBe(SUBPROTOCOL);
  });

  it("refuses a client offering no subprotocol with 400 naming duplex.v1", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    const refusal = await refusedUpgrade(server.url, []);
    expect(refusal.status).toBe(400);
    expect(refusal.body).toContain("duplex.v1");
  });

  it("refuses a client offering only unknown subprotocols with 400", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    const refusal = await refusedUpgrade(server.url, ["duplex.v0", "chat"]);
    expect(refusal.status).toBe(400);
    expect(refusal.body).toContain("duplex.v1");
  });

  it("refuses a browser Origin outside the allow-list with 403", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    const refusal = await refusedUpgrade(server.url, [SUBPROTOCOL], {
      Origin: "https://evil.example",
    });
    expect(refusal.status).toBe(403);
  });

  it("accepts allowed origins, including the server's own port", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    using dev = await TestClient.connect(server.url, { origin: "http://localhost:5173" });
    using own = await TestClient.connect(server.url, { origin: `http://127.0.0.1:${server.port}` });
    expect([dev.ws.protocol, own.ws.protocol]).toEqual([SUBPROTOCOL, SUBPROTOCOL]);
  });

  it("refuses upgrades on any path but /ws with 404", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    const refusal = await refusedUpgrade(server.url.replace("/ws", "/other"), [SUBPROTOCOL]);
    expect(refusal.status).toBe(404);
  });
});
