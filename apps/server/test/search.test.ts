import { describe, it } from "vitest";
import { startTestServer, tempDb } from "./helpers.js";
import { searchScenario } from "./support/searchScenario.js";

describe("search (SQLite, one node)", () => {
  it("finds Chinese and Latin text in readable rooms only, as edited, and charges the read budget", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    await searchScenario([server.url]);
  });
});
