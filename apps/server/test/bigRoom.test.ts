import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { PAGE_BEFORE_SQL, SqliteStore } from "../src/store/SqliteStore.js";
import { TestClient, startTestServer, tempDb } from "./helpers.js";

const MESSAGES = 100_000;
const author = { id: "u_seedseedseedseed", name: "Seeder" };

/** Creates the schema through the store, then bulk-inserts in one transaction (seconds → ~0.5 s). */
async function seed(path: string): Promise<void> {
  const store = new SqliteStore(path);
  await store.upsertUser(author);
  await store.ensureRoom("big");
  await store.ensureRoom("empty");
  await store.ensureRoom("page");
  await store.close();
  const db = new Database(path);
  const insert = db.prepare(
    `INSERT INTO messages (room, seq, id, user_id, cid, text, ts) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  // Messages 1..count of `room`: ids `<idPrefix><seq>`, cids `<cidPrefix><seq>`.
  const fill = (room: string, count: number, idPrefix: string, cidPrefix: string) => {
    for (let seq = 1; seq <= count; seq++) {
      insert.run(
        room,
        seq,
        `${idPrefix}${seq}`,
        author.id,
        `${cidPrefix}${seq}`,
        `message number ${seq}`,
        1_000 + seq,
      );
    }
  };
  db.transaction(() => {
    fill("big", MESSAGES, "m_", "c");
    // A room holding exactly one page: what a join costs without 99,950 older messages behind it.
    fill("page", 50, "m_p", "p");
    db.prepare(`UPDATE rooms SET seq = ? WHERE name = 'big'`).run(MESSAGES);
    db.prepare(`UPDATE rooms SET seq = 50 WHERE name = 'page'`).run();
  })();
  db.close();
}

/** The page query's plan, as SQLite's EXPLAIN QUERY PLAN details. */
function planFor(path: string, room: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare<[string, number, number], { detail: string }>(
        `EXPLAIN QUERY PLAN ${PAGE_BEFORE_SQL}`,
      )
      .all(room, Number.MAX_SAFE_INTEGER, 50)
      .map((row) => row.detail);
  } finally {
    db.close();
  }
}

async function timedJoin(client: TestClient, room: string) {
  const started = performance.now();
  const joined = await client.join(room);
  return { joined, ms: performance.now() - started };
}

describe("a room with 100,000 stored messages", () => {
  it("opens with its latest page through the (room, seq) index, like an empty room", async () => {
    using db = tempDb();
    await seed(db.path);

    const bigPlan = planFor(db.path, "big");
    expect(bigPlan).toEqual(planFor(db.path, "empty"));
    const messageStep = bigPlan.find((d) => /\bm\b/.test(d) && !/\bu\b/.test(d)) ?? "";
    // A search on the primary key (room, seq) or the explicit messages_room_seq index: never a
    // scan of the table and never a sort of the room's rows.
    expect(messageStep).toMatch(
      /^SEARCH m USING (PRIMARY KEY|INDEX messages_room_seq) \(room=\? AND seq<\?\)$/,
    );
    expect(bigPlan.join("\n")).not.toMatch(/SCAN m\b|TEMP B-TREE/);

    await using server = await startTestServer({ dbPath: db.path });
    const { client } = await TestClient.hello(server.url, { name: "Reader" });
    using _ = client;
    await timedJoin(client, "general"); // warm-up: the first statement runs pay one-off costs
    const empty = await timedJoin(client, "empty");
    const page = await timedJoin(client, "page");
    const big = await timedJoin(client, "big");
    // Again, with SQLite's page cache warm (the first read of the big file's pages is disk-bound).
    const bigAgain = await timedJoin(client, "big");
    console.log(
      `[100k room] join: empty room ${empty.ms.toFixed(2)} ms, 50-message room ${page.ms.toFixed(2)} ms, 100,000-message room ${big.ms.toFixed(2)} ms (again: ${bigAgain.ms.toFixed(2)} ms); plan: ${bigPlan.join(" | ")}`,
    );
    expect(empty.joined).toMatchObject({ messages: [], hasMore: false, seq: 0 });
    expect(big.joined.seq).toBe(MESSAGES);
    expect(big.joined.hasMore).toBe(true);
    expect(big.joined.messages.map((m) => m.seq)).toEqual(
      Array.from({ length: 50 }, (_, i) => MESSAGES - 49 + i),
    );
  });
});
