import { CloseCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import {
  advance,
  connected,
  flush,
  harness,
  type Harness,
  useFakeTimersPerTest,
} from "../test/harness.js";

useFakeTimersPerTest();

/** Offline for `ms`: no new socket; back online: one at once, and it opens. */
async function reconnectsOnlyWhenOnline(h: Harness, ms: number): Promise<void> {
  await advance(ms);
  expect(h.peer.sockets).toHaveLength(1);
  h.online.set(true);
  expect(h.peer.sockets).toHaveLength(2);
  await flush();
  expect(h.client.state.status).toBe("open");
}

describe("connection state", () => {
  it("walks idle → connecting → open, and is open only after welcome", async () => {
    const h = harness();
    expect(h.client.state.status).toBe("idle");
    h.client.connect();
    expect(h.client.state.status).toBe("connecting");
    expect(h.peer.last.protocols).toBe("duplex.v1");
    await flush();
    expect(h.peer.last.received[0]).toEqual({
      type: "hello",
      name: "alice",
      caps: ["presence_diff"],
    });
    expect(h.states.map((s) => s.status)).toEqual(["connecting", "open"]);
    expect(h.client.user?.name).toBe("alice");
    expect(h.client.token).toMatch(/^tok:/);
  });

  it("reconnects after a drop with backoff and presents the token again", async () => {
    const h = await connected();
    const token = h.client.token;
    h.peer.last.drop();
    await flush();
    expect(h.client.state).toMatchObject({
      status: "reconnecting",
      attempt: 1,
      lastClose: { code: 1006, retryable: true },
    });
    // random 0.5 × 500 ms window
    expect(h.client.state.nextRetryAt).toBe(Date.now() + 250);
    expect(h.peer.sockets).toHaveLength(1);
    await advance(250);
    expect(h.peer.sockets).toHaveLength(2);
    expect(h.peer.last.received[0]).toEqual({
      type: "hello",
      name: "alice",
      token,
      caps: ["presence_diff"],
    });
    expect(h.client.state.status).toBe("open");
    expect(h.states.map((s) => s.status)).toEqual([
      "connecting",
      "open",
      "reconnecting",
      "reconnecting", // the retry timer fired: nextRetryAt cleared while the socket connects
      "open",
    ]);
  });

  it("grows the backoff while failing and resets it after a stable connection", async () => {
    const h = await connected({ stableAfterMs: 5000, random: () => 0.999 });
    const windows: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      h.peer.last.drop();
      await flush();
      const wait = (h.client.state.nextRetryAt ?? 0) - Date.now();
      windows.push(wait);
      await advance(wait);
    }
    expect(windows).toEqual([499, 999, 1998]);
    await advance(5000);
    h.peer.last.drop();
    await flush();
    expect((h.client.state.nextRetryAt ?? 0) - Date.now()).toBe(499);
  });

  it("ignores events from a replaced (ghost) socket", async () => {
    const h = await connected({ pingIntervalMs: 1000, pongTimeoutMs: 400 });
    const ghost = h.peer.last;
    const ghostClose = ghost.onclose;
    const ghostMessage = ghost.onmessage;
    h.peer.answerPings = false;
    await advance(1400); // dead link detected, old socket abandoned
    h.peer.answerPings = true;
    await advance(1000);
    expect(h.client.state.status).toBe("open");
    expect(h.peer.sockets).toHaveLength(2);
    // The abandoned socket finally reports its close and a late frame: nothing changes.
    ghostClose?.({ code: 1006, reason: "" });
    ghostMessage?.({ data: JSON.stringify({ type: "pong", t: 1, serverTime: 1 }) });
    await flush();
    expect(h.client.state.status).toBe("open");
    expect(h.peer.sockets).toHaveLength(2);
  });

  it.each([CloseCode.Unauthorized, CloseCode.Forbidden, CloseCode.BadHello])(
    "stops retrying after fatal close %i",
    async (code) => {
      const h = await connected();
      h.peer.last.serverClose(code, "nope");
      await flush();
      expect(h.client.state).toMatchObject({
        status: "closed",
        lastClose: { code, retryable: false },
      });
      await advance(120_000);
      expect(h.peer.sockets).toHaveLength(1);
    },
  );

  it("forgets a rejected token so the next connect starts a new session", async () => {
    const h = await connected();
    expect(h.client.token).toBeDefined();
    h.peer.last.serverClose(CloseCode.Unauthorized, "invalid or expired token");
    await flush();
    expect(h.client.token).toBeUndefined();
    h.client.connect();
    await flush();
    expect(h.peer.last.received[0]).toEqual({
      type: "hello",
      name: "alice",
      caps: ["presence_diff"],
    });
  });

  it("close() ends in closed without reconnecting", async () => {
    const h = await connected();
    const socket = h.peer.last;
    h.client.close();
    await flush();
    expect(socket.closedByClient).toEqual({ code: 1000, reason: "bye" });
    expect(h.client.state.status).toBe("closed");
    await advance(60_000);
    expect(h.peer.sockets).toHaveLength(1);
  });

  it("does not loop while offline and reconnects at once on online", async () => {
    const h = await connected();
    h.online.set(false);
    h.peer.last.drop();
    await flush();
    expect(h.client.state.status).toBe("reconnecting");
    expect(h.client.state.nextRetryAt).toBeUndefined();
    await reconnectsOnlyWhenOnline(h, 10 * 60_000);
  });

  it("going offline drops an open socket at once instead of waiting for the heartbeat", async () => {
    const h = await connected();
    expect(h.client.state.status).toBe("open");
    h.online.set(false);
    // The socket still looks open to the peer (a real network loss sends no close), yet the client
    // no longer claims to be online.
    expect(h.client.state.status).toBe("reconnecting");
    expect(h.client.state.lastClose).toMatchObject({ code: 1006, reason: "offline" });
    await reconnectsOnlyWhenOnline(h, 60_000);
  });

  it("says which room is open only to a node that granted saved_rooms", async () => {
    const opens = (h: ReturnType<typeof harness>) =>
      h.peer.last.received.filter((m) => m.type === "open");
    const plain = harness();
    plain.client.join("ops");
    plain.client.connect();
    await flush();
    plain.client.open("ops");
    expect(opens(plain)).toEqual([]);

    const asking = harness({ caps: ["saved_rooms"] });
    asking.client.join("ops");
    asking.client.connect();
    await flush();
    expect(asking.peer.last.received[0]).toMatchObject({
      type: "hello",
      caps: ["presence_diff", "saved_rooms"],
    });
    expect([...asking.client.caps]).toEqual(["presence_diff", "saved_rooms"]);
    asking.client.open("ops");
    asking.client.open("not-joined");
    expect(opens(asking)).toEqual([{ type: "open", room: "ops" }]);
  });

  it("going offline cancels a pending retry; online retries without waiting", async () => {
    const h = await connected({ random: () => 0.99 });
    h.peer.last.drop();
    await flush();
    expect(h.client.state.nextRetryAt).toBeDefined();
    h.online.set(false);
    expect(h.client.state.nextRetryAt).toBeUndefined();
    await reconnectsOnlyWhenOnline(h, 5_000);
  });

  it("after a deploy (1001), 1000 clients' first retries are spread over seconds", async () => {
    const { FakePeer } = await import("./fakePeer.js");
    const peer = new FakePeer();
    const clients = Array.from({ length: 1000 }, () => {
      const h = harness({ random: Math.random }, { peer });
      h.client.connect();
      return h;
    });
    await flush();
    expect(clients.every((c) => c.client.state.status === "open")).toBe(true);
    const now = Date.now();
    for (const s of peer.live) s.serverClose(CloseCode.GoingAway, "server restarting");
    await flush();
    // The first retry each client planned (read from its state events: a 0 ms retry has already run).
    const delays = clients.map(
      (c) => (c.states.find((s) => s.status === "reconnecting")?.nextRetryAt ?? Number.NaN) - now,
    );
    expect(delays.every((d) => d >= 0 && d < 2000)).toBe(true);
    const buckets = new Array<number>(20).fill(0);
    for (const d of delays) buckets[Math.floor(d / 100)]! += 1;
    // Uniform over 2 s: ~50 per 100 ms window; a stampede would put hundreds in one.
    expect(Math.max(...buckets)).toBeLessThan(100);
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    const sd = Math.sqrt(delays.reduce((a, d) => a + (d - mean) ** 2, 0) / delays.length);
    expect(sd).toBeGreaterThan(450); // uniform on [0, 2000): ≈ 577
    for (const c of clients) c.client.close();
  });
});
