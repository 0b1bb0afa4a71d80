import { describe, expect, it } from "vitest";
import { tempDb } from "../helpers.js";
import { spawnServer } from "../support/serverProcess.js";

describe("REDIS_URL at start-up", () => {
  it("exits 1 with an error naming REDIS_URL (password hidden) when Redis is unreachable", async () => {
    using db = tempDb();
    const server = spawnServer({
      LOG_LEVEL: "silent",
      PORT: "0",
      DB_PATH: db.path,
      REDIS_URL: "redis://:sekrit@127.0.0.1:1",
    });
    expect(await server.exited).toBe(1);
    const output = server.output();
    expect(output).toContain("REDIS_URL: cannot reach redis://***@127.0.0.1:1");
    expect(output).not.toContain("sekrit");
  });
});
