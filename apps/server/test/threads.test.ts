import { describe, it } from "vitest";
import { startTestServer, tempDb } from "./helpers.js";
import { threadsScenario } from "./support/threadsScenario.js";

describe("threads (SQLite)", () => {
  it("sends, delivers, summarises, pages, syncs unread, notifies, refuses and replays threads", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    await threadsScenario([server.url]);
  });
});
