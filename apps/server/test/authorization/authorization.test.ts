import { describe, expect, it } from "vitest";
import { startTestServer, tempDb } from "../helpers.js";
import { runAuthorizationTable } from "./runTable.js";

describe("authorization table (SQLite, one node)", () => {
  it("allows and denies every client message and moderation request per role and room kind", async () => {
    using db = tempDb();
    await using server = await startTestServer({ dbPath: db.path });
    const result = await runAuthorizationTable({ a: server, b: server });
    expect(result.actual, JSON.stringify(result.observed, null, 1)).toEqual(result.expected);
  }, 120_000);
});
