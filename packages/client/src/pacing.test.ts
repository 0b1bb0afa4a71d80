import { describe, expect, it } from "vitest";
import { advance, flush, harness, inRoom, useFakeTimersPerTest } from "../test/harness.js";
import { FakePeer } from "./fakePeer.js";
import { TokenBucket } from "@duplex/protocol";

useFakeTimersPerTest();

/** The server's defaults: 20 writes/s, burst 100. The client aims at 90 %: 18/s, burst 90. */
const SERVER = { sendPerSecond: 20, sendBurst: 100 };

describe("outbox pacing under the server's write limit", () => {
  it("drains a 300-message backlog in order, never faster than 90% of the announced budget", async () => {
    const peer = new FakePeer({ sendLimits: SERVER });
    const h = harness({}, { peer });
    h.client.join("general");
    const cids = Array.from({ length: 300 }, (_, i) => h.client.send("general", `m${i}`).cid);
    const start = Date.now();
    // The server's own bucket for this connection: it must never have to refuse.
    const serverBucket = new TokenBucket(SERVER.sendBurst, SERVER.sendPerSecond, start);
    const sentAt: number[] = [];
    let refused = 0;
    peer.onFrame = (_socket, m) => {
      if (m.type !== "send") return false;
      sentAt.push(Date.now() - start);
      if (!serverBucket.tryTake(Date.now())) refused += 1;
      return false;
    };
    h.client.connect();
    await flush();
    expect(sentAt).toHaveLength(90); // the burst, at once

    for (let t = 0; t < 13_000 && sentAt.length < 300; t += 100) await advance(100);
    expect(refused).toBe(0);
    expect(sentAt).toHaveLength(300);
    sentAt.forEach((at, i) => {
      // The (i+1)-th write needs i+1 tokens: 90 at start plus 18 per second.
      expect(at).toBeGreaterThanOrEqual(Math.floor(((i + 1 - 90) * 1000) / 18));
    });
    expect(sentAt.at(-1)).toBeLessThanOrEqual(11_800); // paced, not stalled: 210 / 18 s ≈ 11.7 s
    expect(peer.room("general").messages.map((m) => m.cid)).toEqual(cids);
    expect(h.client.outbox).toEqual([]);
  });

  it("sends unpaced when the server announces no limits", async () => {
    const h = harness();
    h.client.join("general");
    for (let i = 0; i < 300; i += 1) h.client.send("general", `m${i}`);
    h.client.connect();
    await flush();
    expect(h.peer.room("general").messages).toHaveLength(300);
  });

  it("starts each connection with a full budget, as the server does", async () => {
    const peer = new FakePeer({ sendLimits: SERVER });
    const h = await inRoom("general", {}, { peer });
    for (let i = 0; i < 90; i += 1) h.client.send("general", `first ${i}`);
    await flush();
    expect(peer.room("general").messages).toHaveLength(90);
    h.peer.last.drop();
    await flush();
    for (let i = 0; i < 90; i += 1) h.client.send("general", `offline ${i}`);
    await advance(250); // the reconnect (random 0.5 × 500 ms)
    expect(h.client.state.status).toBe("open");
    expect(peer.room("general").messages).toHaveLength(180);
  });

  it("on rate_limited stops, then re-sends the refused and every later in-flight message in order", async () => {
    // The server announces more than it grants (say a stricter node behind the same URL).
    const peer = new FakePeer({ sendLimits: SERVER });
    const h = await inRoom("general", {}, { peer });
    const start = Date.now();
    const serverBucket = new TokenBucket(5, 20, start);
    const sendsAt: number[] = [];
    let refusals = 0;
    peer.onFrame = (socket, m) => {
      if (m.type !== "send") return false;
      sendsAt.push(Date.now() - start);
      if (serverBucket.tryTake(Date.now())) return false;
      const refuse = (): void =>
        socket.push({
          type: "error",
          ref: m.ref,
          code: "rate_limited",
          message: "slow down",
          retryAfterMs: 100,
        });
      refusals += 1;
      // The first refusal arrives at once; the others are still on their way when the retry starts.
      if (refusals === 1) refuse();
      else setTimeout(refuse, 500);
      return true;
    };
    const cids = Array.from({ length: 10 }, (_, i) => h.client.send("general", `m${i}`).cid);
    await flush();
    expect(peer.room("general").messages).toHaveLength(5);
    expect(h.client.outbox.filter((e) => e.status === "queued")).toHaveLength(5);

    await advance(50);
    cids.push(h.client.send("general", "written during the pause").cid);
    await flush();
    expect(sendsAt.filter((at) => at > 0)).toEqual([]); // nothing goes while paused

    for (let t = 0; t < 2000 && h.client.outbox.length > 0; t += 50) await advance(50);
    expect(sendsAt.filter((at) => at > 0 && at < 100)).toEqual([]);
    expect(peer.room("general").messages.map((m) => m.cid)).toEqual(cids);
    expect(h.client.outbox).toEqual([]);
    await advance(500); // the late refusals answer messages already acked: nothing changes
    expect(peer.room("general").messages.map((m) => m.cid)).toEqual(cids);
    expect(h.client.outbox).toEqual([]);
  });
});
