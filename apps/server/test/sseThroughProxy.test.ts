import { SUBPROTOCOL } from "@duplex/protocol";
import { describe, expect, it, vi } from "vitest";
import { WebSocket } from "ws";
import { TestClient, startTestServer, tempDb } from "./helpers.js";
import { startTestNginx } from "./support/nginx.js";
import { autoTransportClient, connectAndJoin } from "./support/autoClient.js";

function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, [SUBPROTOCOL]);
    ws.once("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once("open", () => reject(new Error("the proxy let the upgrade through")));
    ws.on("error", () => undefined);
  });
}

describe("through nginx that refuses WebSocket upgrades", () => {
  it("an auto client falls back to SSE + POST and chats, presence included", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path }, { presenceIntervalMs: 0 });
    await using proxy = await startTestNginx([server.port], { refuseUpgrades: true });
    expect(await upgradeStatus(proxy.wsUrl)).toBe(403);

    const { client: peer } = await TestClient.hello(server.url, { name: "Direct" });
    using _ = peer;
    await peer.join("general");
    const client = autoTransportClient(proxy.wsUrl, {
      name: "Behind",
    });
    const messages: string[] = [];
    client.on("roomMessages", (_room, list) => messages.push(...list.map((m) => m.text)));
    const id = await connectAndJoin(client, "general");
    expect(client.activeTransport).toBe("sse");
    await peer.waitForPresence("join", id);

    const acked = new Set<string>();
    client.on("outbox", (entries) => {
      for (const e of entries) if (e.status === "acked") acked.add(e.cid);
    });
    const entry = client.send("general", "through the proxy");
    await peer.waitFor("message", (m) => m.text === "through the proxy");
    // Pushed to the stream at once, not on the next poll: nginx passes each event unbuffered.
    peer.send({ type: "send", room: "general", cid: "p1", text: "and back" });
    await vi.waitFor(() => expect(messages).toContain("and back"), {
      timeout: 5_000,
      interval: 10,
    });
    expect(acked.has(entry.cid)).toBe(true);
    client.close();
    await peer.waitForPresence("leave", id);
  });
});
