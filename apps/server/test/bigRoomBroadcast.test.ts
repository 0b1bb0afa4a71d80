import type { TestClient } from "./helpers.js";
import { describe, expect, it } from "vitest";
import { BIG_FLUSH_SOCKETS } from "../src/connection/adaptiveFlush.js";
import { LIMITS_OFF } from "../src/limits/limitsConfig.js";
import { testWorld } from "./support/testWorld.js";

const ROOM = "general";
const BURST = 40;

describe("a big room's broadcasts", () => {
  it("reach every member once, in seq order, written at once or gathered", async () => {
    // A thousand sockets from one test address: the per-address caps are not what this is about.
    await using world = await testWorld({ config: { limits: LIMITS_OFF } });
    const members: TestClient[] = [];
    // A room as big as the socket edge treats as big: its frames are written at once when the
    // server is idle, and held and gathered when broadcasts follow each other at once.
    while (members.length < BIG_FLUSH_SOCKETS) {
      const batch = await Promise.all(
        Array.from({ length: 100 }, async () => {
          const { client } = await world.hello({ caps: ["presence_diff", "member_pages"] });
          await client.join(ROOM);
          return client;
        }),
      );
      members.push(...batch);
    }
    const [first, second] = members;
    if (!first || !second) throw new Error("no members");

    // One message on an idle server, then two members pipeline a burst.
    first.send({ type: "send", room: ROOM, cid: "alone", text: "alone" });
    await second.waitFor("message", (m) => m.seq === 1);
    for (let i = 0; i < BURST / 2; i++) {
      first.send({ type: "send", room: ROOM, cid: `a${i}`, text: `a ${i}` });
      second.send({ type: "send", room: ROOM, cid: `b${i}`, text: `b ${i}` });
    }
    const last = BURST + 1;
    await Promise.all(members.map((m) => m.waitFor("message", (f) => f.seq === last, 20_000)));
    const expected = Array.from({ length: last }, (_, i) => i + 1);
    for (const member of members) {
      const seqs = member.received.flatMap((f) => (f.type === "message" ? [f.seq] : []));
      expect(seqs).toEqual(expected);
    }
  }, 60_000);
});
