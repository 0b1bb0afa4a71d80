import { LIMITS } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { advance, flush, harness, inRoom, useFakeTimersPerTest } from "../test/harness.js";
import { RequestError } from "./requests.js";

useFakeTimersPerTest();

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
    const h = await inRoom();
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
    const h = await inRoom();
    // The server stores the message but the ack is lost with the connection.
    h.peer.intercept(
      "send",
      (socket, m) => {
        socket.drop(); // the close overtakes the ack
        h.peer.onClientFrame(socket, m);
      },
      { once: true },
    );
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
    const first = await inRoom();
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
    const h = await inRoom();
    h.peer.intercept("send", (socket, m) =>
      socket.push({ type: "error", ref: m.ref, code: "unauthorized", message: "muted" }),
    );
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
    const h = await inRoom();
    h.peer.intercept(
      "send",
      (socket, m) =>
        socket.push({
          type: "error",
          ref: m.ref,
          code: "rate_limited",
          message: "slow down",
          retryAfterMs: 300,
        }),
      { once: true },
    );
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
    const h = await inRoom();
    const reply = h.client.rooms();
    await flush();
    await expect(reply).resolves.toMatchObject({ type: "rooms", rooms: [{ room: "general" }] });
  });

  it("pages a room's members and watches them with the member_pages capability", async () => {
    const h = await inRoom("general", { caps: ["member_pages"] });
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
    const h = await inRoom();
    h.peer.intercept("history", (socket, m) =>
      socket.push({ type: "error", ref: m.ref, code: "not_joined", message: "join first" }),
    );
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
