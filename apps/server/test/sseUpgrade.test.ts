import type { TransportKind } from "@duplex/client";
import { describe, expect, it, vi } from "vitest";

import { testWorld } from "./support/testWorld.js";
import { switchableNetwork } from "./support/switchableNetwork.js";
import { autoTransportClient } from "./support/autoClient.js";

/** The pace both sides talk at, so the switch falls in the middle of the conversation. */
const pace = () => new Promise((resolve) => setTimeout(resolve, 25));

describe("auto transport: probe WebSocket again and upgrade in place", () => {
  it("switches from SSE to WebSocket mid-conversation: every message once, every send acked", async () => {
    await using world = await testWorld();
    // A network that blocks WebSocket (the upgrade answered 404) until it stops doing so.
    const network = switchableNetwork(true);
    const { client: peer } = await world.hello({ name: "Peer" });
    await peer.join("general");
    const client = autoTransportClient(world.server.url, {
      WebSocket: network.WebSocket,
      upgradeProbe: { initialMs: 200, maxMs: 400 },
    });
    const transports: TransportKind[] = [];
    client.on("transport", (kind) => transports.push(kind));
    const seen = new Map<string, number>();
    client.on("roomMessages", (_room, list) => {
      for (const m of list) seen.set(m.text, (seen.get(m.text) ?? 0) + 1);
    });
    const user = new Promise<string>((resolve) => client.on("user", (u) => resolve(u.id)));
    client.connect();
    client.join("general");
    await peer.waitForPresence("join", await user);
    expect(client.activeTransport).toBe("sse");

    // Both sides talk at a steady pace; the network lets WebSocket through partway.
    const texts: string[] = [];
    let afterSwitch = 0;
    for (let i = 1; afterSwitch < 10; i += 1) {
      if (i === 8) network.blocked = false;
      client.send("general", `c${i}`);
      peer.send({ type: "send", room: "general", cid: `p${i}`, text: `p${i}` });
      texts.push(`c${i}`, `p${i}`);
      if (transports.includes("websocket")) afterSwitch += 1;
      if (i > 200) throw new Error("never upgraded");
      await pace();
    }
    await vi.waitFor(
      () => {
        expect(texts.filter((t) => !seen.has(t))).toEqual([]);
        expect(client.outbox).toEqual([]); // every send acked and handed to the timeline
      },
      { timeout: 5_000, interval: 10 },
    );
    expect(transports).toEqual(["sse", "websocket"]);
    expect(client.activeTransport).toBe("websocket");
    expect(client.outbox).toEqual([]); // every send acked and handed to the timeline
    // Nothing lost, nothing doubled: on the client's timeline and on the peer's.
    expect([...seen.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    const peerTexts = peer.received.flatMap((m) => (m.type === "message" ? [m.text] : []));
    const mine = texts.filter((t) => t.startsWith("c"));
    expect(peerTexts.filter((t) => t.startsWith("c")).sort()).toEqual([...mine].sort());
    // The switch is invisible to the others: no leave and rejoin of the user.
    expect(peer.received.filter((m) => m.type === "presence" && m.event === "leave")).toEqual([]);
    client.close();
  });
});
