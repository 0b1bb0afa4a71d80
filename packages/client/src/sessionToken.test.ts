import { CloseCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { advance, connected, flush, useFakeTimersPerTest } from "../test/harness.js";
import { SIGNED_OUT } from "./outbox.js";

useFakeTimersPerTest();

describe("session token", () => {
  it("stores a pushed `token` and presents it in the next hello", async () => {
    const h = await connected();
    const userId = h.client.user?.id;
    // The fake peer's tokens are `tok:<user id>`; a refreshed one names the same user.
    const fresh = `tok:${userId ?? ""}`;
    h.peer.last.push({ type: "token", token: fresh, expiresAt: Date.now() + 60_000 });
    h.storage.removeItem("duplex:token");
    await flush();
    expect(h.client.token).toBe(fresh);
    expect(h.storage.getItem("duplex:token")).toBe(fresh);
    h.peer.last.drop();
    await advance(1_000);
    expect(h.peer.last.received[0]).toEqual({
      type: "hello",
      name: "alice",
      token: fresh,
      caps: ["presence_diff"],
    });
    expect(h.client.user?.id).toBe(userId);
  });

  it("keeps messages queued under a refused token as failed, sent again only on retry", async () => {
    const h = await connected();
    h.client.join("general");
    await flush();
    h.peer.last.drop();
    await flush();
    h.client.send("general", "written while offline");
    // The reconnect presents an expired token: refused, fatal.
    h.peer.onFrame = (socket, m) => {
      if (m.type !== "hello" || m.token === undefined) return false;
      socket.serverClose(CloseCode.Unauthorized, "invalid or expired token");
      return true;
    };
    await advance(1_000);
    expect(h.client.state).toMatchObject({ status: "closed", lastClose: { code: 4401 } });
    expect(h.client.outbox).toEqual([
      expect.objectContaining({
        text: "written while offline",
        status: "failed",
        error: SIGNED_OUT,
      }),
    ]);

    h.client.connect(); // signed in again: a new identity
    await flush();
    const sends = () => h.peer.last.received.filter((m) => m.type === "send");
    expect(h.client.state.status).toBe("open");
    expect(sends()).toEqual([]);

    const [entry] = h.client.outbox;
    h.client.retry(entry?.cid ?? "");
    await flush();
    expect(sends()).toEqual([expect.objectContaining({ text: "written while offline" })]);
    expect(h.client.outbox).toEqual([]);
  });
});
