import { SSE_SEND_PATH, SSE_TICKET_HEADER } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { PAUSE_READS_AT } from "../src/connection/FrameQueue.js";
import { MAX_FRAMES_PER_POST } from "../src/sse/linkRequests.js";
import { limitsWith } from "./support/limits.js";
import { openRawLink, type RawLink } from "./support/rawSse.js";
import { testWorld } from "./support/testWorld.js";

const BURST = 400;
// The burst is far above any one client's budget: these tests are about the queue, not the limits.
const NO_RATE_LIMITS = limitsWith({ rate: { framesPerSecond: 0, sendPerSecond: 0 } });

async function readPauses(httpUrl: string, node: string): Promise<number> {
  const metrics = await (await fetch(`${httpUrl}/metrics`)).text();
  const found = new RegExp(`duplex_read_pauses_total\\{node="${node}"\\} (\\d+)`).exec(metrics);
  return Number(found?.[1]);
}

function post(base: string, link: RawLink, frames: readonly string[]): Promise<Response> {
  return fetch(`${base}${SSE_SEND_PATH}?stream=${link.stream}`, {
    method: "POST",
    headers: { "content-type": "text/plain", [SSE_TICKET_HEADER]: link.ticket },
    body: frames.join("\n"),
  });
}

describe("a socket that sends faster than the server handles its frames", () => {
  it("is paused and resumed by TCP backpressure, and every send is acked in order", async () => {
    await using world = await testWorld({
      users: ["Flooder", "Reader"],
      rooms: ["burst"],
      config: { nodeId: "node-p", limits: NO_RATE_LIMITS },
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

    expect(await readPauses(world.server.httpUrl, "node-p")).toBeGreaterThanOrEqual(1);

    // Reading resumed: the socket answers the next frame as before.
    Flooder.client.send({ type: "send", room: "burst", cid: "after", text: "after the burst" });
    await Flooder.client.waitFor("ack", (m) => m.cid === "after", 5_000);
  });

  it("over SSE: a POST is answered once the queue drains, and every send is acked in order", async () => {
    await using world = await testWorld({
      users: ["Reader"],
      rooms: ["burst"],
      config: { nodeId: "node-s", limits: NO_RATE_LIMITS },
    });
    const base = world.server.httpUrl;
    const sse = await openRawLink(base);
    try {
      const hello = [
        { type: "hello", name: "Poster" },
        { type: "join", room: "burst" },
      ];
      expect(
        (
          await post(
            base,
            sse.link,
            hello.map((f) => JSON.stringify(f)),
          )
        ).status,
      ).toBe(202);
      await sse.waitFor((e) => e.data.includes('"type":"joined"'));
      // As the client posts: one request at a time, each as full as allowed.
      const posts = 6;
      for (let p = 0; p < posts; p++) {
        const frames = Array.from({ length: MAX_FRAMES_PER_POST }, (_, i) => {
          const n = p * MAX_FRAMES_PER_POST + i;
          return JSON.stringify({ type: "send", room: "burst", cid: `s${n}`, text: `sse ${n}` });
        });
        expect((await post(base, sse.link, frames)).status).toBe(202);
      }
      const total = posts * MAX_FRAMES_PER_POST;
      await sse.waitFor(
        (e) => e.data.includes(`"cid":"s${total - 1}"`) && e.data.includes('"ack"'),
      );
      const acks = sse.events.flatMap((e) => {
        const frame = JSON.parse(e.data) as { type?: string; cid?: string };
        return frame.type === "ack" && frame.cid !== undefined ? [frame.cid] : [];
      });
      expect(acks).toEqual(Array.from({ length: total }, (_, i) => `s${i}`));
      expect(await readPauses(base, "node-s")).toBeGreaterThanOrEqual(1);
    } finally {
      sse.abort();
    }
  });
});
