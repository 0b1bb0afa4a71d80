import Database from "better-sqlite3";
import { Capability } from "@duplex/protocol";
import { afterAll, describe, expect, it } from "vitest";
import { countStatements } from "../scripts/statementCounter.js";
import { testWorld } from "./support/testWorld.js";

// The store's read of one room by name (`getRoom`), as the counter keys it.
const ROOM_READ = "SELECT name, seq, epoch FROM rooms WHERE name = ?";
const statements = countStatements();
afterAll(() => statements.stop());

/** How many times `join` read the room by name. */
async function roomReadsOf(join: () => Promise<unknown>): Promise<number> {
  statements.counts.clear();
  statements.start();
  try {
    await join();
  } finally {
    statements.stop();
  }
  return statements.counts.get(ROOM_READ)?.calls ?? 0;
}

describe("the room a join reads", () => {
  it("is read before the join only while nobody on this node is in it", async () => {
    await using world = await testWorld();
    const caps = [Capability.MemberPages];
    const { client: ann } = await world.hello({ name: "ann", caps });
    const { client: bob } = await world.hello({ name: "bob", caps });
    // Nobody here yet: the room may not exist, so it is opened (read, created if need be).
    expect(await roomReadsOf(() => ann.join("storm"))).toBeGreaterThan(0);
    // Ann is in it, so it exists: Bob's join reads it only with his DMs, after he entered.
    let joined: unknown;
    expect(await roomReadsOf(async () => (joined = await bob.join("storm")))).toBe(0);
    expect(joined).toMatchObject({ room: "storm", seq: 0, memberCount: 2 });
    // Another room nobody here is in is opened again.
    expect(await roomReadsOf(() => bob.join("calm"))).toBeGreaterThan(0);
  });

  it("restores a room collected while someone was in it, for the next joiner", async () => {
    await using world = await testWorld();
    const { client: ann } = await world.hello({ name: "ann" });
    const { client: bob } = await world.hello({ name: "bob" });
    const first = await ann.join("fleeting");
    // What the janitor's delete does when it races a join (its presence read came first).
    const side = new Database(world.dbPath);
    side.prepare(`DELETE FROM saved_rooms WHERE room = 'fleeting'`).run();
    side.prepare(`DELETE FROM rooms WHERE name = 'fleeting'`).run();
    side.close();

    const joined = await bob.join("fleeting");
    expect(joined.seq).toBe(0);
    expect(joined.epoch).not.toBe(first.epoch);
    bob.send({ type: "send", room: "fleeting", cid: "c1", text: "still here" });
    expect(await bob.waitFor("ack")).toMatchObject({ room: "fleeting", seq: 1 });
    expect(await ann.waitFor("message", (m) => m.room === "fleeting")).toMatchObject({
      text: "still here",
    });
  });
});
