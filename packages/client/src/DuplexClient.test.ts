import { CloseCode, LIMITS } from "@duplex/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { vi } from "vitest";
import { advance, flush, harness } from "../test/harness.js";
import { RequestError } from "./requests.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

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
    const h = harness();
    h.client.connect();
    await flush();
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
    const h = harness({ stableAfterMs: 5000, random: () => 0.999 });
    h.client.connect();
    await flush();
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
    const h = harness({ pingIntervalMs: 1000, pongTimeoutMs: 400 });
    h.client.connect();
    await flush();
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
      const h = harness();
      h.client.connect();
      await flush();
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
    const h = harness();
    h.client.connect();
    await flush();
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
    const h = harness();
    h.client.connect();
    await flush();
    const socket = h.peer.last;
    h.client.close();
    await flush();
    expect(socket.closedByClient).toEqual({ code: 1000, reason: "bye" });
    expect(h.client.state.status).toBe("closed");
    await advance(60_000);
    expect(h.peer.sockets).toHaveLength(1);
  });

  it("does not loop while offline and reconnects at once on online", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    h.online.set(false);
    h.peer.last.drop();
    await flush();
    expect(h.client.state.status).toBe("reconnecting");
    expect(h.client.state.nextRetryAt).toBeUndefined();
    await advance(10 * 60_000);
    expect(h.peer.sockets).toHaveLength(1);
    h.online.set(true);
    expect(h.peer.sockets).toHaveLength(2);
    await flush();
    expect(h.client.state.status).toBe("open");
  });

  it("going offline drops an open socket at once instead of waiting for the heartbeat", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    expect(h.client.state.status).toBe("open");
    h.online.set(false);
    // The socket still looks open to the peer (a real network loss sends no close), yet the client
    // no longer claims to be online.
    expect(h.client.state.status).toBe("reconnecting");
    expect(h.client.state.lastClose).toMatchObject({ code: 1006, reason: "offline" });
    await advance(60_000);
    expect(h.peer.sockets).toHaveLength(1);
    h.online.set(true);
    await flush();
    expect(h.client.state.status).toBe("open");
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
    const h = harness({ random: () => 0.99 });
    h.client.connect();
    await flush();
    h.peer.last.drop();
    await flush();
    expect(h.client.state.nextRetryAt).toBeDefined();
    h.online.set(false);
    expect(h.client.state.nextRetryAt).toBeUndefined();
    await advance(5_000);
    expect(h.peer.sockets).toHaveLength(1);
    h.online.set(true);
    await flush();
    expect(h.client.state.status).toBe("open");
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

describe("outbox", () => {
  it("walks queued → sent → acked, one event per batch, and hands over on delivery", async () => {
    const h = harness();
    const seen: string[] = [];
    h.client.on("outbox", (entries) => seen.push(entries.map((e) => e.status).join(",")));
    h.client.connect();
    h.client.join("general");
    await flush();
    const entry = h.client.send("general", "hi");
    expect(entry.status).toBe("sent");
    await flush();
    // send() adds and transmits in one batch; the ack keeps the entry until the copy is delivered.
    expect(seen).toEqual(["sent", "acked", ""]);
    expect(h.client.outbox).toEqual([]);
    expect(h.delivered.get("general")?.map((m) => m.text)).toEqual(["hi"]);
  });

  it("lets go of an acked entry whose stored copy overtook the ack", async () => {
    const h = harness();
    h.client.connect();
    h.client.join("general");
    await flush();
    h.peer.onFrame = (socket, m) => {
      if (m.type !== "send" || socket.user === undefined) return false;
      const copy = {
        room: m.room,
        id: "m1",
        seq: 1,
        cid: m.cid,
        from: socket.user,
        text: m.text,
        ts: 1,
      };
      socket.push({ type: "message", ...copy });
      socket.push({ type: "ack", ref: m.ref, room: m.room, cid: m.cid, id: "m1", seq: 1, ts: 1 });
      return true;
    };
    h.client.send("general", "fast fan-out");
    await flush();
    expect(h.client.outbox).toEqual([]);
    expect(h.delivered.get("general")?.map((m) => m.text)).toEqual(["fast fan-out"]);
  });

  it("keeps messages sent while disconnected and sends them in order, after the join", async () => {
    const h = harness();
    h.client.join("general");
    h.client.send("general", "one");
    h.client.send("general", "two");
    expect(h.client.outbox.map((e) => e.status)).toEqual(["queued", "queued"]);
    h.client.connect();
    await flush();
    const types = h.peer.last.received.map((m) => m.type).filter((t) => t !== "ping");
    expect(types).toEqual(["hello", "join", "send", "send"]);
    expect(h.peer.room("general").messages.map((m) => m.text)).toEqual(["one", "two"]);
    expect(h.client.outbox).toEqual([]);
  });

  it("re-sends unacked messages after a reconnect with the same cid, stored once", async () => {
    const h = harness();
    h.client.connect();
    h.client.join("general");
    await flush();
    // The server stores the message but the ack is lost with the connection.
    h.peer.onFrame = (socket, m) => {
      if (m.type !== "send") return false;
      h.peer.onFrame = undefined;
      socket.drop(); // the close overtakes the ack
      h.peer.onClientFrame(socket, m);
      return true;
    };
    const { cid } = h.client.send("general", "exactly once");
    await flush();
    expect(h.client.outbox[0]).toMatchObject({ cid, status: "queued" });
    await advance(1000);
    expect(h.client.state.status).toBe("open");
    const resent = h.peer.last.received.filter((m) => m.type === "send");
    expect(resent).toEqual([expect.objectContaining({ cid })]);
    expect(h.peer.room("general").messages.filter((m) => m.cid === cid)).toHaveLength(1);
    expect(h.client.outbox).toEqual([]);
    expect(h.delivered.get("general")?.map((m) => m.text)).toEqual(["exactly once"]);
  });

  it("survives a reload: a new client on the same storage sends the pending entries", async () => {
    const first = harness();
    first.client.connect();
    first.client.join("general");
    await flush();
    first.peer.onFrame = (_socket, m) => m.type === "send"; // server never answers
    const a = first.client.send("general", "before reload 1");
    const b = first.client.send("general", "before reload 2");
    await flush();
    first.client.close();

    const second = harness({}, { storage: first.storage, peer: first.peer });
    first.peer.onFrame = undefined;
    expect(second.client.outbox.map((e) => [e.cid, e.status])).toEqual([
      [a.cid, "queued"],
      [b.cid, "queued"],
    ]);
    second.client.connect();
    second.client.join("general");
    await flush();
    const sent = second.peer.last.received.filter((m) => m.type === "send");
    expect(sent.map((m) => (m.type === "send" ? m.cid : ""))).toEqual([a.cid, b.cid]);
    expect(second.client.outbox).toEqual([]);
    expect(second.client.token).toBe(first.client.token);
  });

  it("marks a message failed when the server refuses it for good", async () => {
    const h = harness();
    h.client.connect();
    h.client.join("general");
    await flush();
    h.peer.onFrame = (socket, m) => {
      if (m.type !== "send") return false;
      socket.push({ type: "error", ref: m.ref, code: "unauthorized", message: "muted" });
      return true;
    };
    const { cid } = h.client.send("general", "hello?");
    await flush();
    expect(h.client.outbox).toEqual([
      expect.objectContaining({ cid, status: "failed", error: "unauthorized: muted" }),
    ]);
    h.peer.onFrame = undefined;
    h.client.retry(cid);
    await flush();
    expect(h.client.outbox).toEqual([]);
  });

  it("retries a rate-limited message after retryAfterMs", async () => {
    const h = harness();
    h.client.connect();
    h.client.join("general");
    await flush();
    h.peer.onFrame = (socket, m) => {
      if (m.type !== "send") return false;
      h.peer.onFrame = undefined;
      socket.push({
        type: "error",
        ref: m.ref,
        code: "rate_limited",
        message: "slow down",
        retryAfterMs: 300,
      });
      return true;
    };
    h.client.send("general", "patience");
    await flush();
    expect(h.client.outbox[0]?.status).toBe("queued");
    await advance(300);
    expect(h.client.outbox).toEqual([]);
    expect(h.peer.room("general").messages).toHaveLength(1);
  });

  it("refuses blank or too-long text before it reaches the outbox", () => {
    const h = harness();
    expect(() => h.client.send("general", "x".repeat(LIMITS.maxTextLength + 1))).toThrow(
      RangeError,
    );
    expect(() => h.client.send("general", "   ")).toThrow(RangeError);
    expect(h.client.outbox).toEqual([]);
    expect(() => h.client.send("general", "x".repeat(LIMITS.maxTextLength))).not.toThrow();
  });
});

describe("requests", () => {
  it("resolves with the reply carrying the same ref", async () => {
    const h = harness();
    h.client.connect();
    h.client.join("general");
    await flush();
    const reply = h.client.rooms();
    await flush();
    await expect(reply).resolves.toMatchObject({ type: "rooms", rooms: [{ room: "general" }] });
  });

  it("pages a room's members and watches them with the member_pages capability", async () => {
    const h = harness({ caps: ["member_pages"] });
    h.client.connect();
    await flush();
    expect([...h.client.caps]).toEqual(["presence_diff", "member_pages"]);
    const asked: unknown[] = [];
    h.peer.onFrame = (socket, m) => {
      if (m.type === "members") {
        asked.push(m);
        socket.push({ type: "members", ref: m.ref, room: m.room, members: [], count: 7 });
        return true;
      }
      if (m.type !== "watch_members" && m.type !== "unwatch_members") return false;
      const watching = m.type === "watch_members";
      socket.push({ type: "watching_members", ref: m.ref, room: m.room, watching });
      return true;
    };
    const page = h.client.members("general", { cursor: "u_aaaaaaaaaaaaaaaa", query: "bo" });
    const watch = h.client.watchMembers("general", true);
    const unwatch = h.client.watchMembers("general", false);
    await flush();
    await expect(page).resolves.toMatchObject({ type: "members", count: 7 });
    await expect(watch).resolves.toBe(true);
    await expect(unwatch).resolves.toBe(false);
    expect(asked).toMatchObject([
      { type: "members", room: "general", cursor: "u_aaaaaaaaaaaaaaaa", query: "bo" },
    ]);
  });

  it("rejects with the error code that answers the ref", async () => {
    const h = harness();
    h.client.connect();
    await flush();
    h.peer.onFrame = (socket, m) => {
      if (m.type !== "history") return false;
      socket.push({ type: "error", ref: m.ref, code: "not_joined", message: "join first" });
      return true;
    };
    const reply = h.client.history("elsewhere").catch((e: unknown) => e);
    await flush();
    expect(await reply).toMatchObject({ name: "RequestError", code: "not_joined" });
  });

  it("rejects on timeout and when not connected", async () => {
    const h = harness({ requestTimeoutMs: 2000 });
    await expect(h.client.rooms()).rejects.toMatchObject({ code: "disconnected" });
    h.client.connect();
    await flush();
    h.peer.onFrame = (_s, m) => m.type === "rooms";
    const reply = h.client.rooms().catch((e: unknown) => e);
    await advance(2000);
    const error = await reply;
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ code: "timeout" });
  });
});
