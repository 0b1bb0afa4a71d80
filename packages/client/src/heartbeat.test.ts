import { describe, expect, it, vi } from "vitest";
import { advance, connected, flush, harness, useFakeTimersPerTest } from "../test/harness.js";

useFakeTimersPerTest();

describe("heartbeat", () => {
  it("pings at once after welcome, twice more a second apart, then on the server's heartbeat cadence", async () => {
    const h = harness();
    const rtts: number[] = [];
    const pings = () => h.peer.last.received.filter((m) => m.type === "ping");
    h.client.on("rtt", (ms) => rtts.push(ms));
    h.client.connect();
    await flush();
    // The first probe goes out immediately, so the UI shows a round-trip time right after connecting.
    expect(pings()).toHaveLength(1);
    expect(rtts).toEqual([0]);
    expect(h.client.rttMs).toBe(0);
    await advance(2_000);
    expect(pings()).toHaveLength(3);
    await advance(24_999);
    expect(pings()).toHaveLength(3);
    await advance(1);
    expect(pings()).toHaveLength(4);
    expect(rtts).toEqual([0, 0, 0, 0]);
  });

  it("replaces a slow first sample (taken while the page starts) within seconds", async () => {
    const h = harness();
    // The page is busy starting up: the first pong is read 300 ms late.
    h.peer.answerPings = false;
    h.client.connect();
    await flush();
    const first = h.peer.last.received.find((m) => m.type === "ping");
    if (first?.type !== "ping") throw new Error("no ping");
    await advance(300);
    h.peer.last.push({ type: "pong", t: first.t, serverTime: Date.now() });
    await flush();
    expect(h.client.rttMs).toBe(300);
    h.peer.answerPings = true;
    await advance(1_000);
    // Not 25 s later: the next probe reports the real round trip.
    expect(h.client.rttMs).toBe(0);
  });

  it("declares a silent link dead within two heartbeat periods and reconnects", async () => {
    const h = await connected({ pingIntervalMs: 1000 });
    const start = Date.now();
    h.peer.answerPings = false; // half-open: the socket looks fine, nothing comes back
    await vi.waitFor(
      async () => {
        await advance(50);
        expect(h.client.state.status).toBe("reconnecting");
      },
      { timeout: 5000, interval: 1 },
    );
    const detectedAfter = Date.now() - start;
    expect(detectedAfter).toBeLessThanOrEqual(2000);
    expect(detectedAfter).toBeGreaterThanOrEqual(1400); // interval + 40% timeout
    expect(h.client.state.lastClose).toMatchObject({ code: 1006, retryable: true });
    expect(h.peer.sockets[0]?.closedByClient).toBeDefined();
    h.peer.answerPings = true;
    await advance(1000);
    expect(h.client.state.status).toBe("open");
  });

  it("stays open while pongs arrive", async () => {
    const h = await connected({ pingIntervalMs: 1000, pongTimeoutMs: 300 });
    await advance(10_000);
    expect(h.client.state.status).toBe("open");
    expect(h.peer.sockets).toHaveLength(1);
  });
});
