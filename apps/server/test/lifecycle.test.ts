import { CLOSE_REASONS, CloseCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { InProcessBroker } from "../src/broker/InProcessBroker.js";
import { MemoryPresence } from "../src/presence/MemoryPresence.js";
import { TestClient, startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

describe("heartbeat and shutdown", () => {
  it("terminates a socket that stops answering pings and announces its leave", async () => {
    await using world = await testWorld({ config: { heartbeatMs: 100 } });
    const watcher = await world.hello({ name: "Watcher" });
    await watcher.client.join("general");

    // autoPong: false — ws 8's client option — makes this socket look dead to the server.
    const silent = await world.hello({ name: "Silent" }, { autoPong: false });
    await silent.client.join("general");
    await watcher.client.waitForPresence("join", silent.welcome.user.id);

    const closed = await silent.client.closed;
    expect(closed.code).toBe(CloseCode.Abnormal);
    await watcher.client.waitForPresence("leave", silent.welcome.user.id);
    // A socket that answers pings outlives several heartbeat periods.
    expect(watcher.client.ws.readyState).toBe(watcher.client.ws.OPEN);
    await watcher.client.roundTrip();
  });

  it("closes every client with 1001 and its reason on shutdown", async () => {
    using db = tempDb();
    const server = await startTestServer({ dbPath: db.path });
    const a = await TestClient.hello(server.url, { name: "A" });
    const b = await TestClient.connect(server.url);
    await a.client.join("general");
    await server.close();
    const expected = { code: CloseCode.GoingAway, reason: CLOSE_REASONS[CloseCode.GoingAway] };
    expect(await a.client.closed).toEqual(expected);
    expect(await b.closed).toEqual(expected);
    await expect(fetch(`${server.httpUrl}/healthz`)).rejects.toThrow();
  });

  it("a start that fails (port taken) releases what it had started and the port's owner keeps serving", async () => {
    await using world = await testWorld();
    using other = tempDb();
    const closed: string[] = [];
    const broker = new InProcessBroker();
    const presence = new MemoryPresence();
    const scaleOut = {
      broker: Object.assign(broker, {
        close: async () => void closed.push("broker"),
      }),
      presence: Object.assign(presence, {
        close: async () => void closed.push("presence"),
      }),
    };
    await expect(
      startTestServer({ dbPath: other.path, port: world.server.port }, { scaleOut }),
    ).rejects.toThrow(/EADDRINUSE/);
    expect(closed.sort()).toEqual(["broker", "presence"]);
    const a = await world.hello({ name: "A" });
    await a.client.join("general");
  });
});
