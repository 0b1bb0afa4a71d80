import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "./migrations.js";
import { SqliteStore } from "./SqliteStore.js";

const dir = mkdtempSync(join(tmpdir(), "duplex-migrations-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A database file `name` as the server left it before migration `next` existed. */
function databaseBefore(name: string, next: number): { path: string; db: Database.Database } {
  const path = join(dir, name);
  const db = new Database(path);
  db.exec(`CREATE TABLE migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
    applied_at INTEGER NOT NULL)`);
  for (const m of MIGRATIONS.filter((m) => m.id < next)) {
    db.exec(m.sql);
    m.after?.(db);
    db.prepare(`INSERT INTO migrations VALUES (?, ?, 0)`).run(m.id, m.name);
  }
  return { path, db };
}

describe("migrations", () => {
  it("[migration 2] keeps notifications stored under the first schema", async () => {
    const { path, db } = databaseBefore("v1.db", 2);
    db.prepare(`INSERT INTO users VALUES ('u_a', 'Ann', 0)`).run();
    db.prepare(
      `INSERT INTO notifications (id, user_id, kind, title, body, level, ts, read)
       VALUES ('n_old', 'u_a', 'system', 'Old', '', 'info', 5, 0)`,
    ).run();
    db.close();

    const store = new SqliteStore(path);
    expect(await store.notifications.unread("u_a", 10)).toEqual([
      { id: "n_old", kind: "system", title: "Old", body: "", level: "info", ts: 5, read: false },
    ]);
    await store.close();
  });
});

describe("migrations 3 and 4", () => {
  it("keeps each message's author name and gives a shared name to its newest user", async () => {
    const { path, db } = databaseBefore("v2.db", 3);
    db.prepare(`INSERT INTO users VALUES ('u_old', 'Ann', 1), ('u_new', 'ann', 2)`).run();
    db.prepare(`INSERT INTO rooms VALUES ('general', 'e', 1, 0)`).run();
    db.prepare(
      `INSERT INTO messages (room, seq, id, user_id, cid, text, ts) VALUES
       ('general', 1, 'm_1', 'u_old', 'c1', 'hello', 5)`,
    ).run();
    db.close();

    const store = new SqliteStore(path);
    expect((await store.page("general", 10)).messages[0]?.from).toEqual({
      id: "u_old",
      name: "Ann",
    });
    expect(await store.accounts.holders(["ann"])).toEqual(
      new Map([["ann", { id: "u_new", name: "ann" }]]),
    );
    expect(await store.accounts.getUser("u_old")).toEqual({
      id: "u_old",
      name: "Ann",
      guest: true,
      role: "member",
    });
    await store.close();
  });
});

describe("migration 8 (message search)", () => {
  it("indexes the messages stored before it, oldest first, leaving deleted ones out", async () => {
    const { path, db } = databaseBefore("v7.db", 8);
    db.prepare(`INSERT INTO users (id, name, created_at) VALUES ('u_old', 'Ann', 1)`).run();
    db.prepare(`INSERT INTO rooms VALUES ('general', 'e', 3, 0)`).run();
    db.prepare(
      `INSERT INTO messages (room, seq, id, user_id, cid, text, ts, deleted) VALUES
       ('general', 1, 'm_1', 'u_old', 'c1', '旧的会议记录', 5, 0),
       ('general', 2, 'm_2', 'u_old', 'c2', '删掉的会议', 6, 1),
       ('general', 3, 'm_3', 'u_old', 'c3', '新的会议记录', 7, 0)`,
    ).run();
    db.close();

    const store = new SqliteStore(path);
    const page = await store.search.messages({ userId: "u_old", query: "会议记录", limit: 10 });
    expect(page.hits.map((h) => h.message.id)).toEqual(["m_3", "m_1"]);
    const short = await store.search.messages({ userId: "u_old", query: "会议", limit: 10 });
    expect(short.hits.map((h) => h.message.id)).toEqual(["m_3", "m_1"]);
    await store.close();
  });
});

describe("migration 16 (search number on the message)", () => {
  it("keeps edits, deletes and newest-first search right for messages numbered before it", async () => {
    const { path, db } = databaseBefore("v15.db", 16);
    db.prepare(`INSERT INTO users (id, name, created_at) VALUES ('u_old', 'Ann', 1)`).run();
    db.prepare(
      `INSERT INTO rooms (name, epoch, seq, created_at) VALUES ('general', 'e', 3, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO messages (room, seq, id, user_id, cid, text, ts) VALUES
       ('general', 1, 'm_1', 'u_old', 'c1', 'budget meeting notes', 5),
       ('general', 2, 'm_2', 'u_old', 'c2', 'budget draft', 6),
       ('general', 3, 'm_3', 'u_old', 'c3', 'budget final', 7)`,
    ).run();
    // m_1 is indexed before the upgrade, m_2 and m_3 only after it.
    db.prepare(`INSERT INTO message_fts (rowid, text) VALUES (1, 'budget meeting notes')`).run();
    db.prepare(`UPDATE search_index SET indexed_to = 1`).run();
    db.close();

    const store = new SqliteStore(path);
    const ids = async (query: string) =>
      (await store.search.messages({ userId: "u_old", query, limit: 10 })).hits.map(
        (h) => h.message.id,
      );
    const change = { room: "general", userId: "u_old" };
    await store.editMessage({ ...change, id: "m_1", text: "quarterly plan", editedAt: 8 });
    await store.deleteMessage({ ...change, id: "m_3" });
    await store.append({ ...change, cid: "c4", text: "budget approved", id: "m_4", ts: 9 });
    expect(await ids("budget")).toEqual(["m_4", "m_2"]);
    expect(await ids("quarterly")).toEqual(["m_1"]);
    await store.close();
  });
});
