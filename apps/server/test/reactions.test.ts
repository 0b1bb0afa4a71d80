import { describe, it } from "vitest";

import { testWorld } from "./support/testWorld.js";
import { reactionsScenario } from "./support/reactionsScenario.js";

describe("reactions and replies (SQLite)", () => {
  it("toggles idempotently, counts, fans out to granted sockets, refuses what it must, quotes replies", async () => {
    await using world = await testWorld();
    await reactionsScenario([world.server.url]);
  });
});
