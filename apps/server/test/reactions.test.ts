import { describe, it } from "vitest";
import { startTestServer, tempDb } from "./helpers.js";
import { reactionsScenario } from "./support/reactionsScenario.js";

describe("reactions and replies (SQLite)", () => {
  it("toggles idempotently, counts, fans out to granted sockets, refuses what it must, quotes replies", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    await reactionsScenario([server.url]);
  });
});
