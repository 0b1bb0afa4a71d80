import { CAPABILITIES, Capability, PROTOCOL_INFO_PATH } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { RawPeer } from "./compat/conversation.js";
import { TestClient, startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";

// Long enough that two joins sent back to back fall in one window even on a busy machine.
const WIDE_WINDOW_MS = 1_000;

describe("a protocol that grows without breaking older or newer clients", () => {
  it("[C4] a plain v1 client gets one `presence` per change of a batched window, never its own join; a client that asked gets one `presence_diff`", async () => {
    using db = tempDb();
    await using server = await startTestServer(
      { dbPath: db.path },
      { presenceIntervalMs: WIDE_WINDOW_MS },
    );
    const { client: watcher } = await TestClient.hello(server.url, { name: "watcher" });
    const { client: modern, welcome: modernWelcome } = await TestClient.hello(server.url, {
      name: "modern",
      caps: [Capability.PresenceDiff],
    });
    using _w = watcher;
    using _m = modern;
    await watcher.join("general");
    await modern.join("general");
    // Their window has closed once the watcher hears the modern client's join.
    await watcher.waitForPresence("join", modernWelcome.user.id);
    const v1a = await RawPeer.open(server.url);
    const v1b = await RawPeer.open(server.url);
    try {
      const from = { a: v1a.frames.length, b: v1b.frames.length };
      v1a.send({ type: "hello", name: "v1-a" });
      v1b.send({ type: "hello", name: "v1-b" });
      v1a.send({ type: "join", room: "general" });
      v1b.send({ type: "join", room: "general" });
      // The other v1 client's join as a `presence` to each v1 joiner, nothing batched, never its own.
      const oneJoin = ["welcome", "joined", "presence"];
      const a = await v1a.until(from.a, oneJoin);
      const b = await v1b.until(from.b, oneJoin);
      const typesOf = (frames: unknown[]) => frames.map((f) => (f as { type: string }).type);
      expect(typesOf(a)).not.toContain("presence_diff");
      expect(typesOf(b)).not.toContain("presence_diff");
      const welcomeA = a.find((f) => (f as { type: string }).type === "welcome") as {
        user: { id: string };
      };
      const joinsSeenByA = a
        .filter((f) => (f as { type: string }).type === "presence")
        .map((f) => (f as { user: { id: string } }).user.id);
      expect(joinsSeenByA).not.toContain(welcomeA.user.id);
      expect(joinsSeenByA).toHaveLength(1);

      // The plain-v1 watcher hears the two joins of the window as two `presence` frames.
      const watcherJoins = () =>
        watcher.received.filter((m) => m.type === "presence" && m.event === "join").length;
      await expect.poll(watcherJoins, { timeout: 5_000 }).toBe(3); // modern's, then v1-a's and v1-b's
      expect(watcher.received.some((m) => m.type === "presence_diff")).toBe(false);
      // The client that asked hears them as one `presence_diff` with both.
      const diff = await modern.waitFor("presence_diff", (m) =>
        m.joined.some((u) => u.name === "v1-a"),
      );
      expect(diff.joined.map((u) => u.name).sort()).toEqual(["v1-a", "v1-b"]);
      const loneV1Joins = modern.received.filter(
        (m) => m.type === "presence" && m.user.name.startsWith("v1-"),
      );
      expect(loneV1Joins).toHaveLength(0);
    } finally {
      v1a.ws.terminate();
      v1b.ws.terminate();
    }
  });

  it("[C1] [C6] a newer client's hello with fields and capabilities this node does not know is welcomed, not closed", async () => {
    await using world = await testWorld({ config: { nodeId: "node-g" } });
    const peer = await RawPeer.open(world.server.url);
    try {
      peer.send({
        type: "hello",
        name: "Nova",
        caps: ["presence_diff", "teleport"],
        device: { kind: "phone", os: "future" },
      });
      const [welcome] = (await peer.until(0, ["welcome"])) as [{ caps?: string[] }];
      expect(welcome.caps).toEqual(["presence_diff"]);
      peer.send({ type: "join", room: "general", since: { seq: 0, epoch: "x", shard: 3 } });
      peer.send({ type: "teleport", ref: "t1", to: "mars" });
      const frames = (await peer.until(1, ["joined", "error"])) as Array<{
        type: string;
        code?: string;
        ref?: string;
      }>;
      expect(frames.find((f) => f.type === "error")).toMatchObject({
        code: "unknown_type",
        ref: "t1",
      });

      const text = await (await fetch(`${world.server.httpUrl}/metrics`)).text();
      expect(text).toContain('duplex_ignored_fields_total{node="node-g"} 2');
      expect(text).toContain('duplex_unknown_types_total{node="node-g"} 1');
    } finally {
      peer.ws.terminate();
    }
  });

  it("[C6] /api/protocol lists every capability the server can grant", async () => {
    await using world = await testWorld();
    const info = (await (await fetch(`${world.server.httpUrl}${PROTOCOL_INFO_PATH}`)).json()) as {
      capabilities: string[];
    };
    expect(info.capabilities).toEqual([...CAPABILITIES]);
  });

  it("[C6] a client that asks for nothing gets a welcome without `caps`, as in v1", async () => {
    await using world = await testWorld();
    const { welcome } = await world.hello({ name: "Old" });
    expect("caps" in welcome).toBe(false);
  });
});
