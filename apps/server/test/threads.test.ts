import { describe, it } from "vitest";

import { testWorld } from "./support/testWorld.js";
import { threadsScenario } from "./support/threadsScenario.js";

describe("threads (SQLite)", () => {
  it("sends, delivers, summarises, pages, syncs unread, notifies, refuses and replays threads", async () => {
    await using world = await testWorld();
    await threadsScenario([world.server.url]);
  });
});
