import { describe, expect, it } from "vitest";
import { advance, flush, harness, inRoom, useFakeTimersPerTest } from "../test/harness.js";

useFakeTimersPerTest();

describe("moderation as the client sees it", () => {
  it("marks a message failed, without retrying, when the user is muted", async () => {
    const h = await inRoom();
    let sends = 0;
    h.peer.intercept("send", (socket, m) => {
      sends += 1;
      socket.push({
        type: "error",
        ref: m.ref,
        code: "muted",
        message: "muted until later",
        retryAfterMs: 60_000,
      });
    });
    const { cid } = h.client.send("general", "let me speak");
    await advance(5_000);
    expect(sends).toBe(1);
    expect(h.client.outbox).toEqual([
      expect.objectContaining({ cid, status: "failed", error: "muted: muted until later" }),
    ]);
  });

  it("drops a room it was removed from (an unasked `left`) and does not rejoin it after a reconnect", async () => {
    const h = harness();
    h.client.connect();
    h.client.join("board");
    h.client.join("general");
    await flush();
    h.peer.last.push({ type: "left", room: "board" });
    await flush();
    expect(h.client.joinedRooms).toEqual(["general"]);
    h.peer.last.serverClose(1001, "restart");
    await advance(60_000);
    const joins = h.peer.last.received.filter((m) => m.type === "join");
    expect(joins.map((m) => (m.type === "join" ? m.room : ""))).toEqual(["general"]);
  });
});

describe("a refused join", () => {
  it("reports the room and the server's reason, and does not rejoin it after a reconnect", async () => {
    const h = harness();
    const refused: string[] = [];
    h.client.on("joinRefused", (room, error) => refused.push(`${room} ${error.code}`));
    h.client.connect();
    await flush();
    h.peer.onFrame = (socket, m) => {
      if (m.type !== "join" || m.room !== "secret") return false;
      socket.push({
        type: "error",
        ref: m.ref,
        code: "unauthorized",
        message: "secret is a private room: members only",
      });
      return true;
    };
    h.client.join("secret");
    h.client.join("general");
    await flush();
    expect(refused).toEqual(["secret unauthorized"]);
    expect(h.client.joinedRooms).toEqual(["general"]);
    h.peer.last.serverClose(1001, "restart");
    await advance(60_000);
    expect(refused).toEqual(["secret unauthorized"]);
  });
});
