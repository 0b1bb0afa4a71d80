import { describe, expect, it } from "vitest";
import { PAUSE_READS_AT } from "../src/connection/FrameQueue.js";
import { limitsWith } from "./support/limits.js";
import { testWorld } from "./support/testWorld.js";

const BURST = 400;

describe("a socket that sends faster than the server handles its frames", () => {
  it("is paused and resumed by TCP backpressure, and every send is acked in order", async () => {
    await using world = await testWorld({
      users: ["Flooder", "Reader"],
      rooms: ["burst"],
      config: {
        nodeId: "node-p",
        // The burst is far above any one client's budget: this test is about the queue, not the limits.
        limits: limitsWith({ rate: { framesPerSecond: 0, sendPerSecond: 0 } }),
      },
    });
    const { Flooder, Reader } = world.users;
    expect(BURST).toBeGreaterThan(PAUSE_READS_AT * 4);
    for (let i = 0; i < BURST; i++) {
      Flooder.client.send({ type: "send", room: "burst", cid: `b${i}`, text: `burst ${i}` });
    }
    await Flooder.client.waitFor("ack", (m) => m.cid === `b${BURST - 1}`, 20_000);
    const acks = Flooder.client.received.flatMap((m) => (m.type === "ack" ? [m.cid] : []));
    expect(acks).toEqual(Array.from({ length: BURST }, (_, i) => `b${i}`));
    await Reader.client.waitFor("message", (m) => m.cid === `b${BURST - 1}`, 20_000);
    const seen = Reader.client.received.flatMap((m) => (m.type === "message" ? [m.cid] : []));
    expect(seen).toEqual(acks);

    const metrics = await (await fetch(`${world.server.httpUrl}/metrics`)).text();
    const pauses = Number(/duplex_read_pauses_total\{node="node-p"\} (\d+)/.exec(metrics)?.[1]);
    expect(pauses).toBeGreaterThanOrEqual(1);

    // Reading resumed: the socket answers the next frame as before.
    Flooder.client.send({ type: "send", room: "burst", cid: "after", text: "after the burst" });
    await Flooder.client.waitFor("ack", (m) => m.cid === "after", 5_000);
  });
});
