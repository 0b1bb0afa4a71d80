import { Capability } from "@duplex/protocol";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { connected, flush, harness } from "../test/harness.js";
import { loadServerDecoder } from "./lazyDecoder.js";

beforeEach(async () => {
  await loadServerDecoder(); // every frame below goes through the full (zod) decoder
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("a client reading a newer server", () => {
  it("[C6] asks for the capabilities it handles, plus the application's, and reports what was granted", async () => {
    const h = await connected({ caps: ["accounts", Capability.PresenceDiff] });
    expect(h.peer.last.received[0]).toMatchObject({
      type: "hello",
      caps: [Capability.PresenceDiff, "accounts"],
    });
  });

  it("[C1] [C2] delivers a message whose author and body carry fields it does not know, and ignores frames of unknown types, counting both", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const h = harness();
    h.client.join("general");
    h.client.connect();
    await flush();
    const author = { id: "u_bbbbbbbbbbbbbbbb", name: "Bob" };
    const from = { ...author, pronouns: "he/him", badge: "member" };
    h.peer.last.pushRaw(JSON.stringify({ type: "pin", room: "general", emoji: "👍" }));
    h.peer.last.pushRaw(
      JSON.stringify({
        type: "message",
        room: "general",
        id: "m_new",
        seq: 1,
        cid: "c-new",
        from,
        text: "from the future",
        ts: 1,
        threadOf: "m_0",
      }),
    );
    h.peer.last.pushRaw(JSON.stringify({ type: "pin", room: "general", emoji: "🎉" }));
    await flush();
    expect(h.delivered.get("general")?.map((m) => m.text)).toEqual(["from the future"]);
    expect(h.client.tolerated).toEqual({ fields: 3, types: 2 });
    // Each distinct label once, however many frames carried it.
    const logged = vi.mocked(console.warn).mock.calls.map((c) => String(c[0]));
    expect(logged.filter((l) => l.includes("pin"))).toHaveLength(1);
  });
});
