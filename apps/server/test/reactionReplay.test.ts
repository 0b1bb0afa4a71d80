import { describe, it } from "vitest";
import { startTestServer, tempDb } from "./helpers.js";
import { reactWhileAway, resumeAndCheck } from "./support/reactionReplayScenario.js";

describe("reactions in the change replay (SQLite)", () => {
  it("replays the reaction changes made while away exactly once, in order, across a restart", async () => {
    using db = tempDb();
    let start;
    {
      await using server = await startTestServer({ dbPath: db.path });
      start = await reactWhileAway(server.url, server.url);
    }
    await using server = await startTestServer({ dbPath: db.path });
    await resumeAndCheck(server.url, start);
  });
});
