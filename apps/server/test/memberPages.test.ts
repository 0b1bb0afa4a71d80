import { Capability, ErrorCode } from "@duplex/protocol";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { startTestServer, tempDb } from "./helpers.js";
import { testWorld } from "./support/testWorld.js";
import { SCENARIO_THRESHOLD, bigRoomScenario } from "./support/memberPagesScenario.js";

describe("big rooms on one node (capability member_pages)", () => {
  it("[R11][R12] pages members, coalesces occupancy and sends changes only to watchers and v1 clients", async () => {
    using db = tempDb();
    await using server = await startTestServer({
      dbPath: db.path,
      bigRoomThreshold: SCENARIO_THRESHOLD,
      limits: loadConfig({ ABUSE_LIMITS: "off" }).limits,
    });
    await bigRoomScenario([server.url], "general");
  });

  it("[R11] charges member pages to the read budget and refuses rooms not joined or clients that did not ask", async () => {
    await using world = await testWorld();
    const { client } = await world.hello({ caps: [Capability.MemberPages] });
    const { client: old } = await world.hello({});
    await client.join("general");
    await old.join("general");

    client.send({ type: "members", room: "elsewhere", ref: "x" });
    expect(await client.waitFor("error", (e) => e.ref === "x")).toMatchObject({
      code: ErrorCode.NotJoined,
    });
    old.send({ type: "watch_members", room: "general", ref: "y" });
    expect(await old.waitFor("error", (e) => e.ref === "y")).toMatchObject({
      code: ErrorCode.UnknownType,
    });

    // A query scans the room, so each page keeps its whole reservation (100 rows of a 1,000 burst).
    let refused;
    for (let i = 0; i < 20 && !refused; i++) {
      client.send({ type: "members", room: "general", query: "x", ref: `q${i}` });
      const reply = await Promise.race([
        client.waitFor("members", (m) => m.ref === `q${i}`),
        client.waitFor("error", (e) => e.ref === `q${i}`),
      ]);
      if (reply.type === "error") refused = { at: i, reply };
    }
    expect(refused?.at).toBe(10);
    expect(refused?.reply).toMatchObject({ code: ErrorCode.RateLimited });
    expect(refused?.reply.retryAfterMs).toBeGreaterThan(0);
  });
});
