import { describe, expect, it } from "vitest";
import { TestClient } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

describe("/readyz", () => {
  it("answers 200 with the node id while serving", async () => {
    await using world = await testWorld({ config: { nodeId: "node-a" } });
    const res = await fetch(`${world.server.httpUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ready",
      node: "node-a",
      checks: { accepting: "ok", store: "ok", broker: "ok" },
    });
  });

  it("fails with 503 during shutdown while /healthz still answers 200", async () => {
    await using world = await testWorld();
    const { client } = await TestClient.hello(world.server.url);
    // A client that never reads keeps the shutdown in its close handshake grace period.
    client.ws.pause();
    const closing = world.server.close();
    try {
      const ready = await fetch(`${world.server.httpUrl}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { checks: { accepting: string } }).checks.accepting).toBe(
        "shutting down",
      );
      expect((await fetch(`${world.server.httpUrl}/healthz`)).status).toBe(200);
    } finally {
      client.close();
      await closing;
    }
  });
});
