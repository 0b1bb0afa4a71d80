import { describe, it } from "vitest";

import { testWorld } from "./support/testWorld.js";
import { searchScenario } from "./support/searchScenario.js";

describe("search (SQLite, one node)", () => {
  it("finds Chinese and Latin text in readable rooms only, as edited, and charges the read budget", async () => {
    await using world = await testWorld();
    await searchScenario([world.server.url]);
  });
});
